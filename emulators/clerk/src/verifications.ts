import { randomInt } from 'node:crypto';
import { errors } from './errors.js';
import type { VerificationRecord } from './state.js';

/**
 * One-time codes ("sent" to the local mailbox): a random 6-digit code per preparation, Clerk's fixed development
 * code 424242 also accepted (for tests), 10 minutes to use it, and a few attempts before the verification fails.
 */

/** Clerk's test-mode verification code: always accepted here, on any address. */
export const TEST_VERIFICATION_CODE = '424242';
/** Clerk's email codes are valid for 10 minutes. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** Wrong codes allowed before the verification fails and a new code must be requested. */
export const MAX_CODE_ATTEMPTS = 3;

export function newCodeVerification(strategy: string, now = Date.now()): VerificationRecord & { code: string } {
  return {
    status: 'unverified',
    strategy,
    attempts: 0,
    expireAt: now + CODE_LIFETIME_MS,
    code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
  };
}

/**
 * Checks `code` against a prepared verification, updating it: verified, or one more failed attempt (Clerk's
 * `form_code_incorrect`), `verification_failed` once the attempts are used up, `verification_expired` after 10 min.
 */
export function attemptCode(
  verification: VerificationRecord | null | undefined,
  strategy: string,
  code: string,
  now = Date.now(),
): void {
  if (!verification || verification.strategy !== strategy || !verification.code) {
    if (verification?.status === 'verified' && verification.strategy === strategy) return;
    throw errors.verificationNotPrepared();
  }
  if (verification.status === 'verified') return;
  if (verification.status === 'failed' || verification.attempts >= MAX_CODE_ATTEMPTS) {
    verification.status = 'failed';
    throw errors.verificationFailed();
  }
  if (verification.status === 'expired' || (verification.expireAt !== null && verification.expireAt <= now)) {
    verification.status = 'expired';
    throw errors.verificationExpired();
  }
  verification.attempts += 1;
  if (code.trim() !== verification.code && code.trim() !== TEST_VERIFICATION_CODE) {
    if (verification.attempts >= MAX_CODE_ATTEMPTS) {
      verification.status = 'failed';
      throw errors.verificationFailed();
    }
    throw errors.codeIncorrect();
  }
  verification.status = 'verified';
  verification.code = undefined;
}
