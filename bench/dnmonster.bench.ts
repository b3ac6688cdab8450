// npm run bench (second part): the dnmonster service alone, as a process, on loopback.
// Renders per second at 80 and 512 px, then fairness: while 16 connections render 512 px
// monsters flat out, a client opening a fresh connection per request for 80 px monsters
// should still get quick answers. `node dist/bench/dnmonster.bench.js [path/to/main.js]`
// measures another build of the service (to compare before and after a change).
import http from 'node:http';
import autocannon from 'autocannon';
import { DNMONSTER_MAIN, startDnmonster } from '../test/support/dnmonster-service.js';

const SECONDS = 4;
const LOADERS = 16;

const median = (sorted: number[]): number => sorted[Math.floor(sorted.length / 2)] ?? NaN;

/** One GET on a connection of its own (no keep-alive): resolves with ms, rejects on failure. */
function freshGet(port: number, path: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) resolve(performance.now() - started);
          else reject(new Error(`HTTP ${res.statusCode ?? 0}`));
        });
      })
      .on('error', reject);
  });
}

async function rendersPerSecond(
  url: string,
  size: number,
): Promise<{ rate: number; failed: number }> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: LOADERS,
    duration: SECONDS,
    requests: [
      { method: 'GET', setupRequest: (r) => ({ ...r, path: `/monster/rate-${n++}?size=${size}` }) },
    ],
  });
  return {
    rate: Math.round(result.requests.average),
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

const main = process.argv[2] ?? DNMONSTER_MAIN;
const dnmonster = await startDnmonster(main, false);
try {
  await rendersPerSecond(dnmonster.url, 512); // warm-up
  const at80 = await rendersPerSecond(dnmonster.url, 80);
  const at512 = await rendersPerSecond(dnmonster.url, 512);

  // Fairness: the load runs while a newcomer asks, one fresh connection per request.
  let n = 0;
  const load = autocannon({
    url: dnmonster.url,
    connections: LOADERS,
    duration: SECONDS + 1,
    requests: [
      { method: 'GET', setupRequest: (r) => ({ ...r, path: `/monster/load-${n++}?size=512` }) },
    ],
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const latencies: number[] = [];
  let failed = 0;
  const until = performance.now() + SECONDS * 1000;
  for (let i = 0; performance.now() < until; i++) {
    try {
      latencies.push(await freshGet(dnmonster.port, `/monster/newcomer-${i}?size=80`));
    } catch {
      failed++;
    }
  }
  const loaded = await load;
  latencies.sort((a, b) => a - b);

  console.log(`\ndnmonster (${main}), ${LOADERS} connections, ${SECONDS} s each.`);
  console.table([
    { scenario: 'renders/s at 80 px', value: at80.rate, failed: at80.failed },
    { scenario: 'renders/s at 512 px', value: at512.rate, failed: at512.failed },
    {
      scenario: 'under 512 px load: renders/s',
      value: Math.round(loaded.requests.average),
      failed: loaded.errors + loaded.timeouts + loaded.non2xx,
    },
    { scenario: 'newcomer (fresh connection, 80 px): requests', value: latencies.length, failed },
    { scenario: 'newcomer: median ms', value: Math.round(median(latencies) * 10) / 10, failed: 0 },
    {
      scenario: 'newcomer: max ms',
      value: Math.round((latencies.at(-1) ?? NaN) * 10) / 10,
      failed: 0,
    },
  ]);
} finally {
  await dnmonster.stop();
}
