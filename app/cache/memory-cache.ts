import { LRUCache } from 'lru-cache';
import type { Monster } from '../monsters/monster.js';

/** The in-process tier: synchronous, so a hit costs no I/O and no await. */
export interface MemoryCache {
  get(key: string): Monster | undefined;
  set(key: string, monster: Monster): void;
}

// Per-entry bookkeeping (key, ETag, headers, LRU links), counted so tiny pictures are not undercounted.
const ENTRY_OVERHEAD_BYTES = 512;

/** An LRU bounded by the bytes it holds; with a budget of 0 it holds nothing. */
export function createMemoryCache(maxBytes: number): MemoryCache {
  if (maxBytes === 0) return { get: () => undefined, set: () => undefined };
  const lru = new LRUCache<string, Monster>({
    maxSize: maxBytes,
    sizeCalculation: (monster, key) => monster.body.length + key.length + ENTRY_OVERHEAD_BYTES,
  });
  return {
    get: (key) => lru.get(key),
    set: (key, monster) => {
      lru.set(key, monster);
    },
  };
}
