import { Redis } from 'ioredis';
import { run, type Running } from './child-process.js';
import { freePort, isListening, waitFor } from './wait.js';

/** A real redis-server (Debian's) on a loopback port, with no persistence. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** A client for the test's own checks (not the app's). */
  readonly client: Redis;
  /** SIGKILL: the abrupt death a crash or an OOM kill would be. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** `password`: the server requires it (requirepass), and the test's own client sends it. */
export async function startRedis(password?: string): Promise<TestRedis> {
  const port = await freePort();
  let server: Running | undefined;
  const start = async (): Promise<void> => {
    server = run('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      ...(password === undefined ? [] : ['--requirepass', password]),
    ]);
    await waitFor(`redis-server on ${port}`, () => isListening(port));
  };
  await start();
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    ...(password === undefined ? {} : { password }),
  });
  client.on('error', () => undefined); // the tests kill this server on purpose

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    client,
    kill: async () => {
      await server?.stop('SIGKILL');
    },
    start,
    pause: () => server?.signal('SIGSTOP'),
    resume: () => server?.signal('SIGCONT'),
    stop: async () => {
      client.disconnect();
      await server?.stop();
    },
  };
}
