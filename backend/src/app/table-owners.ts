/**
 * Which feature folder (under `backend/src/`) owns each table: only code in that folder writes it,
 * and only that folder and read models (`*.queries.ts`, `*.query.ts`) name it in SQL. Everyone else
 * goes through the owner's service or repository. `table-ownership.spec.ts` enforces it.
 */
export const TABLE_OWNERS: Readonly<Record<string, string>> = {
  users: 'users',
  refresh_tokens: 'auth',
  password_reset_tokens: 'auth',
  devices: 'devices',
  serial_access_log: 'devices',
  repair_requests: 'repairs',
  repair_status_history: 'repairs',
  quotes: 'quotes',
  payments: 'payments',
  refunds: 'payments',
  webhook_events: 'payments',
  conversations: 'chat',
  messages: 'chat',
  conversation_participants: 'chat',
  attachments: 'attachments',
  email_outbox: 'notifications',
  api_keys: 'integrations',
  webhook_endpoints: 'integrations',
  webhook_outbox: 'integrations',
  webhook_deliveries: 'integrations',
  webhook_delivery_attempts: 'integrations',
  appointments: 'appointments',
  calls: 'calls',
};
