import { createHash, createHmac } from 'node:crypto';

/** RFC 4122 name-based UUID (version 5, SHA-1) in our own namespace. */
const NAMESPACE = Buffer.from('5d7c3f0e9a2b4c1d8e6f0a1b2c3d4e5f', 'hex');

export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A payment's id and Stripe idempotency key are both derived from (quote, attempt). Stripe replays
 * an idempotent request only when its parameters are identical, and our metadata carries the
 * payment id: so if we crash after Stripe created the intent but before our transaction committed,
 * the retry sends the very same request and gets the very same intent back.
 */
export function paymentIdentity(quoteId: string, attempt: number): { id: string; idempotencyKey: string } {
  return { id: uuidV5(`payment:${quoteId}:${attempt}`), idempotencyKey: `repairhub-quote-${quoteId}-attempt-${attempt}` };
}

export function refundIdentity(paymentId: string, seq: number): { id: string; idempotencyKey: string } {
  return { id: uuidV5(`refund:${paymentId}:${seq}`), idempotencyKey: `repairhub-refund-${paymentId}-${seq}` };
}

/** Test mode: Stripe-shaped ids that cannot be mistaken for real ones. */
export const testIntentId = (paymentId: string) => `pi_test_${paymentId.replace(/-/g, '')}`;
export const testChargeId = (paymentId: string) => `ch_test_${paymentId.replace(/-/g, '')}`;
export const testRefundId = (refundId: string) => `re_test_${refundId.replace(/-/g, '')}`;

/** Test mode: `pi_test_<id>_secret_<random>`, the random part keyed by a server secret so it is stable across accepts. */
export function testClientSecret(intentId: string, serverSecret: string): string {
  const random = createHmac('sha256', serverSecret).update(`client-secret:${intentId}`).digest('base64url').slice(0, 24);
  return `${intentId}_secret_${random}`;
}
