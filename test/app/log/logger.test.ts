import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startApp } from '../../support/app-process.js';
import { run } from '../../support/child-process.js';
import { DIST } from '../../support/paths.js';

const parsed = (output: string): Record<string, unknown>[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('logging (pino)', () => {
  it('loses no line when the process crashes right after a burst', async () => {
    const lines = 20_000;
    const crashing = run(process.execPath, [
      path.join(DIST, 'test/fixtures/log-then-crash.js'),
      String(lines),
    ]);
    assert.equal(await crashing.exited(), 1);
    const entries = parsed(crashing.output());
    assert.equal(entries.filter((e) => e.msg === 'burst').length, lines);
    const fatal = entries.at(-1);
    assert.equal(fatal?.msg, 'Crashed: exiting');
    assert.equal(fatal.level, 60);
    assert.match(JSON.stringify(fatal.err), /deliberate crash/);
  });

  it('loses no access line when SIGTERM comes right after a burst of requests', async () => {
    const { process: app, url } = await startApp({ LOG_LEVEL: 'info' });
    try {
      const burst = 400;
      const statuses = await Promise.all(
        Array.from({ length: burst }, async (_, i) => {
          const response = await fetch(`${url}/monster/burst-${i % 20}`);
          await response.arrayBuffer();
          return response.status;
        }),
      );
      assert.deepEqual(new Set(statuses), new Set([200]));
      app.signal('SIGTERM');
      assert.equal(await app.exited(), 0);
      const access = parsed(app.output()).filter((e) => typeof e.req === 'object');
      assert.equal(access.length, burst);
      assert.equal(parsed(app.output()).at(-1)?.msg, 'Shut down cleanly');
    } finally {
      await app.stop('SIGKILL');
    }
  });

  it('chooses its level with LOG_LEVEL', async () => {
    const { process: app, url } = await startApp({ LOG_LEVEL: 'warn' });
    try {
      await (await fetch(`${url}/monster/quiet`)).arrayBuffer();
      app.signal('SIGTERM');
      await app.exited();
      assert.deepEqual(parsed(app.output()), [], 'info lines were written at level warn');
    } finally {
      await app.stop('SIGKILL');
    }
  });
});
