import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { run } from './support/child-process.js';
import { sample } from './support/metrics.js';
import { REPO_ROOT } from './support/paths.js';
import { freePort, waitFor } from './support/wait.js';
import { rawGet } from './support/raw-get.js';

const BOOT = path.join(REPO_ROOT, 'boot.sh');

interface StatsReply {
  workers: {
    name: string;
    pm_id: number;
    pid: number;
    status: string;
    restarts: number;
    memory_bytes: number;
  }[];
}

const MONSTER_200 = [
  'identidock_http_requests_total',
  'method="GET",route="/monster/:name",status="200"',
] as const;

async function text(url: string): Promise<string> {
  return (await fetch(url)).text();
}

describe('boot.sh', () => {
  it('DEV: runs the development server and reloads after an edit under app/', async () => {
    // A temporary copy, so the edit never touches the repository.
    const copy = await mkdtemp(path.join(os.tmpdir(), 'identidock-dev-'));
    for (const entry of ['app', 'dnmonster', 'lib', 'boot.sh', 'package.json', 'tsconfig.json']) {
      await cp(path.join(REPO_ROOT, entry), path.join(copy, entry), { recursive: true });
    }
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    const port = await freePort();
    const dev = run('bash', [path.join(copy, 'boot.sh')], {
      cwd: os.tmpdir(),
      env: { ...process.env, CONTEXT: 'DEV', PORT: String(port) },
    });
    try {
      await dev.waitForOutput(/listening on/, 30_000);
      assert.match(dev.output(), /Running Development Server/);
      assert.match(await text(`http://127.0.0.1:${port}/`), /<h1>Identidock<\/h1>/);

      const page = path.join(copy, 'app/views/page.ts');
      const source = await readFile(page, 'utf8');
      await writeFile(page, source.replace('<h1>Identidock</h1>', '<h1>Identidock, edited</h1>'));
      await waitFor(
        'the edit to be served',
        async () => (await text(`http://127.0.0.1:${port}/`)).includes('Identidock, edited'),
        20_000,
      );
    } finally {
      await dev.stop();
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('PROD: pm2 runs 2 workers, 9191 reports them without their environment, a killed worker comes back, and a reload drops nothing', async () => {
    const [port, statsPort] = [await freePort(), await freePort()];
    const pm2Home = await mkdtemp(path.join(os.tmpdir(), 'identidock-pm2-'));
    const secret = `not-for-your-eyes-${process.pid}`;
    const prod = run('bash', [BOOT], {
      cwd: os.tmpdir(),
      env: {
        ...process.env,
        CONTEXT: 'PROD',
        PORT: String(port),
        STATS_PORT: String(statsPort),
        WEB_CONCURRENCY: '2',
        // This test renders hundreds of monsters from one address; the limit has its own test.
        RATE_LIMIT_RENDERS_PER_MINUTE: '0',
        PM2_HOME: pm2Home,
        IDENTIDOCK_TEST_SECRET: secret,
        IDENTIDOCK_SALT: `salt-${secret}`,
      },
    });
    const stats = async (): Promise<StatsReply> =>
      (await (await fetch(`http://127.0.0.1:${statsPort}/`)).json()) as StatsReply;
    const onlineWorkers = async () =>
      (await stats()).workers.filter((w) => w.name === 'identidock' && w.status === 'online');
    try {
      await waitFor(
        '2 online workers on 9191',
        async () => (await onlineWorkers()).length === 2,
        30_000,
      );
      assert.match(prod.output(), /Running Production Server/);

      const raw = await text(`http://127.0.0.1:${statsPort}/`);
      assert.ok(!raw.includes(secret), '9191 leaked an environment variable');
      assert.doesNotMatch(raw, /pm2_env|IDENTIDOCK_|PATH/);
      const workers = await onlineWorkers();
      for (const worker of workers) assert.ok(worker.memory_bytes > 0 && worker.pid > 0);

      // Metrics for the whole container: N requests spread over both workers (a new
      // connection each, so pm2 deals them out in turn) are N on every scrape, from
      // :9191/metrics and from the app port's /metrics alike.
      const scrape = async (url: string): Promise<string> => {
        const response = await fetch(url);
        assert.equal(response.status, 200, await response.clone().text());
        return response.text();
      };
      const monsters = (metrics: string): number => sample(metrics, ...MONSTER_200);
      const counted = monsters(await scrape(`http://127.0.0.1:${statsPort}/metrics`));
      const spread = 24;
      for (let i = 0; i < spread; i++) {
        const reply = await rawGet(port, `/monster/spread-${i % 3}`, { connection: 'close' });
        assert.equal(reply.status, 200);
      }
      const servedBy = new Set(
        prod
          .output()
          .split('\n')
          .filter((line) => line.includes('"url":"/monster/spread-'))
          .map((line) => /"pid":(\d+)/.exec(line)?.[1]),
      );
      assert.equal(servedBy.size, 2, 'the requests were not spread over both workers');
      for (let i = 0; i < 5; i++) {
        const merged = await scrape(`http://127.0.0.1:${statsPort}/metrics`);
        assert.equal(monsters(merged) - counted, spread, `scrape ${i} of :9191/metrics`);
        const viaApp = await scrape(`http://127.0.0.1:${port}/metrics`);
        assert.equal(monsters(viaApp) - counted, spread, `scrape ${i} of the app's /metrics`);
      }
      const merged = await scrape(`http://127.0.0.1:${statsPort}/metrics`);
      for (const worker of workers) {
        assert.match(
          merged,
          new RegExp(`nodejs_heap_size_used_bytes\\{worker="${worker.pm_id}"\\} \\d`),
        );
        assert.ok(!merged.includes(secret), '/metrics leaked an environment variable');
      }

      const page = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(page.status, 200);
      const monster = await fetch(`http://127.0.0.1:${port}/monster/prod`);
      assert.equal(monster.headers.get('content-type'), 'image/png');

      const victim = workers[0];
      assert.ok(victim);
      process.kill(victim.pid, 'SIGKILL');
      await waitFor(
        'pm2 to restart the killed worker',
        async () => {
          const now = await onlineWorkers();
          return (
            now.length === 2 &&
            !now.some((w) => w.pid === victim.pid) &&
            now.some((w) => w.restarts >= 1)
          );
        },
        20_000,
      );
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);

      // Graceful reload: every worker replaced, one at a time, while requests keep coming.
      const before = (await onlineWorkers()).map((w) => w.pid);
      const reloaded = new AbortController();
      const statuses: number[] = [];
      const traffic = (async () => {
        for (let i = 0; !reloaded.signal.aborted; i++) {
          statuses.push((await fetch(`http://127.0.0.1:${port}/monster/reload-${i}`)).status);
        }
      })();
      await promisify(execFile)(
        path.join(REPO_ROOT, 'node_modules/.bin/pm2'),
        ['reload', 'identidock'],
        {
          env: { ...process.env, PM2_HOME: pm2Home },
        },
      );
      reloaded.abort();
      await traffic;
      assert.ok(statuses.length > 10, `only ${statuses.length} requests during the reload`);
      assert.deepEqual(
        statuses.filter((status) => status !== 200),
        [],
      );
      const after = (await onlineWorkers()).map((w) => w.pid);
      assert.equal(after.length, 2);
      assert.ok(!after.some((pid) => before.includes(pid)), 'a worker was not replaced');
    } finally {
      await prod.stop();
      await rm(pm2Home, { recursive: true, force: true });
    }
    assert.match(prod.output(), /PM2 successfully stopped/);
  });

  it('refuses an unknown CONTEXT and bad pm2 settings before starting anything', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ CONTEXT: 'staging' }, /invalid CONTEXT="staging": expected DEV or PROD/],
      [{ CONTEXT: 'dev' }, /invalid CONTEXT="dev"/],
      [{ WEB_CONCURRENCY: 'lots' }, /invalid WEB_CONCURRENCY="lots"/],
      [{ MAX_MEMORY_PER_WORKER: '256' }, /invalid MAX_MEMORY_PER_WORKER="256": expected a size/],
    ];
    for (const [env, message] of cases) {
      const boot = run('bash', [BOOT], { env: { ...process.env, CONTEXT: 'PROD', ...env } });
      try {
        assert.equal(await boot.exited(), 2, JSON.stringify(env));
        assert.match(boot.output(), message);
        assert.doesNotMatch(boot.output(), /Running/, 'nothing may start');
      } finally {
        await boot.stop('SIGKILL');
      }
    }
  });
});
