import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { CONTENT_TYPES, type MonsterFormat } from '../../dnmonster/formats.js';
import { MONSTER_HEADERS } from '../http/security.js';

/** Whether a monster came from a cache (HIT) or was just rendered (MISS): the X-Cache header. */
export type CacheResult = 'HIT' | 'MISS';

/** The response headers of a monster, for one X-Cache value. */
export interface MonsterHeaders {
  /** 200: the picture follows. */
  readonly ok: Readonly<OutgoingHttpHeaders>;
  /** 304: the client's copy is current; no body, so no Content-Type or Content-Length. */
  readonly notModified: Readonly<OutgoingHttpHeaders>;
}

/**
 * A monster ready to send: its picture (PNG or SVG), its ETag, and the headers of a cache
 * hit, all computed once when it enters the cache, so that serving it allocates nothing.
 */
export interface Monster {
  readonly body: Buffer;
  readonly format: MonsterFormat;
  readonly etag: string;
  readonly hit: MonsterHeaders;
}

/** A name and size always give the same picture, so browsers may keep it for good. */
const CACHE_FOREVER = 'public, max-age=31536000, immutable';

export function monsterHeaders(
  monster: Pick<Monster, 'body' | 'format' | 'etag'>,
  cache: CacheResult,
): MonsterHeaders {
  const { body, format, etag } = monster;
  const notModified = {
    ...MONSTER_HEADERS,
    'X-Cache': cache,
    'Cache-Control': CACHE_FOREVER,
    ETag: etag,
  };
  return {
    ok: { ...notModified, 'Content-Type': CONTENT_TYPES[format], 'Content-Length': body.length },
    notModified,
  };
}

export function createMonster(body: Buffer, format: MonsterFormat): Monster {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const monster = { body, format, etag };
  return { ...monster, hit: monsterHeaders(monster, 'HIT') };
}
