/**
 * The sizes the dnmonster service accepts, in pixels: its own, wider than the web app's
 * (app/monsters/monster-request.ts), with the original service's default of 20.
 */
export const DNMONSTER_SIZE = { default: 20, min: 1, max: 1024 } as const;
