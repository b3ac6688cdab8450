import assert from 'node:assert/strict';
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
});
