// npm run bench: identidock against the ceiling of this machine, in one run. The ceiling is
// a bare node:http server handing out the very bytes and headers identidock answered for
// the same request. Both are one process (identidock: PROD, one worker, no pm2), with a
// real redis-server and the real dnmonster on loopback, driven by autocannon. Scenarios
// alternate between the two servers over several rounds; the table shows medians.
// Absolute figures move 2-3x between runs on shared machines; the ratios hold.
import { fork } from 'node:child_process';
import type http from 'node:http';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import autocannon, { type Request } from 'autocannon';
import { startApp, type AppProcess } from '../test/support/app-process.js';
import type { CannedReply } from './ceiling-server.js';
import { startDnmonster } from '../test/support/dnmonster-service.js';
import { startRedis } from '../test/support/redis-server.js';

const ROUNDS = 3;
const SECONDS = 3;
const WARM_UP_SECONDS = 1;
const CONNECTIONS = 20;

interface Scenario {
  readonly name: string;
  /** Which identidock process serves it. */
  readonly app: 'tiered' | 'redisOnly';
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** Each request asks for another monster: every one new, or one of a set of `n` in turn. */
  readonly names?: 'new' | { readonly cycle: number; readonly prefix: string };
}

interface Run {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

async function capture(url: string, headers: Record<string, string> = {}): Promise<CannedReply> {
  const response = await fetch(url, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  const kept: http.OutgoingHttpHeaders = {};
  response.headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name))
      kept[name] = value;
  });
  return { status: response.status, headers: kept, body };
}

/** The ceiling, in its own process; `serve` hands it the reply to give every request. */
async function startCeiling(): Promise<{
  url: string;
  serve(reply: CannedReply): Promise<void>;
  close(): void;
}> {
  const child = fork(fileURLToPath(new URL('ceiling-server.js', import.meta.url)), {
    serialization: 'advanced', // Buffers cross as Buffers
  });
  const [ready] = (await once(child, 'message')) as [{ port: number }];
  return {
    url: `http://127.0.0.1:${ready.port}`,
    serve: async (reply) => {
      child.send(reply);
      await once(child, 'message');
    },
    close: () => child.kill(),
  };
}

async function load(url: string, scenario: Scenario, seconds: number): Promise<Run> {
  let n = 0;
  const { names } = scenario;
  const run = `${process.pid}-${Date.now()}`;
  const nextPath = (): string =>
    names === 'new'
      ? `/monster/new-${run}-${n++}`
      : `/monster/${names?.prefix ?? ''}${n++ % (names?.cycle ?? 1)}`;
  const requests: Request[] | undefined = names
    ? [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }]
    : undefined;
  const result = await autocannon({
    url: `${url}${scenario.path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: scenario.headers ?? {},
    ...(requests ? { requests } : {}),
  });
  const expected = scenario.headers?.['if-none-match'] ? 304 : 200;
  const unexpected = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => Number(code) !== expected)
    .reduce((sum, [, stats]) => sum + (stats as { count: number }).count, 0);
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + unexpected,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const [redis, dnmonster] = await Promise.all([startRedis(), startDnmonster()]);
// The miss scenario renders thousands of new monsters from one address: no render limit.
const env = {
  REDIS_URL: redis.url,
  DNMONSTER_URL: dnmonster.url,
  RATE_LIMIT_RENDERS_PER_MINUTE: '0',
};
const apps: Partial<Record<Scenario['app'], AppProcess>> = {};
const ceiling = await startCeiling();
try {
  apps.tiered = await startApp(env, false);
  // The LRU off: every hit is a Redis hit, as for a fresh worker or container.
  apps.redisOnly = await startApp({ ...env, MEMORY_CACHE_BYTES: '0' }, false);
  const warm = await capture(`${apps.tiered.url}/monster/hot`); // now in memory and in Redis
  await capture(`${apps.tiered.url}/monster/hot?format=svg`);
  const etag = String(warm.headers.etag);
  // Monsters in Redis for the Redis scenario: many, so concurrent requests rarely share a
  // lookup (requests for one key that arrive together make one Redis read).
  const inRedis = { cycle: 500, prefix: 'stored-' } as const;
  for (let i = 0; i < inRedis.cycle; i++)
    await capture(`${apps.tiered.url}/monster/${inRedis.prefix}${i}`);
  const scenarios: Scenario[] = [
    { name: 'page GET /', app: 'tiered', path: '/' },
    { name: 'monster, LRU hit', app: 'tiered', path: '/monster/hot' },
    { name: 'monster SVG, LRU hit', app: 'tiered', path: '/monster/hot?format=svg' },
    {
      name: 'monster, Redis hit (LRU off)',
      app: 'redisOnly',
      path: '/monster/stored-0',
      names: inRedis,
    },
    {
      name: 'monster, 304 (If-None-Match)',
      app: 'tiered',
      path: '/monster/hot',
      headers: { 'if-none-match': etag },
    },
    {
      name: 'monster, miss (render + store)',
      app: 'tiered',
      path: '/monster/hot',
      names: 'new',
    },
  ];

  // `npm run bench -- redis` runs only the scenarios whose name contains "redis".
  const only = process.argv[2]?.toLowerCase();
  if (only)
    scenarios.splice(
      0,
      scenarios.length,
      ...scenarios.filter((s) => s.name.toLowerCase().includes(only)),
    );
  const runs = new Map<string, { identidock: Run[]; ceiling: Run[] }>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const scenario of scenarios) {
      const app = apps[scenario.app];
      if (!app) throw new Error(`no app for ${scenario.app}`);
      await ceiling.serve(await capture(`${app.url}${scenario.path}`, scenario.headers));
      const entry = runs.get(scenario.name) ?? { identidock: [], ceiling: [] };
      runs.set(scenario.name, entry);
      // Alternate which goes first, so neither always gets the warmer machine.
      const order =
        round % 2 === 1
          ? (['identidock', 'ceiling'] as const)
          : (['ceiling', 'identidock'] as const);
      for (const who of order) {
        const url = who === 'identidock' ? app.url : ceiling.url;
        await load(url, scenario, WARM_UP_SECONDS); // JIT warm-up, not recorded
        entry[who].push(await load(url, scenario, SECONDS));
      }
      process.stderr.write(`round ${round}/${ROUNDS}: ${scenario.name}\n`);
    }
  }

  const rows = scenarios.map(({ name }) => {
    const { identidock, ceiling: bare } = runs.get(name) ?? { identidock: [], ceiling: [] };
    const ours = median(identidock.map((r) => r.reqPerSec));
    const top = median(bare.map((r) => r.reqPerSec));
    return {
      scenario: name,
      'req/s': Math.round(ours),
      'p50 ms': median(identidock.map((r) => r.p50)),
      'p99 ms': median(identidock.map((r) => r.p99)),
      'bare node req/s': Math.round(top),
      'bare p99 ms': median(bare.map((r) => r.p99)),
      'share of bare': `${Math.round((100 * ours) / top)}%`,
      failed: identidock.reduce((sum, r) => sum + r.failures, 0),
    };
  });
  console.log(
    `\nidentidock (one process, PROD) vs bare node:http serving the same bytes and headers.\n` +
      `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version}. ` +
      `${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s (after ${WARM_UP_SECONDS} s warm-up); medians.`,
  );
  console.table(rows);
} finally {
  ceiling.close();
  await Promise.all([apps.tiered?.process.stop(), apps.redisOnly?.process.stop()]);
  await Promise.all([redis.stop(), dnmonster.stop()]);
}
