import { effectiveQuoteStatus, type Currency, type QuoteStatus, type QuoteView } from '@repairhub/contracts';

/** Quote columns as selected (or built with json_build_object, where times arrive as strings). */
export interface QuoteRow {
  id: string;
  repair_request_id: string;
  technician_id: string;
  parts_cost: number;
  labor_cost: number;
  total: number;
  currency: Currency;
  notes: string | null;
  status: QuoteStatus;
  rejection_reason: string | null;
  expires_at: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
}

export const QUOTE_COLUMNS = (a: string) =>
  `${a}.id, ${a}.repair_request_id, ${a}.technician_id, ${a}.parts_cost, ${a}.labor_cost, ${a}.total, ${a}.currency, ${a}.notes, ${a}.status, ${a}.rejection_reason, ${a}.expires_at, ${a}.created_at, ${a}.updated_at`;

/** The same columns as a JSON object, for aggregating a repair's quotes into one row. */
export const QUOTE_JSON = (a: string) =>
  `json_build_object('id', ${a}.id, 'repair_request_id', ${a}.repair_request_id, 'technician_id', ${a}.technician_id,
    'parts_cost', ${a}.parts_cost, 'labor_cost', ${a}.labor_cost, 'total', ${a}.total, 'currency', ${a}.currency,
    'notes', ${a}.notes, 'status', ${a}.status, 'rejection_reason', ${a}.rejection_reason, 'expires_at', ${a}.expires_at, 'created_at', ${a}.created_at, 'updated_at', ${a}.updated_at)`;

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
