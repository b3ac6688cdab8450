import path from 'node:path';
import { run, type Running } from './child-process.js';
import { DIST } from './paths.js';
import { freePort, isListening, waitFor } from './wait.js';

/** The compiled web app, as `node dist/app/main.js` runs it (one process, no pm2). */
export const APP_MAIN = path.join(DIST, 'app/main.js');

/** Runs the app with exactly `env` (plus PATH): nothing leaks in from the test's environment. */
export function runApp(env: Readonly<Record<string, string>>, keepOutput = true): Running {
  return run(process.execPath, [APP_MAIN], { env: { PATH: process.env.PATH, ...env }, keepOutput });
}

export interface AppProcess {
  readonly process: Running;
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly url: string;
}

/** Starts the app in PROD on a free port (unless `env` says otherwise) and waits until it accepts connections. */
export async function startApp(
  env: Readonly<Record<string, string>> = {},
  keepOutput = true,
): Promise<AppProcess> {
  const port = await freePort();
  const app = runApp({ CONTEXT: 'PROD', PORT: String(port), ...env }, keepOutput);
  const ended = { yet: false };
  void app.exited().then(() => (ended.yet = true));
  try {
    await waitFor(
      () => `the app to listen on ${port}; its output so far:\n${app.output()}`,
      async () => ended.yet || (await isListening(port)),
      15_000,
    );
    if (ended.yet) throw new Error(`the app exited before it listened:\n${app.output()}`);
  } catch (error) {
    await app.stop('SIGKILL');
    throw error;
  }
  return { process: app, port, url: `http://127.0.0.1:${port}` };
}
