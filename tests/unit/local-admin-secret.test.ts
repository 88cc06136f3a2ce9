import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSecretPath, checkoutAdminSecret, readCheckoutAdminSecret } from '../../scripts/local-admin-secret';

describe('checkoutAdminSecret', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const checkout = () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkout-'));
    dirs.push(dir);
    return dir;
  };

  it('is made once per checkout, kept in .data/ readable by its owner only, and differs between checkouts', () => {
    const [one, other] = [checkout(), checkout()];
    expect(readCheckoutAdminSecret(one)).toBeUndefined();
    const secret = checkoutAdminSecret(one);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(checkoutAdminSecret(one)).toBe(secret);
    expect(readFileSync(join(one, '.data', 'hasura-admin-secret'), 'utf8').trim()).toBe(secret);
    expect(statSync(adminSecretPath(one)).mode & 0o077).toBe(0);
    expect(checkoutAdminSecret(other)).not.toBe(secret);
  });
});
