import { once } from 'node:events';
import http from 'node:http';

export interface RawReply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * A request with its target sent exactly as written. fetch and supertest resolve it as a
 * URL first, which removes dot segments: `/monster/..` would become `/`.
 */
export async function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: http.OutgoingHttpHeaders = {},
): Promise<RawReply> {
  const request = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false });
  request.end();
  const [response] = (await once(request, 'response')) as [http.IncomingMessage];
  const chunks = (await response.toArray()) as Buffer[];
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    body: Buffer.concat(chunks),
  };
}

export const rawGet = (port: number, path: string, headers?: http.OutgoingHttpHeaders) =>
  rawRequest(port, 'GET', path, headers);
