/**
 * The picture formats a monster comes in: PNG, the original's, and SVG, for sharp rendering
 * at any display size. The web app and the dnmonster service both take `?format=` from here.
 */
export const MONSTER_FORMATS = ['png', 'svg'] as const;
export type MonsterFormat = (typeof MONSTER_FORMATS)[number];

export const DEFAULT_FORMAT: MonsterFormat = 'png';

export const CONTENT_TYPES: Readonly<Record<MonsterFormat, string>> = {
  png: 'image/png',
  svg: 'image/svg+xml',
};

export const FORMAT_RULE = `format must be one of: ${MONSTER_FORMATS.join(', ')}.`;

/** The format asked for (absent: the default), or undefined when it is not one we serve. */
export function parseFormat(raw: unknown): MonsterFormat | undefined {
  if (raw === undefined || raw === null) return DEFAULT_FORMAT;
  return MONSTER_FORMATS.find((format) => format === raw);
}
