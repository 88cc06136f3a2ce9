import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import { errors } from './errors.js';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
) => Promise<Buffer>;

/**
 * Passwords are kept only as scrypt hashes (`scrypt$<salt hex>$<hash hex>`). The cost is deliberately low
 * (N=1024): this is a local stand-in whose passwords sit in a config file, and sign-ins should be quick.
 */
const OPTIONS: ScryptOptions = { N: 1024, r: 8, p: 1 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, OPTIONS);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await scrypt(password, Buffer.from(saltHex, 'hex'), expected.length, OPTIONS);
  return timingSafeEqual(actual, expected);
}

/** The instance's password policy (Clerk's defaults: 8 to 72 characters, no breach check). */
const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 72;

export function assertPasswordPolicy(password: string, param = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw errors.passwordTooShort(MIN_PASSWORD_LENGTH, param);
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw errors.paramInvalid(param, `Passwords must be less than ${MAX_PASSWORD_LENGTH} characters.`);
  }
}
