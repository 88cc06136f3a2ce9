import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Clerk-style id: `<prefix>_` followed by 27 base62 characters (e.g. `user_2ab…`). */
export function newId(prefix: string): string {
  const bytes = randomBytes(27);
  let body = '2';
  for (let i = 1; i < 27; i++) body += ALPHABET[bytes[i] % ALPHABET.length];
  return `${prefix}_${body}`;
}
