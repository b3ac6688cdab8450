// The bench's ceiling: node:http and nothing else, in a process of its own (as identidock
// is), answering every request with the reply the bench last sent it over IPC.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedReply {
  readonly status: number;
  readonly headers: http.OutgoingHttpHeaders;
  readonly body: Buffer;
}

let reply: CannedReply = { status: 204, headers: {}, body: Buffer.alloc(0) };

const server = http.createServer((req, res) => {
  res.writeHead(reply.status, reply.headers).end(req.method === 'HEAD' ? undefined : reply.body);
});
server.keepAliveTimeout = 65_000;

process.on('message', (message: CannedReply) => {
  reply = { ...message, body: Buffer.from(message.body) };
  process.send?.('ok');
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
