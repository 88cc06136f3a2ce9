/**
 * The local Hasura engine's admin secret: a random value made once per checkout and kept in the git-ignored
 * `.data/hasura-admin-secret`, so no web page can guess it (a published constant would let any page that reaches
 * 127.0.0.1 act as admin). `npm run dev` prints it; codegen, the end-to-end stack and the bench read it here.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHECKOUT_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Where the secret is kept. */
export function adminSecretPath(rootDir = CHECKOUT_DIR): string {
  return join(rootDir, '.data', 'hasura-admin-secret');
}

/** The checkout's secret, made on first use (safe when several processes ask at once). */
export function checkoutAdminSecret(rootDir = CHECKOUT_DIR): string {
  const existing = readCheckoutAdminSecret(rootDir);
  if (existing) return existing;
  const path = adminSecretPath(rootDir);
  mkdirSync(dirname(path), { recursive: true });
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  try {
    linkSync(draft, path); // the first process to get here wins; the others read its value
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return readCheckoutAdminSecret(rootDir)!;
}

/** The checkout's secret if one was made already. */
export function readCheckoutAdminSecret(rootDir = CHECKOUT_DIR): string | undefined {
  const path = adminSecretPath(rootDir);
  return existsSync(path) ? readFileSync(path, 'utf8').trim() || undefined : undefined;
}
