import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryCache } from '../../../app/cache/memory-cache.js';
import { createMonster, type Monster } from '../../../app/monsters/monster.js';

// Each entry costs its PNG, its key and about half a kilobyte of bookkeeping.
const BUDGET = 11_000;

/** A monster whose PNG is `bytes` long (the cache counts bytes, not what they are). */
const monsterOf = (bytes: number, tag = 'x'): Monster =>
  createMonster(Buffer.alloc(bytes, tag), 'png');

describe('the in-process cache', () => {
  it('keeps what fits in its byte budget and evicts the least recently used past it', () => {
    // About 3.5 KB an entry here, so three fit.
    const cache = createMemoryCache(BUDGET);
    for (const key of ['a', 'b', 'c']) cache.set(key, monsterOf(3000, key));
    assert.ok(cache.get('a'), 'a fits');
    cache.set('d', monsterOf(3000, 'd')); // over budget: b, the least recently used, goes
    assert.equal(cache.get('b'), undefined);
    for (const key of ['a', 'c', 'd']) assert.equal(cache.get(key)?.body[0], key.charCodeAt(0));
  });

  it('counts bytes, not entries: one big monster pushes out several small ones', () => {
    const cache = createMemoryCache(BUDGET);
    for (const key of ['s1', 's2', 's3', 's4']) cache.set(key, monsterOf(1000, key));
    cache.set('big', monsterOf(7000, 'big'));
    assert.ok(cache.get('big'));
    const kept = ['s1', 's2', 's3', 's4'].filter((key) => cache.get(key) !== undefined);
    assert.deepEqual(kept, ['s3', 's4'], 'the oldest go until the big one fits');
  });

  it('does not store an entry larger than the whole budget, and keeps the others', () => {
    const cache = createMemoryCache(BUDGET);
    cache.set('small', monsterOf(100));
    cache.set('huge', monsterOf(20_000));
    assert.equal(cache.get('huge'), undefined);
    assert.ok(cache.get('small'));
  });

  it('holds nothing with a budget of 0', () => {
    const cache = createMemoryCache(0);
    cache.set('a', monsterOf(10));
    assert.equal(cache.get('a'), undefined);
  });
});
