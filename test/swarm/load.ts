// Steady load for the swarm test: a few keep-alive connections sending GETs through the
// proxy (pages and monsters) until the stop file appears or the time runs out. Every
// answer that is not 200, and every connection error, counts as a failure. Prints one
// JSON line: {"sent":N,"failed":N,"seconds":N,"failures":[...the first ten]}.
//   node dist/test/swarm/load.js PORT STOP_FILE [MAX_SECONDS]
import { existsSync } from 'node:fs';
import http from 'node:http';

const [portArg, stopFile, maxArg] = process.argv.slice(2);
const port = Number(portArg);
if (!Number.isInteger(port) || !stopFile) {
  console.error('usage: load.js PORT STOP_FILE [MAX_SECONDS]');
  process.exit(2);
}
const deadline = Date.now() + Number(maxArg ?? '600') * 1000;
const CONNECTIONS = 4;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

let sent = 0;
const failures: string[] = [];

function get(path: string): Promise<void> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) failures.push(`${path}: HTTP ${res.statusCode ?? 0}`);
        resolve();
      });
      res.on('error', (error) => {
        failures.push(`${path}: ${error.message}`);
        resolve();
      });
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 10 s')));
    request.on('error', (error) => {
      failures.push(`${path}: ${error.message}`);
      resolve();
    });
  });
}

const started = Date.now();
await Promise.all(
  Array.from({ length: CONNECTIONS }, async (_, lane) => {
    for (let i = 0; !existsSync(stopFile) && Date.now() < deadline; i++) {
      sent++;
      // 100 names in all: fewer than one client's render limit (120 a minute).
      await get(i % 5 === 0 ? '/' : `/monster/swarm-${lane}-${i % 25}`);
    }
  }),
);
agent.destroy();
console.log(
  JSON.stringify({
    sent,
    failed: failures.length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    failures: failures.slice(0, 10),
  }),
);
