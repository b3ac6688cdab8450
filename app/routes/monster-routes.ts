import { Router, type Request, type Response } from 'express';
import { MONSTER_HEADERS, MONSTER_PREFLIGHT_HEADERS } from '../http/security.js';
import type { Logger } from '../log/logger.js';
import {
  MONSTER_FORMAT_RULE,
  MONSTER_NAME_RULE,
  MONSTER_SIZE_RULE,
  isMonsterName,
  parseMonsterFormat,
  parseMonsterSize,
} from '../monsters/monster-request.js';
import { sendText, serveMonster, type ClientOf } from '../monsters/monster-reply.js';
import type { MonsterService } from '../monsters/monster-service.js';

/** express's view of the client: `trust proxy` applied. */
const clientOf: ClientOf = (req) => (req as Request).ip;

function refuse(res: Response, message: string): void {
  sendText(res, 400, message, MONSTER_HEADERS);
}

/**
 * `GET /monster/:name?size=N&format=png|svg`: the monster, from the cache when it can be.
 * Most of these requests are answered by the fast lane (app/http/fast-lane.ts) before
 * express sees them; this route serves the rest (encoded names, other query strings),
 * answers bad ones 400 and CORS preflights 204. Every answer here may be read by any site.
 */
export function monsterRoutes(monsters: MonsterService, logger: Logger): Router {
  const router = Router();

  router.options('/monster/:name', (_req, res) => {
    res.writeHead(204, MONSTER_PREFLIGHT_HEADERS).end();
  });

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
    const format = parseMonsterFormat(req.query.format);
    if (format === undefined) {
      refuse(res, MONSTER_FORMAT_RULE);
      return;
    }
    await serveMonster(req, res, { name, size, format }, clientOf, monsters, logger);
  });

  return router;
}
