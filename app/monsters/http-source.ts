import http from 'node:http';
import https from 'node:https';
import fetch from 'node-fetch';
import { redactUrl } from '../log/redact.js';
import { RenderError, isPicture, type MonsterSource } from './source.js';

const HEALTH_TIMEOUT_MS = 1000;

/** Error codes of a connection that could not be made or was lost: the service is not there. */
const NETWORK_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

interface Reply {
  readonly status: number;
  readonly body: Buffer;
  /** The request went out on a kept-alive socket that the service may have closed meanwhile. */
  readonly reusedSocket: boolean;
}

/**
 * Asks the dnmonster service for monsters, over pooled keep-alive connections.
 *
 * Renders use node:http with the path written out, not a URL: URL resolution removes the
 * names "." and ".." as dot segments, which are legal monster names. Credentials in
 * DNMONSTER_URL are sent as Basic auth (node-fetch refuses URLs that carry them).
 */
export function createHttpSource(base: URL, timeoutMs: number): MonsterSource {
  const transport = base.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 64 });
  const origin = new URL(base.href);
  origin.username = '';
  origin.password = '';
  const headers: Record<string, string> =
    base.username || base.password
      ? {
          authorization: `Basic ${Buffer.from(
            `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`,
          ).toString('base64')}`,
        }
      : {};
  const prefix = origin.pathname.endsWith('/') ? origin.pathname : `${origin.pathname}/`;
  const host = origin.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals lose their brackets
  const port = origin.port;

  function get(path: string, attempt: 'first' | 'retry' = 'first'): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const request = transport.request(
        { agent, host, port, path, headers, signal: AbortSignal.timeout(timeoutMs) },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks),
              reusedSocket: request.reusedSocket,
            });
          });
          response.on('error', reject);
        },
      );
      request.on('error', (error) => {
        // A kept-alive socket the service closed as we reused it (a restart, its idle
        // timeout): the request never reached it, so it is safe to send once more.
        if (attempt === 'first' && request.reusedSocket && errorCode(error) === 'ECONNRESET') {
          get(path, 'retry').then(resolve, reject);
          return;
        }
        reject(error);
      });
      request.end();
    });
  }

  return {
    description: `dnmonster service at ${redactUrl(base)}`,
    remote: true,

    async render(name, size, format) {
      let reply: Reply;
      try {
        reply = await get(
          `${prefix}monster/${encodeURIComponent(name)}?size=${size}&format=${format}`,
        );
      } catch (error) {
        if (isAbort(error)) {
          throw new RenderError('timeout', `dnmonster did not answer within ${timeoutMs} ms`, {
            cause: error,
          });
        }
        const code = errorCode(error);
        if (code !== undefined && NETWORK_FAILURES.has(code)) {
          throw new RenderError('unavailable', 'dnmonster is unreachable', { cause: error });
        }
        throw new RenderError('bad_response', 'dnmonster could not be asked', { cause: error });
      }
      if (reply.status !== 200) {
        throw new RenderError('bad_response', `dnmonster answered HTTP ${reply.status}`);
      }
      if (!isPicture(format, reply.body)) {
        throw new RenderError(
          'bad_response',
          `dnmonster answered with something that is not ${format === 'png' ? 'a PNG' : 'an SVG'}`,
        );
      }
      return reply.body;
    },

    async isReady() {
      try {
        const response = await fetch(new URL(`${prefix}healthz`, origin), {
          agent,
          headers,
          signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
        });
        await response.arrayBuffer(); // read to the end, so the socket goes back to the pool
        return response.status === 200;
      } catch {
        return false;
      }
    },

    close() {
      agent.destroy();
    },
  };
}
