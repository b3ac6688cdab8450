import type { MonsterFormat } from '../../dnmonster/formats.js';

/** Where monster pictures come from: the dnmonster service over HTTP, or the same code in-process. */
export interface MonsterSource {
  /** Says where monsters come from, for the start-up log. */
  readonly description: string;
  /** Whether monsters come over the network (and so can be unavailable). */
  readonly remote: boolean;
  render(name: string, size: number, format: MonsterFormat): Promise<Buffer>;
  /** Whether the renderer can serve now (for /readyz). */
  isReady(): Promise<boolean>;
  close(): void;
}

/** Why a render failed; each maps to its own HTTP status (see app/routes/monster-routes.ts). */
export type RenderFailure = 'unavailable' | 'timeout' | 'bad_response';

export class RenderError extends Error {
  constructor(
    readonly reason: RenderFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RenderError';
  }
}

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE: Readonly<Buffer> = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
]);

export function isPng(body: Buffer): boolean {
  return body.length > PNG_SIGNATURE.length && PNG_SIGNATURE.equals(body.subarray(0, 8));
}

const SVG_START = Buffer.from('<svg ');

/** Whether a renderer's answer is a picture in the format asked for (its first bytes). */
export function isPicture(format: MonsterFormat, body: Buffer): boolean {
  return format === 'png' ? isPng(body) : body.subarray(0, SVG_START.length).equals(SVG_START);
}
