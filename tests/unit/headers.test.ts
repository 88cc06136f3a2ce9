import { describe, expect, it } from 'vitest';
import { setPageHeaders } from '~/security/headers.server';

describe('setPageHeaders', () => {
  it('adds the security headers and Vary: Cookie, keeping what the route set', () => {
    const headers = new Headers({ Vary: 'Accept-Encoding', 'Cache-Control': 'no-store' });
    setPageHeaders(headers, { signedIn: false });
    expect(Object.fromEntries(headers)).toMatchObject({
      'x-frame-options': 'DENY',
      'content-security-policy': "frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      vary: 'Accept-Encoding, Cookie',
      'cache-control': 'no-store',
    });
    setPageHeaders(headers, { signedIn: false });
    expect(headers.get('Vary')).toBe('Accept-Encoding, Cookie'); // not twice
  });

  it('makes a signed-in response private and never stored', () => {
    const headers = new Headers({ 'Cache-Control': 'public, max-age=60' });
    setPageHeaders(headers, { signedIn: true });
    expect(headers.get('Cache-Control')).toBe('private, no-store');
    expect(headers.get('Vary')).toBe('Cookie');
  });
});
