import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { SECURITY_HEADERS } from '../http/security.js';

/** Whether a monster came from a cache (HIT) or was just rendered (MISS): the X-Cache header. */
export type CacheResult = 'HIT' | 'MISS';

/** The response headers of a monster, for one X-Cache value. */
export interface MonsterHeaders {
  /** 200: the PNG follows. */
  readonly ok: Readonly<OutgoingHttpHeaders>;
  /** 304: the client's copy is current; no body, so no Content-Type or Content-Length. */
  readonly notModified: Readonly<OutgoingHttpHeaders>;
}

/**
 * A monster ready to send: its PNG, its ETag, and the headers of a cache hit, all computed
 * once when it enters the cache, so that serving it allocates nothing.
 */
export interface Monster {
  readonly png: Buffer;
  readonly etag: string;
  readonly hit: MonsterHeaders;
}

/** A name and size always give the same picture, so browsers may keep it for good. */
const CACHE_FOREVER = 'public, max-age=31536000, immutable';

export function monsterHeaders(png: Buffer, etag: string, cache: CacheResult): MonsterHeaders {
  const notModified = {
    ...SECURITY_HEADERS,
    'X-Cache': cache,
    'Cache-Control': CACHE_FOREVER,
    ETag: etag,
  };
  return {
    ok: { ...notModified, 'Content-Type': 'image/png', 'Content-Length': png.length },
    notModified,
  };
}

export function createMonster(png: Buffer): Monster {
  const etag = `"${createHash('sha256').update(png).digest('base64url').slice(0, 27)}"`;
  return { png, etag, hit: monsterHeaders(png, etag, 'HIT') };
}
