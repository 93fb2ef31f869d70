import { computeSecurityHeaders, helmetOptions } from './security-headers.js';

describe('computeSecurityHeaders', () => {
  const headers = computeSecurityHeaders(helmetOptions('https://shop.example'));

  it('forbids framing the same way in CSP and X-Frame-Options, and limits scripts to our origin and Stripe', () => {
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['content-security-policy']).toContain("script-src 'self' https://js.stripe.com");
    expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('lets pages open WebSockets to our own origin only', () => {
    const connectSrc = /connect-src ([^;]*)/.exec(headers['content-security-policy'])![1].split(' ');
    expect(connectSrc).toEqual(["'self'", 'wss://shop.example', 'https://api.stripe.com']);
    expect(computeSecurityHeaders(helmetOptions('http://localhost:3000'))['content-security-policy']).toContain(
      "connect-src 'self' ws://localhost:3000 https://api.stripe.com",
    );
  });

  it('sets HSTS, nosniff and the referrer policy', () => {
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
});
