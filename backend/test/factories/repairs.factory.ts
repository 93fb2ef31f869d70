import type { CreateDeviceRequest, CreateQuoteRequest, DeviceView, QuoteView, RepairDetail, RepairStatus, Urgency } from '@repairhub/contracts';
import type { TestApp } from '../support/test-app.js';
import type { TestUser } from './users.factory.js';

function expectStatus(response: { status: number; text: string }, status: number, what: string): void {
  if (response.status !== status) throw new Error(`${what} failed: ${response.status} ${response.text}`);
}

export async function createDevice(t: TestApp, owner: TestUser, overrides: Partial<CreateDeviceRequest> = {}): Promise<DeviceView> {
  const body: CreateDeviceRequest = { type: 'laptop', brand: 'Apple', model: 'MacBook Pro 14', ...overrides };
  const response = await t.api.post('/devices', body, { token: owner.token });
  expectStatus(response, 201, 'create device');
  return response.body;
}

/** A device and a repair request for it, as the customer would file them. */
export async function createRepair(
  t: TestApp,
  owner: TestUser,
  options: { urgency?: Urgency; deviceId?: string; issueDescription?: string } = {},
): Promise<RepairDetail> {
  const deviceId = options.deviceId ?? (await createDevice(t, owner)).id;
  const response = await t.api.post(
    '/repairs',
    { deviceId, issueDescription: options.issueDescription ?? 'The screen flickers and then goes black.', urgency: options.urgency ?? 'normal' },
    { token: owner.token },
  );
  expectStatus(response, 201, 'create repair');
  return response.body;
}

export async function assignRepair(t: TestApp, technician: TestUser, repairId: string): Promise<RepairDetail> {
  const response = await t.api.post(`/repairs/${repairId}/assign`, {}, { token: technician.token });
  expectStatus(response, 200, 'assign repair');
  return response.body;
}

export async function issueQuote(
  t: TestApp,
  technician: TestUser,
  repairRequestId: string,
  overrides: Partial<CreateQuoteRequest> = {},
): Promise<QuoteView> {
  const response = await t.api.post(
    '/quotes',
    { repairRequestId, partsCost: 12_999, laborCost: 4_500, currency: 'usd', ...overrides },
    { token: technician.token },
  );
  expectStatus(response, 201, 'issue quote');
  return response.body;
}

/** Moves a repair the way another module would: `RepairsService.transition` in its own transaction. */
export function transitionAsSystem(t: TestApp, repairId: string, to: RepairStatus, note = 'Payment received'): Promise<unknown> {
  return t.call('repairs/repairs.service.js', 'RepairsService', 'transition', null, repairId, to, { id: null, role: 'system' }, note);
}
