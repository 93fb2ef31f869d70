/** What an API key may do. A key reaches only routes that declare one of these, and needs every scope listed. */
export const API_KEY_SCOPES = [
  'repairs:read',
  'repairs:write',
  'quotes:read',
  'payments:read',
  'payments:refund',
  'users:read',
  'dashboard:read',
  'webhooks:manage',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The start of every API key secret, so it is told apart from a JWT (and found by secret scanners). */
export const API_KEY_TOKEN_PREFIX = 'rh_live_';

export interface ApiKeyView {
  id: string;
  name: string;
  /** `rh_live_<prefix>`: enough to recognise a key, useless to call with. */
  prefix: string;
  scopes: ApiKeyScope[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface CreateApiKeyRequest {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt?: string;
}

/** Returned once, on creation and rotation: the secret is not stored and cannot be shown again. */
export interface ApiKeySecretResponse {
  apiKey: ApiKeyView;
  secret: string;
}

export const WEBHOOK_EVENT_TYPES = [
  'repair.created',
  'repair.status_changed',
  'quote.issued',
  'quote.accepted',
  'payment.succeeded',
  'payment.refunded',
  'message.created',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface WebhookEndpointView {
  id: string;
  url: string;
  eventTypes: WebhookEventType[];
  active: boolean;
  createdAt: string;
}

export interface CreateWebhookEndpointRequest {
  url: string;
  eventTypes: WebhookEventType[];
}

export interface WebhookEndpointCreatedResponse {
  endpoint: WebhookEndpointView;
  /** `whsec_...`, shown once: sign-check deliveries with it. */
  secret: string;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}
