import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, loadStatsConfig } from '../../app/config.js';

describe('config', () => {
  it('defaults to PROD on 9090, in-process cache and renderer, the original salt', () => {
    const config = loadConfig({});
    assert.equal(config.context, 'PROD');
    assert.equal(config.port, 9090);
    assert.equal(config.redisUrl, undefined);
    assert.equal(config.dnmonsterUrl, undefined);
    assert.equal(config.salt, 'UNIQUE_SALT');
    assert.equal(config.dnmonsterTimeoutMs, 2000);
  });

  it('defaults DEV to port 5000, and lets PORT override either', () => {
    assert.equal(loadConfig({ CONTEXT: 'DEV' }).port, 5000);
    assert.equal(loadConfig({ CONTEXT: 'DEV', PORT: '8000' }).port, 8000);
  });

  it('treats empty values as unset, as compose passes them', () => {
    const config = loadConfig({
      PORT: '',
      REDIS_URL: '',
      DNMONSTER_URL: '',
      CONTEXT: '',
      IDENTIDOCK_SALT: '',
    });
    assert.equal(config.port, 9090);
    assert.equal(config.redisUrl, undefined);
    assert.equal(config.salt, 'UNIQUE_SALT', 'an empty salt would change every monster');
  });

  it('parses the service URLs', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://:pw@redis:6379/0',
      DNMONSTER_URL: 'http://dnmonster:8080',
    });
    assert.equal(config.redisUrl?.hostname, 'redis');
    assert.equal(config.dnmonsterUrl?.port, '8080');
  });

  it('throws a ConfigError naming the variable', () => {
    assert.throws(
      () => loadConfig({ MEMORY_CACHE_BYTES: '-1' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.variable, 'MEMORY_CACHE_BYTES');
        return true;
      },
    );
    assert.throws(() => loadStatsConfig({ STATS_PORT: '0' }), /invalid STATS_PORT="0"/);
    assert.equal(loadStatsConfig({}).port, 9191);
  });

  it('has sane defaults for logs, proxies, server limits and metrics', () => {
    const config = loadConfig({});
    assert.equal(config.logLevel, 'info');
    assert.equal(config.trustProxy, false);
    assert.deepEqual(config.server, {
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
      maxConnections: 1000,
    });
    assert.equal(config.metricsAllow, 'loopback, linklocal, uniquelocal');
    assert.equal(config.clusterMetricsUrl, undefined, 'one process: its own metrics');
    assert.equal(
      loadConfig({ pm_id: '3', STATS_PORT: '9292' }).clusterMetricsUrl?.href,
      'http://127.0.0.1:9292/metrics',
      'under pm2: the stats process merges every worker',
    );
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
    assert.equal(
      loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy,
      '10.0.0.0/8, loopback',
    );
    assert.equal(loadConfig({ LOG_LEVEL: 'debug' }).logLevel, 'debug');
  });

  it('refuses bad values for them, naming the variable', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ LOG_LEVEL: 'loud' }, /invalid LOG_LEVEL="loud": expected fatal, error, warn, info/],
      [{ TRUST_PROXY: 'true' }, /invalid TRUST_PROXY="true"/],
      [{ TRUST_PROXY: 'not an address' }, /invalid TRUST_PROXY/],
      [{ METRICS_ALLOW: 'everyone' }, /invalid METRICS_ALLOW="everyone"/],
      [
        { HEADERS_TIMEOUT_MS: '500' },
        /invalid HEADERS_TIMEOUT_MS="500": expected an integer from 1000/,
      ],
      [
        { HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '10000' },
        /invalid REQUEST_TIMEOUT_MS="10000": expected at least HEADERS_TIMEOUT_MS/,
      ],
      [{ MAX_CONNECTIONS: '0' }, /invalid MAX_CONNECTIONS="0"/],
    ];
    for (const [env, message] of cases)
      assert.throws(() => loadConfig(env), message, JSON.stringify(env));
  });

  it('reads secrets from files (NAME_FILE), as Docker secrets give them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'identidock-config-'));
    try {
      const file = path.join(dir, 'secret');
      await writeFile(file, 's3cret\n');
      assert.equal(loadConfig({ REDIS_PASSWORD_FILE: file }).redisPassword, 's3cret');
      assert.equal(loadConfig({ REDIS_PASSWORD: 'plain' }).redisPassword, 'plain');
      assert.equal(loadConfig({}).redisPassword, undefined);
      assert.equal(loadConfig({ IDENTIDOCK_SALT_FILE: file }).salt, 's3cret');
      assert.throws(
        () => loadConfig({ REDIS_PASSWORD: 'a', REDIS_PASSWORD_FILE: file }),
        /invalid REDIS_PASSWORD_FILE=.*expected REDIS_PASSWORD or REDIS_PASSWORD_FILE, not both/,
      );
      assert.throws(
        () => loadConfig({ REDIS_PASSWORD_FILE: path.join(dir, 'missing') }),
        /invalid REDIS_PASSWORD_FILE=.*expected a readable file \(ENOENT\)/,
      );
      await writeFile(file, '\n');
      assert.throws(() => loadConfig({ REDIS_PASSWORD_FILE: file }), /a file that is not empty/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
