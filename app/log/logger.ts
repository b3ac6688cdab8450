import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Context, LogLevel } from '../config.js';

export type { Logger };

export interface LoggerOptions {
  readonly context: Context;
  readonly logLevel: LogLevel;
}

/**
 * The app's logger: pino, one line per event. PROD writes JSON to stdout asynchronously (a
 * request never waits on the pipe); pino flushes what is buffered when the process exits,
 * however it exits. DEV prints readable lines. `destination` replaces stdout (the tests
 * read the lines they log).
 */
export function createLogger(options: LoggerOptions, destination?: DestinationStream): Logger {
  // pino's own time: epoch milliseconds, cheaper per line than an ISO string.
  const settings = { level: options.logLevel, base: { pid: process.pid } };
  if (destination) return pino(settings, destination);
  if (options.context === 'DEV') {
    return pino(
      settings,
      pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }),
    );
  }
  return pino(settings, pino.destination({ sync: false }));
}

/**
 * A crash is logged, with everything logged before it, and the process exits 1 (pm2 or
 * Docker restarts it). Without this, an uncaught error would print a bare stack to stderr.
 */
export function logCrashes(logger: Logger): void {
  const crash = (error: unknown): void => {
    logger.fatal({ err: error }, 'Crashed: exiting');
    process.exit(1); // pino writes out its buffer on exit
  };
  process.once('uncaughtException', crash);
  process.once('unhandledRejection', crash);
}
