import { Router, type Response } from 'express';
import type { Logger } from '../log/logger.js';
import {
  MONSTER_NAME_RULE,
  MONSTER_SIZE_RULE,
  isMonsterName,
  parseMonsterSize,
} from '../monsters/monster-request.js';
import { serveMonster } from '../monsters/monster-reply.js';
import type { MonsterService } from '../monsters/monster-service.js';

function refuse(res: Response, message: string): void {
  res.status(400).type('text').send(`${message}\n`);
}

/**
 * `GET /monster/:name?size=N`: the monster PNG, from the cache when it can be. Most of these
 * requests are answered by the fast lane (app/http/fast-lane.ts) before express sees them;
 * this route serves the rest (encoded names, other query strings) and answers bad ones 400.
 */
export function monsterRoutes(monsters: MonsterService, logger: Logger): Router {
  const router = Router();

  router.get('/monster/:name', async (req, res) => {
    const { name } = req.params;
    if (!isMonsterName(name)) {
      refuse(res, MONSTER_NAME_RULE);
      return;
    }
    const size = parseMonsterSize(req.query.size);
    if (size === undefined) {
      refuse(res, MONSTER_SIZE_RULE);
      return;
    }
    await serveMonster(req, res, name, size, monsters, logger);
  });

  return router;
}
