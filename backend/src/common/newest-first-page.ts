import { DEFAULT_PAGE_LIMIT, type Page } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, toPage } from './http/pagination.js';
import { cursorTimestamp, invalidCursor, isCursorTime, isUuid, queryRows, SqlParams, type Sql } from './sql.js';

/** A list read newest first. */
export interface NewestFirstList {
  /** The SELECT list. */
  select: string;
  /** `table alias` and any joins. */
  from: string;
  /** The table whose `created_at` and `id` order the list and make its cursor. */
  alias: string;
  /** Filters, with their values in `p`. */
  where?: string[];
  p?: SqlParams;
}

export interface PageRequest {
  cursor?: string;
  limit?: number;
}

/**
 * `limit + 1` rows of `list` after `cursor` (the extra one tells whether a next page exists), each with
 * `"cursorAt"`: its `created_at` to the microsecond, which a JS Date would cut to milliseconds, so rows
 * created in the same millisecond would be skipped or repeated across pages.
 */
export function newestFirstSql({ select, from, alias, where = [], p = new SqlParams() }: NewestFirstList, cursor: string | undefined, limit: number): Sql {
  const keyset = cursor ? afterCursor(cursor, alias, p) : 'TRUE';
  return {
    text: `SELECT ${select}, ${cursorTimestamp(`${alias}.created_at`)} AS "cursorAt" FROM ${from}
      WHERE ${[...where, keyset].join(' AND ')} ORDER BY ${alias}.created_at DESC, ${alias}.id DESC LIMIT ${p.add(limit + 1)}`,
    values: p.values,
  };
}

/** One page of `list`, newest first; its `nextCursor` is null on the last page. */
export async function newestFirstPage<T extends { id: string }>(runner: EntityManager | DataSource, list: NewestFirstList, page: PageRequest): Promise<Page<T>> {
  const limit = page.limit ?? DEFAULT_PAGE_LIMIT;
  const sql = newestFirstSql(list, page.cursor, limit);
  const rows = await queryRows<T & { cursorAt: string }>(runner, sql.text, sql.values);
  const { items, nextCursor } = toPage(rows, limit, (row) => [row.cursorAt, row.id]);
  return { items: items.map(({ cursorAt: _, ...item }) => item as unknown as T), nextCursor };
}

/** The cursor is `[created_at with microseconds, id]` of the previous page's last row. */
function afterCursor(cursor: string, alias: string, p: SqlParams): string {
  const [at, id] = decodeCursor(cursor, 2);
  if (!isCursorTime(at) || !isUuid(id)) throw invalidCursor();
  return `(${alias}.created_at, ${alias}.id) < (${p.add(at)}::timestamptz, ${p.add(id)}::uuid)`;
}
