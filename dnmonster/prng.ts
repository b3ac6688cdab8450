import { createHash } from 'node:crypto';

/** A deterministic pseudo-random source; `next()` returns a float in [0, 1). */
export interface Random {
  next(): number;
  /** An integer in [0, bound). */
  below(bound: number): number;
}

/**
 * sfc32 seeded with the first 128 bits of sha256(name). Seeding from a hash (rather than
 * from the raw characters) spreads similar names ("bob", "bob2") far apart, and the
 * generator uses only 32-bit integer maths, so every machine draws the same sequence.
 */
export function randomFromName(name: string): Random {
  const seed = createHash('sha256').update(name, 'utf8').digest();
  let a = seed.readUInt32BE(0);
  let b = seed.readUInt32BE(4);
  let c = seed.readUInt32BE(8);
  let d = seed.readUInt32BE(12);

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up rounds, as sfc32's author recommends, so the first outputs are well mixed.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / 4294967296;
  return { next, below: (bound) => Math.floor(next() * bound) };
}
