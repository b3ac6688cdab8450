// npm run bench: throughput and latency of identidock, run as its own process (PROD, one
// worker) against a real redis-server and the real dnmonster, all on loopback, driven by
// autocannon. Each scenario runs for a fixed time; the numbers depend on the machine.
import autocannon, { type Request } from 'autocannon';
import { startApp } from '../test/support/app-process.js';
import { startDnmonster } from '../test/support/dnmonster-service.js';
import { startRedis } from '../test/support/redis-server.js';

const SECONDS = 4;
const WARM_UP_SECONDS = 2;
const CONNECTIONS = 32;

interface Row {
  scenario: string;
  'req/s (32 conns)': number;
  'p99 ms (32 conns)': number;
  'mean ms (1 conn)': number;
  errors: number;
}

/**
 * Throughput under load (CONNECTIONS at once) and latency alone (one connection): under
 * load every path here is CPU-bound on a small machine, so the single-connection figure is
 * the one that shows what a cache tier costs a request.
 */
async function measure(scenario: string, url: string, requests?: Request[]): Promise<Row> {
  const options = { url, ...(requests ? { requests } : {}) };
  // An unrecorded warm-up first, so the JIT has compiled the hot path before we measure.
  await autocannon({ ...options, connections: CONNECTIONS, duration: WARM_UP_SECONDS });
  const loaded = await autocannon({ ...options, connections: CONNECTIONS, duration: SECONDS });
  const alone = await autocannon({ ...options, connections: 1, duration: SECONDS });
  return {
    scenario,
    'req/s (32 conns)': Math.round(loaded.requests.average),
    'p99 ms (32 conns)': loaded.latency.p99,
    'mean ms (1 conn)': alone.latency.average,
    errors: [loaded, alone].reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0),
  };
}

const [redis, dnmonster] = await Promise.all([startRedis(), startDnmonster()]);
const env = { REDIS_URL: redis.url, DNMONSTER_URL: dnmonster.url };
const rows: Row[] = [];
try {
  const tiered = await startApp(env);
  await fetch(`${tiered.url}/monster/hot`); // warm: the monster is in memory and Redis
  rows.push(await measure('page GET /', `${tiered.url}/`));
  rows.push(await measure('monster, in-process LRU hit', `${tiered.url}/monster/hot`));
  let n = 0;
  const everyRequestNew: Request[] = [
    { method: 'GET', setupRequest: (request) => ({ ...request, path: `/monster/bench-${n++}` }) },
  ];
  rows.push(await measure('monster, miss: dnmonster render + store', tiered.url, everyRequestNew));
  await tiered.process.stop();

  // The LRU turned off: every request goes to Redis, as a fresh worker or container would.
  const redisOnly = await startApp({ ...env, MEMORY_CACHE_BYTES: '0' });
  rows.push(await measure('monster, Redis hit (LRU off)', `${redisOnly.url}/monster/hot`));
  await redisOnly.process.stop();
} finally {
  await Promise.all([redis.stop(), dnmonster.stop()]);
}

console.log(
  `\nidentidock, one worker. Each scenario: ${WARM_UP_SECONDS} s warm-up, ${SECONDS} s with ` +
    `${CONNECTIONS} connections, ${SECONDS} s with one. autocannon, Redis and dnmonster share ` +
    "this machine's cores with the app, so compare runs on one machine only.",
);
console.table(rows);
