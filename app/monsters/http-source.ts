import http from 'node:http';
import https from 'node:https';
import fetch from 'node-fetch';
import { redactUrl } from '../config.js';
import { RenderError, isPng, type MonsterSource } from './source.js';

const HEALTH_TIMEOUT_MS = 1000;

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Asks the dnmonster service for monsters, over pooled keep-alive connections. */
export function createHttpSource(base: URL, timeoutMs: number): MonsterSource {
  const options = { keepAlive: true, maxSockets: 64 };
  const agent = base.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
  const at = (path: string): URL => new URL(path, base);

  async function get(
    url: URL,
    ms: number,
  ): Promise<{ status: number; type: string; body: Buffer }> {
    // One deadline for the whole exchange, headers and body alike.
    const response = await fetch(url, { agent, signal: AbortSignal.timeout(ms) });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type') ?? '', body };
  }

  return {
    description: `dnmonster service at ${redactUrl(base)}`,

    async render(name, size) {
      const url = at(`monster/${encodeURIComponent(name)}?size=${size}`);
      let reply;
      try {
        reply = await get(url, timeoutMs);
      } catch (error) {
        if (isAbort(error)) {
          throw new RenderError('timeout', `dnmonster did not answer within ${timeoutMs} ms`);
        }
        throw new RenderError('unavailable', 'dnmonster is unreachable');
      }
      if (reply.status !== 200) {
        throw new RenderError('bad_response', `dnmonster answered HTTP ${reply.status}`);
      }
      if (!isPng(reply.body)) {
        throw new RenderError(
          'bad_response',
          'dnmonster answered with something that is not a PNG',
        );
      }
      return reply.body;
    },

    async isReady() {
      try {
        return (await get(at('healthz'), HEALTH_TIMEOUT_MS)).status === 200;
      } catch {
        return false;
      }
    },

    close() {
      agent.destroy();
    },
  };
}
