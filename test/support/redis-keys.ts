import { KEY_PREFIX } from '../../app/cache/redis-cache.js';
import { MONSTER_SIZE, type MonsterSpec } from '../../app/monsters/monster-request.js';
import { monsterKey } from '../../app/monsters/monster-service.js';

/** Where the app keeps a monster in Redis (as seen without ioredis's key prefix). */
export function redisKeyOf(
  name: string,
  size: number = MONSTER_SIZE.default,
  format: MonsterSpec['format'] = 'png',
): string {
  return KEY_PREFIX + monsterKey({ name, size, format });
}
