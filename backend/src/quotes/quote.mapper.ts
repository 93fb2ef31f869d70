import { effectiveQuoteStatus, type QuoteView } from '@repairhub/contracts';
import type { Quote } from './quote.entity.js';

/** A quote's columns no view shows (the reminder job's bookkeeping). */
export const QUOTE_INTERNAL = ['reminderSentAt'] as const;

type SnakeCase<S extends string> = S extends `${infer C}${infer Rest}` ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<Rest>}` : S;

/**
 * A quote as SQL returns it: the entity's columns under their column names. Built with
 * `json_build_object` (a repair's quotes in one row), its times arrive as strings.
 */
export type QuoteRow = {
  [K in Exclude<keyof Quote, (typeof QUOTE_INTERNAL)[number]> as SnakeCase<K>]: Quote[K] extends Date ? Date | string : Quote[K];
};

const iso = (value: Date | string) => new Date(value).toISOString();

export function toQuoteView(row: QuoteRow, now: Date = new Date()): QuoteView {
  return {
    id: row.id,
    repairRequestId: row.repair_request_id,
    technicianId: row.technician_id,
    partsCost: row.parts_cost,
    laborCost: row.labor_cost,
    total: row.total,
    currency: row.currency,
    notes: row.notes,
    status: effectiveQuoteStatus({ status: row.status, expiresAt: row.expires_at }, now),
    rejectionReason: row.rejection_reason,
    expiresAt: iso(row.expires_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
