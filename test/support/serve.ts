import { once } from 'node:events';
import http, { type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A handler served on a free loopback port: its server (to close), port and origin. */
export interface Served {
  readonly server: Server;
  readonly port: number;
  readonly origin: string;
}

export async function serveOnLoopback(handler: RequestListener): Promise<Served> {
  const server = http.createServer(handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, port, origin: `http://127.0.0.1:${port}` };
}
