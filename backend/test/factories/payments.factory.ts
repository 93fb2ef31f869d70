import Stripe from 'stripe';
import type { AcceptQuoteResponse, CreateQuoteRequest, QuoteView, RepairDetail } from '@repairhub/contracts';
import { TEST_SECRETS, type TestApp } from '../support/test-app.js';
import { createRepair, issueQuote } from './repairs.factory.js';
import type { TestUser } from './users.factory.js';

/** A repair of `customer`'s with a pending quote from `technician`. */
export async function quoteToPay(
  t: TestApp,
  customer: TestUser,
  technician: TestUser,
  overrides: Partial<CreateQuoteRequest> = {},
): Promise<{ repair: RepairDetail; quote: QuoteView }> {
  const repair = await createRepair(t, customer);
  const quote = await issueQuote(t, technician, repair.id, overrides);
  return { repair, quote };
}

export async function acceptQuote(t: TestApp, customer: TestUser, quoteId: string): Promise<AcceptQuoteResponse['payment']> {
  const response = await t.api.post(`/quotes/${quoteId}/accept`, {}, { token: customer.token });
  if (response.status !== 201) throw new Error(`accept failed: ${response.status} ${response.text}`);
  return response.body.payment;
}

/** A Stripe event body as Stripe would send it. */
export function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_${Math.random().toString(36).slice(2)}${Date.now()}`): string {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
}

/** The `stripe-signature` header for `payload`, made by the real stripe library. */
export function signature(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? TEST_SECRETS.STRIPE_WEBHOOK_SECRET, timestamp: options.timestamp });
}

/** POSTs a webhook exactly as given (raw bytes). */
export function postWebhook(t: TestApp, payload: string | Buffer, header: string | undefined) {
  return t.api.post('/payments/webhook', undefined, {
    raw: payload,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(header === undefined ? {} : { 'stripe-signature': header }) },
  });
}

/** Signs and posts. */
export function sendEvent(t: TestApp, payload: string) {
  return postWebhook(t, payload, signature(payload));
}
