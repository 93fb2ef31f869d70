import type { SchemaObject } from '@nestjs/swagger';
import { ACTORS, CURRENCIES, REPAIR_STATUSES, type SystemEvent } from '@repairhub/contracts';

type Kind = SystemEvent['kind'];

const money: SchemaObject = { type: 'integer', description: 'Minor units (cents).' };
const currency: SchemaObject = { type: 'string', enum: [...CURRENCIES] };

function variant(kind: Kind, properties: Record<string, SchemaObject>): SchemaObject {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['kind', ...Object.keys(properties)],
    properties: { kind: { type: 'string', enum: [kind] }, ...properties },
  };
}

/** The OpenAPI schema of `SystemEvent` (libs/contracts): one variant per kind. */
export const SYSTEM_EVENT_SCHEMA: { oneOf: SchemaObject[] } = {
  oneOf: [
    variant('status_changed', { to: { type: 'string', enum: [...REPAIR_STATUSES] }, by: { type: 'string', enum: [...ACTORS] } }),
    variant('quote_issued', { total: money, currency, expiresAt: { type: 'string', format: 'date-time' }, revised: { type: 'boolean' } }),
    variant('payment_succeeded', { amount: money, currency }),
    variant('payment_refunded', { amountRefunded: money, amount: money, currency }),
    variant('technician_assigned', { reassigned: { type: 'boolean' } }),
    variant('call_started', { by: { type: 'string', enum: ['customer', 'technician'] } }),
    variant('call_answered', {}),
    variant('call_finished', {
      outcome: { type: 'string', enum: ['ended', 'declined', 'missed'] },
      durationSeconds: { type: 'integer', nullable: true, description: 'Null when the call was cut before anyone answered.' },
    }),
  ],
};
