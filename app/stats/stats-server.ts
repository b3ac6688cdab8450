import http from 'node:http';
import type { ProcessDescription } from 'pm2';
import { toWorkerStats } from './worker-stats.js';

/** Lists the processes pm2 manages (in production: pm2.list over pm2's socket). */
export type ListProcesses = () => Promise<ProcessDescription[]>;

/** The JSON stats endpoint: any GET answers with every worker's figures. */
export function createStatsServer(list: ListProcesses): http.Server {
  return http.createServer((req, res) => {
    const reply = (status: number, body: unknown): void => {
      const json = JSON.stringify(body, null, 2);
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(json),
        'Cache-Control': 'no-store',
      });
      res.end(json);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(405, { error: 'method not allowed' });
      return;
    }
    list().then(
      (processes) => {
        const now = Date.now();
        reply(200, {
          generated_at: new Date(now).toISOString(),
          workers: processes.map((p) => toWorkerStats(p, now)),
        });
      },
      (error: unknown) => {
        reply(503, { error: `pm2 is not answering: ${String(error)}` });
      },
    );
  });
}
