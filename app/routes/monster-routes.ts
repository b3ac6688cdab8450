import { Router } from 'express';
import type { MonsterService } from '../monsters/monster-service.js';

export const NAME_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;
export const DEFAULT_SIZE = 80;
export const MIN_SIZE = 16;
export const MAX_SIZE = 512;

/** The size asked for, or undefined when it is not an integer in range. */
function parseSize(raw: unknown): number | undefined {
  if (raw === undefined) return DEFAULT_SIZE;
  const size = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  return size >= MIN_SIZE && size <= MAX_SIZE ? size : undefined;
}

/** `GET /monster/:name?size=N`: the monster PNG, from the cache when it can be. */
export function monsterRoutes(monsters: MonsterService): Router {
  const router = Router();

  router.get('/monster/:name', async (req, res) => {
    const { name } = req.params;
    if (!NAME_PATTERN.test(name)) {
      res
        .status(400)
        .type('text')
        .send('A monster name is 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", "~" and "-".\n');
      return;
    }
    const size = parseSize(req.query.size);
    if (size === undefined) {
      res
        .status(400)
        .type('text')
        .send(`size must be an integer from ${MIN_SIZE} to ${MAX_SIZE}.\n`);
      return;
    }

    const { monster, cache } = await monsters.get(name, size);
    res.set({
      'X-Cache': cache,
      // A name and size always give the same picture, so browsers may keep it for good.
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: monster.etag,
    });
    // res.send answers 304 itself when If-None-Match matches the ETag set above.
    res.type('png').send(monster.png);
  });

  return router;
}
