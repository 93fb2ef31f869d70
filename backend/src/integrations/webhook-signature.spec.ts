import { createHmac } from 'node:crypto';
import { signPayload, verifySignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt","type":"repair.created"}';

  it('signs "t.body" with HMAC-SHA256 as documented', () => {
    const header = signPayload(secret, body, 1_700_000_000);
    expect(header).toBe(`t=1700000000,v1=${createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex')}`);
    expect(verifySignature(secret, body, header, 1_700_000_100)).toBe(true);
  });

  it('refuses another body, another secret, and a timestamp outside 5 minutes', () => {
    const header = signPayload(secret, body, 1_700_000_000);
    expect(verifySignature(secret, `${body} `, header, 1_700_000_000)).toBe(false);
    expect(verifySignature('whsec_other', body, header, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, body, header, 1_700_000_301)).toBe(false);
    expect(verifySignature(secret, body, 'v1=abc', 1_700_000_000)).toBe(false);
  });
});
