import { computeSecurityHeaders } from './security-headers.js';

describe('computeSecurityHeaders', () => {
  const headers = computeSecurityHeaders();

  it('forbids framing and limits scripts to our origin and Stripe', () => {
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("script-src 'self' https://js.stripe.com");
    expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('sets HSTS, nosniff and the referrer policy', () => {
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
});
