import type { MonsterFormat } from '../../dnmonster/formats.js';

/**
 * What a monster request may ask for: the name rule, the size range and the formats of
 * `GET /monster/:name?size=N&format=F`. Every route and view that deals in monsters takes
 * them from here.
 */
export const MONSTER_NAME_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;
export const MONSTER_NAME_RULE =
  'A monster name is 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", "~" and "-".';

/** Pixel sizes the app serves (dnmonster itself accepts a wider range). */
export const MONSTER_SIZE = { default: 80, min: 16, max: 512 } as const;
export const MONSTER_SIZE_RULE = `size must be an integer from ${MONSTER_SIZE.min} to ${MONSTER_SIZE.max}.`;

export {
  FORMAT_RULE as MONSTER_FORMAT_RULE,
  parseFormat as parseMonsterFormat,
} from '../../dnmonster/formats.js';

/** One monster picture: which name, how large, in which format. */
export interface MonsterSpec {
  readonly name: string;
  readonly size: number;
  readonly format: MonsterFormat;
}

export function isMonsterName(name: string): boolean {
  return MONSTER_NAME_PATTERN.test(name);
}

/** The size asked for (`?size=`, absent: the default), or undefined when it is not allowed. */
export function parseMonsterSize(raw: unknown): number | undefined {
  if (raw === undefined) return MONSTER_SIZE.default;
  const size = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  return size >= MONSTER_SIZE.min && size <= MONSTER_SIZE.max ? size : undefined;
}
