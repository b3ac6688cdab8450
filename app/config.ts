import { readFileSync } from 'node:fs';
import proxyaddr from 'proxy-addr';

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
  /** Redis's password, when it is not in the URL (REDIS_PASSWORD or REDIS_PASSWORD_FILE). */
  readonly redisPassword: string | undefined;
  /** The dnmonster service; unset: monsters are rendered in-process. */
  readonly dnmonsterUrl: URL | undefined;
  readonly salt: string;
  readonly dnmonsterTimeoutMs: number;
  /** Budget of the in-process LRU, in bytes of PNG data. */
  readonly memoryCacheBytes: number;
  /** Renders (cache misses) one client address may cause per minute; 0: no limit. */
  readonly renderLimitPerMinute: number;
  /** How long a shutdown waits for in-flight requests before giving up. */
  readonly shutdownTimeoutMs: number;
  readonly logLevel: LogLevel;
  /** Which peers may tell the client's address in X-Forwarded-For (express's `trust proxy`). */
  readonly trustProxy: TrustProxy;
  readonly server: ServerLimits;
  /**
   * Where /metrics gets the whole container's figures: under pm2 (which sets `pm_id` in
   * every process it runs) the stats process's aggregate on loopback; unset: this
   * process's own registry, which is then the whole picture.
   */
  readonly clusterMetricsUrl: URL | undefined;
  /** Which clients may read /metrics: addresses, subnets or loopback/linklocal/uniquelocal. */
  readonly metricsAllow: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** false: trust no proxy; a number: that many hops; a string: addresses, subnets or names. */
export type TrustProxy = false | number | string;

/** Limits of the HTTP server, so that slow or idle clients cannot hold a worker. */
export interface ServerLimits {
  /** A client must have sent its request headers within this. */
  readonly headersTimeoutMs: number;
  /** ...and its whole request (headers and body) within this. */
  readonly requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** Connections one worker holds at once; past it, new ones are closed at once. */
  readonly maxConnections: number;
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

/**
 * A secret, given as `NAME` or, as the official images do it, as `NAME_FILE`: the path of a
 * file that holds it (a Docker secret in /run/secrets). A final newline is not part of it.
 */
function secret(env: Env, name: string): string | undefined {
  const value = read(env, name);
  const file = read(env, `${name}_FILE`);
  if (value !== undefined && file !== undefined) {
    throw new ConfigError(`${name}_FILE`, file, `${name} or ${name}_FILE, not both`);
  }
  if (file === undefined) return value;
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as { code?: string }).code ?? String(error);
    throw new ConfigError(`${name}_FILE`, file, `a readable file (${reason})`);
  }
  const trimmed = content.replace(/\r?\n$/, '');
  if (trimmed === '') throw new ConfigError(`${name}_FILE`, file, 'a file that is not empty');
  return trimmed;
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

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = allowed.find((candidate) => candidate === raw);
  if (value === undefined) throw new ConfigError(name, raw, allowed.join(', '));
  return value;
}

/** A list proxy-addr understands (as express's 'trust proxy' does), or undefined. */
function addressList(raw: string): string | undefined {
  try {
    proxyaddr.compile(raw.split(/\s*,\s*/));
    return raw;
  } catch {
    return undefined;
  }
}

/** METRICS_ALLOW: by default the machine itself and private networks, never the internet. */
function metricsAllow(env: Env): string {
  const raw = read(env, 'METRICS_ALLOW') ?? 'loopback, linklocal, uniquelocal';
  const list = addressList(raw);
  if (list === undefined) {
    throw new ConfigError(
      'METRICS_ALLOW',
      raw,
      'comma-separated addresses, subnets or loopback/linklocal/uniquelocal',
    );
  }
  return list;
}

/** TRUST_PROXY: unset or "false", none; "true" is refused (any client could then lie). */
function trustProxy(env: Env): TrustProxy {
  const raw = read(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  if (raw !== 'true' && addressList(raw) !== undefined) return raw;
  throw new ConfigError(
    'TRUST_PROXY',
    raw,
    'a number of proxy hops, or comma-separated addresses, subnets or loopback/linklocal/uniquelocal',
  );
}

function serverLimits(env: Env): ServerLimits {
  const headersTimeoutMs = integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 1000, 600_000);
  const requestTimeoutMs = integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError(
      'REQUEST_TIMEOUT_MS',
      String(requestTimeoutMs),
      `at least HEADERS_TIMEOUT_MS (${headersTimeoutMs})`,
    );
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: integer(env, 'KEEP_ALIVE_TIMEOUT_MS', 65_000, 1000, 600_000),
    maxConnections: integer(env, 'MAX_CONNECTIONS', 1000, 1, 1_000_000),
  };
}

export function loadConfig(env: Env): Config {
  const ctx = context(env);
  return {
    context: ctx,
    port: integer(env, 'PORT', DEFAULT_PORTS[ctx], 1, 65535),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPassword: secret(env, 'REDIS_PASSWORD'),
    dnmonsterUrl: url(env, 'DNMONSTER_URL', ['http:', 'https:']),
    salt: secret(env, 'IDENTIDOCK_SALT') ?? DEFAULT_SALT,
    dnmonsterTimeoutMs: integer(env, 'DNMONSTER_TIMEOUT_MS', 2000, 50, 60_000),
    memoryCacheBytes: integer(env, 'MEMORY_CACHE_BYTES', 16 * 1024 * 1024, 0, 2 ** 31),
    renderLimitPerMinute: integer(env, 'RATE_LIMIT_RENDERS_PER_MINUTE', 120, 0, 1_000_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 300_000),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    trustProxy: trustProxy(env),
    server: serverLimits(env),
    clusterMetricsUrl:
      read(env, 'pm_id') === undefined
        ? undefined
        : new URL(`http://127.0.0.1:${loadStatsConfig(env).port}/metrics`),
    metricsAllow: metricsAllow(env),
  };
}

export function loadStatsConfig(env: Env): StatsConfig {
  return { port: integer(env, 'STATS_PORT', DEFAULT_STATS_PORT, 1, 65535) };
}
