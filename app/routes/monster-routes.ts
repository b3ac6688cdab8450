import { Router, type Response } from 'express';
import type { Logger } from '../log/logger.js';
import {
  MONSTER_NAME_RULE,
  MONSTER_SIZE_RULE,
  isMonsterName,
  parseMonsterSize,
} from '../monsters/monster-request.js';
import type { MonsterService } from '../monsters/monster-service.js';
import { RenderError, type RenderFailure } from '../monsters/source.js';

const STATUS_BY_FAILURE: Readonly<Record<RenderFailure, number>> = {
  bad_response: 502,
  unavailable: 503,
  timeout: 504,
};

function plain(res: Response, status: number, message: string): void {
  res.status(status).type('text').send(`${message}\n`);
}

/** `GET /monster/:name?size=N`: the monster PNG, from the cache when it can be. */
export function monsterRoutes(monsters: MonsterService, logger: Logger): Router {
  const router = Router();

  router.get('/monster/:name', async (req, res) => {
    const { name } = req.params;
    if (!isMonsterName(name)) {
      plain(res, 400, MONSTER_NAME_RULE);
      return;
    }
    const size = parseMonsterSize(req.query.size);
    if (size === undefined) {
      plain(res, 400, MONSTER_SIZE_RULE);
      return;
    }

    let found;
    try {
      found = await monsters.get(name, size);
    } catch (error) {
      if (!(error instanceof RenderError)) throw error;
      // The user gets the short reason; the log gets the underlying cause as well.
      logger.warn(`Render failed: ${error.message}`, {
        name,
        size,
        cause: error.cause instanceof Error ? error.cause.message : undefined,
      });
      plain(res, STATUS_BY_FAILURE[error.reason], error.message);
      return;
    }
    res.set({
      'X-Cache': found.cache,
      // A name and size always give the same picture, so browsers may keep it for good.
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: found.monster.etag,
    });
    // res.send answers 304 itself when If-None-Match matches the ETag set above.
    res.type('png').send(found.monster.png);
  });

  return router;
}
