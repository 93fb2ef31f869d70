import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { invalid } from './errors/domain-error.js';
import { phoneFragment } from './identity-text.js';

/** Hand-written SQL and its values. */
export interface Sql {
  text: string;
  values: unknown[];
}

/** Numbered placeholders for hand-written SQL: `p.add(value)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Runs SQL and returns its rows. TypeORM's `query` returns `[rows, rowCount]` for UPDATE/DELETE on
 * `pg` but plain rows on PGlite; with `RETURNING` this gives the affected rows on both.
 */
export async function queryRows<T = Record<string, unknown>>(runner: EntityManager | DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await runner.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return (result ?? []) as T[];
}

const pgCode = (error: unknown) => (error instanceof QueryFailedError ? (error as QueryFailedError & { code?: string }).code : undefined);

export const isUniqueViolation = (error: unknown) => pgCode(error) === '23505';
export const isForeignKeyViolation = (error: unknown) => pgCode(error) === '23503';

/** `bytea` arrives as a Buffer from `pg` and as a Uint8Array from PGlite. */
export function toBuffer(value: Buffer | Uint8Array): Buffer;
export function toBuffer(value: Buffer | Uint8Array | null): Buffer | null;
export function toBuffer(value: Buffer | Uint8Array | null): Buffer | null {
  if (value === null) return null;
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** A timestamptz with its full microsecond precision, for keyset cursors (a JS Date keeps only milliseconds). */
export const cursorTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})\d{3}Z$/;
const BIGINT_MAX = 2n ** 63n - 1n;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * A `cursorTimestamp` value naming a real instant PostgreSQL accepts: the shape alone lets
 * `2026-02-30` or year 0 through, which the `::timestamptz` cast turns into a 500.
 */
export function isCursorTime(value: unknown): value is string {
  const millis = typeof value === 'string' ? CURSOR_TIME.exec(value)?.[1] : undefined;
  if (!millis || millis.startsWith('0000')) return false;
  const parsed = new Date(`${millis}Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === `${millis}Z`;
}

/** A non-negative PostgreSQL `bigint` in decimal digits. */
export const isBigintSequence = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX;

/** A LIKE pattern that finds `text` anywhere, its wildcards and backslashes taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** SQL: the stored phone `column` contains the digits `fragment` (a parameter; see `phoneFragment`). */
export const phoneContains = (column: string, fragment: string) => `regexp_replace(coalesce(${column}, ''), '\\D', '', 'g') LIKE '%' || ${fragment} || '%'`;

/** ` OR <column contains q's digits>` when the search text `q` is a phone number (`phoneFragment`), else nothing. */
export function orPhoneContains(column: string, q: string, p: SqlParams): string {
  const fragment = phoneFragment(q);
  return fragment ? ` OR ${phoneContains(column, p.add(fragment))}` : '';
}

export const invalidCursor = () => invalid('REQUEST.INVALID_CURSOR', 'The cursor is invalid.', 'cursor');
