import { randomUUID } from 'node:crypto';
import type { Role } from '@repairhub/contracts';
import type { TestApp } from '../support/test-app.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  token: string;
  /** Set for customers registered through the API (body transport). */
  refreshToken?: string;
}

export const STRONG_PASSWORD = 'Violet-Harbor-Lantern-42';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/** Registers a customer through the public API and returns its access token. */
export async function registerCustomer(t: TestApp, name = 'Test Customer'): Promise<TestUser> {
  const email = uniqueEmail('customer');
  const response = await t.api.post('/auth/register', { email, password: STRONG_PASSWORD, name }, { headers: { 'x-token-transport': 'body' } });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.text}`);
  return { id: response.body.user.id, email, password: STRONG_PASSWORD, role: 'customer', token: response.body.accessToken, refreshToken: response.body.refreshToken };
}

/** Creates a staff account inside the app (as the admin API would) and signs it in. */
export async function createStaff(t: TestApp, role: 'technician' | 'admin', name = `Test ${role}`): Promise<TestUser> {
  const email = uniqueEmail(role);
  const user = await t.call<{ id: string }>('users/users.service.js', 'UsersService', 'create', { email, password: STRONG_PASSWORD, name, role });
  const token = await login(t, email, STRONG_PASSWORD);
  return { id: user.id, email, password: STRONG_PASSWORD, role, token };
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const response = await t.api.post('/auth/login', { email, password }, { headers: { 'x-token-transport': 'body' } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
  return response.body.accessToken;
}
