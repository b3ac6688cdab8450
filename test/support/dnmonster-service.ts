import { after, before } from 'node:test';
import path from 'node:path';
import { run, type Running } from './child-process.js';
import { DIST } from './paths.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, isListening, waitFor } from './wait.js';

/** The real dnmonster service (compiled), as a separate process on a loopback port. */
export interface TestDnmonster {
  readonly port: number;
  readonly url: string;
  /**
   * How many requests for /monster/<name> it has served, read from its request log. The
   * log reaches us a little after the response, so this waits (up to 2 s) for at least
   * `atLeast` lines, then for stragglers, and answers the count.
   */
  requestsFor(name: string, atLeast?: number): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
}

/** The compiled service; a bench may point elsewhere to compare two builds. */
export const DNMONSTER_MAIN = path.join(DIST, 'dnmonster/main.js');

/** `keepLog: false` drains the request log without keeping it (for benchmarks). */
export async function startDnmonster(
  main = DNMONSTER_MAIN,
  keepLog = true,
): Promise<TestDnmonster> {
  const port = await freePort();
  let log = '';
  let service: Running | undefined;
  const start = async (): Promise<void> => {
    service = run(process.execPath, [main], {
      env: { ...process.env, PORT: String(port) },
      keepOutput: keepLog,
    });
    if (keepLog) service.child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitFor(`dnmonster on ${port}`, () => isListening(port));
  };
  await start();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requestsFor: async (name, atLeast = 0) => {
      const count = (): number =>
        log.split('\n').filter((line) => line.startsWith(`GET /monster/${name}?`)).length;
      await waitFor(
        `${atLeast} requests for ${name} in dnmonster's log`,
        () => count() >= atLeast,
        2000,
      ).catch(
        () => undefined, // the caller's assertion says what is wrong
      );
      await sleep(100);
      return count();
    },
    start,
    stop: async () => {
      await service?.stop();
    },
    pause: () => service?.signal('SIGSTOP'),
    resume: () => service?.signal('SIGCONT'),
  };
}

/**
 * Runs the dnmonster service for the enclosing `describe`: started in `before`, stopped in
 * `after`. Its members answer for the running service (read them inside tests).
 */
export function useDnmonster(): Pick<TestDnmonster, 'port' | 'url'> {
  let running: TestDnmonster | undefined;
  before(async () => {
    running = await startDnmonster();
  });
  after(async () => {
    await running?.stop();
  });
  const current = (): TestDnmonster => {
    if (!running) throw new Error('dnmonster is used before its before() hook ran');
    return running;
  };
  return {
    get port() {
      return current().port;
    },
    get url() {
      return current().url;
    },
  };
}
