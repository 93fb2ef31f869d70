import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the app made to the fake Stripe API. */
export interface StripeCall {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  params: Record<string, string>;
}

type Json = Record<string, unknown>;

/**
 * A small stand-in for api.stripe.com, for e2e tests: the app's real `stripe` client is pointed here
 * with STRIPE_API_URL. It answers the endpoints the payments module uses with Stripe-shaped
 * objects, honours idempotency keys the way Stripe does (same key + same parameters → the stored
 * response; same key + other parameters → 400 idempotency_error) and records every call.
 */
export class FakeStripe {
  readonly calls: StripeCall[] = [];
  readonly intents = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  /** Milliseconds to wait before answering a create, so concurrent requests overlap. */
  createDelayMs = 30;
  /** The next N creates answer 500 api_error (the client retries with the same key). */
  failNextCreates = 0;
  private readonly idempotent = new Map<string, { params: string; status: number; body: Json }>();
  private server!: Server;

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Calls to one endpoint, e.g. `callsTo('POST', '/v1/payment_intents')`. */
  callsTo(method: string, path: string): StripeCall[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  /** The intents created for one quote (by our metadata). */
  intentsForQuote(quoteId: string): Json[] {
    return [...this.intents.values()].filter((i) => (i.metadata as Json).quote_id === quoteId);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const url = new URL(req.url ?? '/', 'http://fake');
    const call: StripeCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      idempotencyKey: header(req, 'idempotency-key'),
      authorization: header(req, 'authorization'),
      params,
    };
    this.calls.push(call);

    if (!call.authorization?.startsWith('Bearer sk_')) return send(res, 401, stripeError('invalid_request_error', 'Invalid API Key provided'));
    if (call.method === 'POST' && call.path === '/v1/payment_intents') return this.idempotently(call, res, () => this.createIntent(params));
    const retrieve = /^\/v1\/payment_intents\/([\w]+)$/.exec(call.path);
    if (call.method === 'GET' && retrieve) {
      const intent = this.intents.get(retrieve[1]);
      return intent ? send(res, 200, intent) : send(res, 404, stripeError('invalid_request_error', 'No such payment_intent', 'resource_missing'));
    }
    const cancel = /^\/v1\/payment_intents\/([\w]+)\/cancel$/.exec(call.path);
    if (call.method === 'POST' && cancel) return this.idempotently(call, res, () => this.cancelIntent(cancel[1], params));
    if (call.method === 'POST' && call.path === '/v1/refunds') return this.idempotently(call, res, () => this.createRefund(params));
    send(res, 404, stripeError('invalid_request_error', `Unrecognized request URL (${call.method}: ${call.path})`));
  }

  private async idempotently(call: StripeCall, res: ServerResponse, create: () => { status: number; body: Json }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.createDelayMs));
    const key = call.idempotencyKey;
    const fingerprint = JSON.stringify(call.params);
    const stored = key ? this.idempotent.get(`${call.path} ${key}`) : undefined;
    if (stored) {
      if (stored.params !== fingerprint) {
        return send(res, 400, stripeError('idempotency_error', 'Keys for idempotent requests can only be used with the same parameters they were first used with.'));
      }
      res.setHeader('idempotent-replayed', 'true');
      return send(res, stored.status, stored.body);
    }
    if (this.failNextCreates > 0) {
      this.failNextCreates--;
      return send(res, 500, stripeError('api_error', 'Something went wrong on Stripe’s end.'));
    }
    const result = create();
    if (key) this.idempotent.set(`${call.path} ${key}`, { params: fingerprint, ...result });
    send(res, result.status, result.body);
  }

  private createIntent(params: Record<string, string>): { status: number; body: Json } {
    const amount = Number(params.amount);
    if (!Number.isInteger(amount) || amount < 1 || !/^[a-z]{3}$/.test(params.currency ?? '')) {
      return { status: 400, body: stripeError('invalid_request_error', 'Invalid amount or currency', 'parameter_invalid_integer') };
    }
    const id = `pi_${randomBytes(12).toString('hex')}`;
    const intent: Json = {
      id,
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency: params.currency,
      status: 'requires_payment_method',
      client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
      automatic_payment_methods: params['automatic_payment_methods[enabled]'] ? { enabled: params['automatic_payment_methods[enabled]'] === 'true' } : null,
      description: params.description ?? null,
      metadata: nested(params, 'metadata'),
      livemode: false,
      created: Math.floor(Date.now() / 1000),
      last_payment_error: null,
      latest_charge: null,
    };
    this.intents.set(id, intent);
    return { status: 200, body: intent };
  }

  private cancelIntent(id: string, params: Record<string, string>): { status: number; body: Json } {
    const intent = this.intents.get(id);
    if (!intent) return { status: 404, body: stripeError('invalid_request_error', 'No such payment_intent', 'resource_missing') };
    if (['succeeded', 'canceled', 'processing'].includes(intent.status as string)) {
      return { status: 400, body: stripeError('invalid_request_error', `This PaymentIntent's status is ${intent.status}.`, 'payment_intent_unexpected_state') };
    }
    Object.assign(intent, { status: 'canceled', cancellation_reason: params.cancellation_reason ?? null, client_secret: intent.client_secret });
    return { status: 200, body: intent };
  }

  private createRefund(params: Record<string, string>): { status: number; body: Json } {
    const intent = this.intents.get(params.payment_intent ?? '');
    if (!intent) return { status: 404, body: stripeError('invalid_request_error', 'No such payment_intent', 'resource_missing') };
    const refunded = [...this.refunds.values()].filter((r) => r.payment_intent === intent.id).reduce((sum, r) => sum + (r.amount as number), 0);
    const amount = params.amount ? Number(params.amount) : (intent.amount as number) - refunded;
    if (amount < 1 || refunded + amount > (intent.amount as number)) {
      return { status: 400, body: stripeError('invalid_request_error', 'Refund amount is greater than unrefunded amount on charge', 'amount_too_large') };
    }
    const refund: Json = {
      id: `re_${randomBytes(12).toString('hex')}`,
      object: 'refund',
      amount,
      currency: intent.currency,
      payment_intent: intent.id,
      charge: `ch_${(intent.id as string).slice(3)}`,
      reason: params.reason ?? null,
      status: 'pending',
      metadata: nested(params, 'metadata'),
      created: Math.floor(Date.now() / 1000),
    };
    this.refunds.set(refund.id as string, refund);
    return { status: 200, body: refund };
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function nested(params: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const match = new RegExp(`^${prefix}\\[(.+)\\]$`).exec(key);
    if (match) out[match[1]] = value;
  }
  return out;
}

function stripeError(type: string, message: string, code?: string): Json {
  return { error: { type, message, ...(code ? { code } : {}) } };
}

function send(res: ServerResponse, status: number, body: Json): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` });
  res.end(JSON.stringify(body));
}

export async function startFakeStripe(): Promise<FakeStripe> {
  return new FakeStripe().start();
}
