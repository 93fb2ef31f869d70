import type { DataSource, EntityManager } from 'typeorm';
import { queryRows, SqlParams } from '../common/sql.js';
import { entityColumns } from '../database/entity-columns.js';
import { repairVisibility, type Viewer } from '../repairs/repair-visibility.js';
import { Quote } from './quote.entity.js';
import { QUOTE_INTERNAL, type QuoteRow } from './quote.mapper.js';

const COLUMNS = entityColumns(Quote, QUOTE_INTERNAL).map((c) => c.column);

/** The `QuoteRow` columns of the quote aliased `alias`, for a SELECT or RETURNING list. */
export const quoteColumns = (alias: string) => COLUMNS.map((column) => `${alias}.${column}`).join(', ');

/** The same columns as one JSON object, for aggregating a repair's quotes into one row. */
export const quoteJson = (alias: string) => `json_build_object(${COLUMNS.map((column) => `'${column}', ${alias}.${column}`).join(', ')})`;

/** A quote `viewer` may see: exactly when they may see its repair request. */
export async function findVisibleQuote(db: DataSource, viewer: Viewer, id: string): Promise<QuoteRow | undefined> {
  const p = new SqlParams();
  const [row] = await queryRows<QuoteRow>(
    db,
    `SELECT ${quoteColumns('q')} FROM quotes q JOIN repair_requests r ON r.id = q.repair_request_id
      WHERE q.id = ${p.add(id)} AND ${repairVisibility(viewer, 'r', p)}`,
    p.values,
  );
  return row;
}

/** Locks only the quote row (`FOR UPDATE OF q`), when it belongs to `customerId`; the join just checks ownership. */
export async function lockCustomerQuote(m: EntityManager, quoteId: string, customerId: string): Promise<QuoteRow | undefined> {
  const [row] = await queryRows<QuoteRow>(
    m,
    `SELECT ${quoteColumns('q')} FROM quotes q JOIN repair_requests r ON r.id = q.repair_request_id
      WHERE q.id = $1 AND r.customer_id = $2 FOR UPDATE OF q`,
    [quoteId, customerId],
  );
  return row;
}

/** The customer of each repair request, for the quote jobs' events. */
export async function customersOfRepairs(m: EntityManager, repairIds: string[]): Promise<Map<string, string>> {
  if (repairIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; customer_id: string }>(m, `SELECT id, customer_id FROM repair_requests WHERE id = ANY($1::uuid[])`, [repairIds]);
  return new Map(rows.map((row) => [row.id, row.customer_id]));
}
