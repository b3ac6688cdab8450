import { assemble, type Identidock } from '../../app/assemble.js';
import { loadConfig, type Env } from '../../app/config.js';
import { createLogger } from '../../app/log/logger.js';

/** The app as main.ts builds it, from an environment, with its log lines kept. */
export interface TestApp extends Identidock {
  /** Every line logged so far, as written (JSON). */
  readonly logs: string[];
  /** How many log lines contain `text`. */
  logged(text: string): number;
}

export async function buildApp(env: Env): Promise<TestApp> {
  const logs: string[] = [];
  // Tests render many monsters from one address: no render limit unless a test sets one.
  const config = loadConfig({
    CONTEXT: 'DEV',
    LOG_LEVEL: 'debug',
    RATE_LIMIT_RENDERS_PER_MINUTE: '0',
    ...env,
  });
  const identidock = assemble(
    config,
    createLogger(config, {
      write: (line: string) => {
        logs.push(line);
      },
    }),
  );
  await identidock.warmUp(2000);
  return {
    ...identidock,
    logs,
    logged: (text) => logs.filter((line) => line.includes(text)).length,
  };
}
