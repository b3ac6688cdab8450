/**
 * Settings, read from the environment once at start-up and validated here; the rest of
 * the app receives a `Config` and never reads `process.env`. A bad value throws a
 * `ConfigError` naming the variable, and the entry point exits with that message.
 */
export type Context = 'DEV' | 'PROD';

export interface Config {
  readonly context: Context;
  readonly port: number;
  /** Redis for the shared cache; unset: an in-process cache only. */
  readonly redisUrl: URL | undefined;
  /** The dnmonster service; unset: monsters are rendered in-process. */
  readonly dnmonsterUrl: URL | undefined;
  readonly salt: string;
  readonly dnmonsterTimeoutMs: number;
  /** Budget of the in-process LRU, in bytes of PNG data. */
  readonly memoryCacheBytes: number;
  /** How long a shutdown waits for in-flight requests before giving up. */
  readonly shutdownTimeoutMs: number;
}

export interface StatsConfig {
  readonly port: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    value: string,
    expected: string,
  ) {
    super(`invalid ${variable}=${JSON.stringify(value)}: expected ${expected}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_SALT = 'UNIQUE_SALT'; // the Flask original's, so hashes match it
export const DEFAULT_PORTS: Readonly<Record<Context, number>> = { DEV: 5000, PROD: 9090 };
export const DEFAULT_STATS_PORT = 9191;

/** Compose files often pass `VAR=` for "not set", so an empty value counts as unset. */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    throw new ConfigError(name, raw, `an integer from ${min} to ${max}`);
  }
  return value;
}

function url(env: Env, name: string, protocols: readonly string[]): URL | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const expected = `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, raw, expected);
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, raw, expected);
  return parsed;
}

function context(env: Env): Context {
  const raw = read(env, 'CONTEXT') ?? 'PROD';
  if (raw !== 'DEV' && raw !== 'PROD') throw new ConfigError('CONTEXT', raw, 'DEV or PROD');
  return raw;
}

export function loadConfig(env: Env): Config {
  const ctx = context(env);
  return {
    context: ctx,
    port: integer(env, 'PORT', DEFAULT_PORTS[ctx], 1, 65535),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    dnmonsterUrl: url(env, 'DNMONSTER_URL', ['http:', 'https:']),
    salt: read(env, 'IDENTIDOCK_SALT') ?? DEFAULT_SALT,
    dnmonsterTimeoutMs: integer(env, 'DNMONSTER_TIMEOUT_MS', 2000, 50, 60_000),
    memoryCacheBytes: integer(env, 'MEMORY_CACHE_BYTES', 16 * 1024 * 1024, 0, 2 ** 31),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 300_000),
  };
}

export function loadStatsConfig(env: Env): StatsConfig {
  return { port: integer(env, 'STATS_PORT', DEFAULT_STATS_PORT, 1, 65535) };
}
