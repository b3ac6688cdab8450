import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { snapshotEvery } from '../../../app/stats/snapshot.js';
import { createStatsServer, type WorkersSnapshot } from '../../../app/stats/stats-server.js';

describe('the :9191 stats server', () => {
  it('asks pm2 at most once a second, however many GETs come', async (t) => {
    let queries = 0;
    const workers = snapshotEvery(async (): Promise<WorkersSnapshot> => {
      queries++;
      await sleep(20); // pm2 answers over a socket
      return { at: Date.now(), workers: [] };
    }, 1000);
    const server = createStatsServer({
      workers,
      metrics: () => Promise.reject(new Error('not under test')),
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const started = performance.now();
      let answered = 0;
      while (performance.now() - started < 2500) {
        const replies = await Promise.all(Array.from({ length: 50 }, () => fetch(url)));
        for (const reply of replies) {
          assert.equal(reply.status, 200);
          await reply.arrayBuffer();
          answered++;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      t.diagnostic(`${answered} GETs in ${seconds.toFixed(1)} s made ${queries} pm2 queries`);
      assert.ok(answered >= 200, `only ${answered} GETs`);
      assert.ok(queries <= Math.ceil(seconds) + 1, `${queries} pm2 queries in ${seconds} s`);
    } finally {
      server.close();
    }
  });

  it('tries again after a failed query rather than keep the failure', async () => {
    let calls = 0;
    const flaky = snapshotEvery(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('pm2 is busy')) : Promise.resolve(calls);
    }, 60_000);
    await assert.rejects(flaky(), /pm2 is busy/);
    assert.equal(await flaky(), 2);
    assert.equal(await flaky(), 2, 'a success is kept for the whole period');
  });

  it('answers 503 with the reason when metrics cannot be gathered', async () => {
    const server = createStatsServer({
      workers: () => Promise.resolve({ at: 0, workers: [] }),
      metrics: () => Promise.reject(new Error('no metrics from worker 1 within 2000 ms')),
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const reply = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`,
      );
      assert.equal(reply.status, 503);
      assert.match(await reply.text(), /no metrics from worker 1/);
    } finally {
      server.close();
    }
  });
});
