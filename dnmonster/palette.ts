import type { Random } from './prng.js';

/** Colours, as [r, g, b], in the order of the `Ink` indices used by the artwork. */
export type Rgb = [number, number, number];

/** What a grid cell is painted with. The numbers index the PNG palette. */
export const Ink = {
  background: 0,
  body: 1,
  shade: 2,
  light: 3,
  accent: 4,
  white: 5,
  black: 6,
} as const;
export type Ink = (typeof Ink)[keyof typeof Ink];

function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number): number => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number): number =>
    Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))));
  return [channel(0), channel(8), channel(4)];
}

/** A seeded colour scheme: a body hue, its shades, and an accent from across the wheel. */
export function pickPalette(random: Random): Rgb[] {
  const hue = random.below(360);
  const saturation = 50 + random.below(30);
  const accentHue = (hue + 120 + random.below(120)) % 360;
  return [
    hslToRgb(hue, 35, 95), // background
    hslToRgb(hue, saturation, 55), // body
    hslToRgb(hue, saturation, 30), // shade: outlines
    hslToRgb(hue, saturation, 75), // light: belly, highlights
    hslToRgb(accentHue, 65, 45), // accent: hair, tongue
    [255, 255, 255], // white: eyes, teeth, horns
    [34, 34, 34], // black: pupils, mouths
  ];
}
