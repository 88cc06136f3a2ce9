import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, type JWK } from 'jose';

/** The instance's RS256 signing key: signs session, template (default), handshake and dev-browser JWTs. */
export interface InstanceKeys {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  jwk: JWK;
}

const KEY_FILE = 'instance-key.pem';

/**
 * Loads the instance key from `<dataDir>/instance-key.pem`, creating a 2048-bit, e=65537 RSA key the first time
 * (the only shape @clerk/backend accepts for CLERK_JWT_KEY). Persisting it keeps sessions and JWKS valid across restarts.
 */
export async function loadOrCreateInstanceKeys(dataDir: string): Promise<InstanceKeys> {
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
    // Written aside, then linked into place: the link fails if another process created the key meanwhile, and
    // then both use theirs (same JWKS); nobody ever reads a half-written file.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  const privatePem = readFileSync(file, 'utf8');
  const privateKey = createPrivateKey(privatePem);
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  // Clerk's kids look like `ins_<id>`; derive ours from the key so it is stable for the life of the key file.
  const kid = `ins_${createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 27)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, publicKeyPem, jwk };
}

export function jwks(keys: InstanceKeys): { keys: JWK[] } {
  return { keys: [keys.jwk] };
}
