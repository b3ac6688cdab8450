import { createHash } from 'node:crypto';

/**
 * The identifier a name's monster is drawn from: sha256 of salt + name, in hex, exactly
 * as the Flask original computes it (so the same salt gives the same monsters).
 */
export function identityHash(salt: string, name: string): string {
  return createHash('sha256')
    .update(salt + name, 'utf8')
    .digest('hex');
}
