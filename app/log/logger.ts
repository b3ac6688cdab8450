import type { Context } from '../config.js';

export type Fields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

type Level = 'info' | 'warn' | 'error';
type Write = (line: string) => void;

function jsonLine(level: Level, message: string, fields: Fields): string {
  return JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields });
}

function readableLine(level: Level, message: string, fields: Fields): string {
  const time = new Date().toISOString().slice(11, 23);
  const extras = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  return `${time} ${level.toUpperCase().padEnd(5)} ${message}${extras ? `  ${extras}` : ''}`;
}

/**
 * One line per event: JSON in PROD (for log collectors), aligned text in DEV (for people).
 * `write` defaults to stdout; tests pass their own to read what was logged.
 */
export function createLogger(
  context: Context,
  write: Write = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const format = context === 'PROD' ? jsonLine : readableLine;
  const log =
    (level: Level) =>
    (message: string, fields: Fields = {}): void => {
      write(format(level, message, fields));
    };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
