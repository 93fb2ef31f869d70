import type { ApiKeyScope, ApiKeySecretResponse } from '@repairhub/contracts';
import type { TestApp } from '../support/test-app.js';
import type { TestUser } from './users.factory.js';

/** Creates an API key through the admin API and returns it with its one-time secret. */
export async function createApiKey(t: TestApp, admin: TestUser, scopes: ApiKeyScope[], extra: { name?: string; expiresAt?: string } = {}): Promise<ApiKeySecretResponse> {
  const response = await t.api.post('/api-keys', { name: extra.name ?? `key ${scopes.length}`, scopes, ...extra }, { token: admin.token });
  if (response.status !== 201) throw new Error(`create api key failed: ${response.status} ${response.text}`);
  return response.body;
}

export const withKey = (secret: string) => ({ headers: { 'x-api-key': secret } });
