import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProcessDescription } from 'pm2';
import { toWorkerStats } from '../../../app/stats/worker-stats.js';

const SECRET = 'redis://:hunter2@redis:6379';
const NOW = 1_700_000_100_000;

/** What pm2.list() gives for a worker: its whole environment rides along in pm2_env. */
const described = {
  name: 'identidock',
  pid: 4242,
  pm_id: 3,
  monit: { memory: 52_428_800, cpu: 12.5 },
  pm2_env: {
    status: 'online',
    pm_uptime: NOW - 90_000,
    restart_time: 2,
    REDIS_URL: SECRET,
    env: { REDIS_URL: SECRET, IDENTIDOCK_SALT: 'pepper' },
  },
} as unknown as ProcessDescription;

describe('worker stats (:9191)', () => {
  it('has exactly the documented fields, computed from pm2', () => {
    assert.deepEqual(toWorkerStats(described, NOW), {
      name: 'identidock',
      pm_id: 3,
      pid: 4242,
      status: 'online',
      restarts: 2,
      uptime_seconds: 90,
      memory_bytes: 52_428_800,
      cpu_percent: 12.5,
    });
  });

  it('carries nothing from the process environment', () => {
    const json = JSON.stringify(toWorkerStats(described, NOW));
    for (const leak of ['hunter2', 'pepper', 'REDIS_URL', 'pm2_env', 'env']) {
      assert.ok(!json.includes(leak), `${leak} leaked: ${json}`);
    }
  });

  it('reports a stopped or half-described process without inventing figures', () => {
    const stopped = {
      name: 'identidock',
      pm2_env: { status: 'stopped', pm_uptime: NOW - 5000 },
    } as unknown as ProcessDescription;
    assert.deepEqual(toWorkerStats(stopped, NOW), {
      name: 'identidock',
      pm_id: null,
      pid: null,
      status: 'stopped',
      restarts: 0,
      uptime_seconds: 0,
      memory_bytes: 0,
      cpu_percent: 0,
    });
    assert.equal(toWorkerStats({}, NOW).status, 'unknown');
  });
});
