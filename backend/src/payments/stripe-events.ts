import type { PaymentStatus } from '@repairhub/contracts';
import Stripe from 'stripe';
import { invalid } from '../common/errors/domain-error.js';
import type { ChargeFacts, IntentChange, PaymentEvent, ProviderIntent, SignedEvent } from './payment-gateway.js';

/** Stripe's default; events older than this (replays) are refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The PaymentIntent events we act on and the payment status each one means. */
const INTENT_EVENT_STATUS: Readonly<Record<string, PaymentStatus>> = {
  'payment_intent.processing': 'processing',
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'canceled',
};

/**
 * Stripe's webhook format, spoken by both adapters (test mode signs its own events with the same
 * secret, so they take the very path Stripe's do): `stripe-signature` checked over the exact bytes.
 */
export function verifyStripeEvent(rawBody: Buffer | undefined, signature: string | string[] | undefined, secret: string): PaymentEvent {
  if (!rawBody?.length || typeof signature !== 'string' || !signature) {
    throw invalid('WEBHOOK.SIGNATURE_MISSING', 'A signed webhook body and the stripe-signature header are required.');
  }
  let event: ReturnType<typeof Stripe.webhooks.constructEvent>;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    throw invalid('WEBHOOK.SIGNATURE_INVALID', 'The webhook signature does not match the body.');
  }
  const object = (event.data?.object ?? {}) as { id?: unknown };
  return {
    id: event.id,
    type: event.type,
    objectId: typeof object.id === 'string' ? object.id : null,
    livemode: Boolean(event.livemode),
    change: changeOf(event.type, object),
  };
}

function changeOf(type: string, object: unknown): PaymentEvent['change'] {
  const status = INTENT_EVENT_STATUS[type];
  if (status) return { kind: 'intent', status, intent: object as ProviderIntent };
  if (type === 'charge.refunded') return { kind: 'refund', charge: object as ChargeFacts };
  return null;
}

/** A fetched PaymentIntent and the payment status its own status means (what its webhook would have said). */
export function intentChange(intent: ProviderIntent): IntentChange | null {
  const status = intentStatus(intent);
  return status ? { kind: 'intent', status, intent } : null;
}

function intentStatus(intent: ProviderIntent): PaymentStatus | null {
  if (intent.status === 'succeeded') return 'succeeded';
  if (intent.status === 'processing') return 'processing';
  if (intent.status === 'canceled') return 'canceled';
  // A declined attempt returns the intent to requires_payment_method with the error attached.
  if (intent.status === 'requires_payment_method' && intent.last_payment_error) return 'failed';
  return null;
}

/** An event as Stripe would deliver it: the JSON bytes and their `stripe-signature`. */
export function signStripeEvent(type: string, object: Record<string, unknown>, secret: string): SignedEvent {
  const event = {
    id: `evt_test_${randomSuffix()}`,
    object: 'event',
    api_version: null,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
  const payload = JSON.stringify(event);
  return { payload: Buffer.from(payload, 'utf8'), signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

function randomSuffix(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 24);
}
