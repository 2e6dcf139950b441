import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

const dialect = new PgDialect();

/** Rows of a raw query, whichever driver ran it (PGlite answers `{rows}`, postgres.js an array). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** A `date` column as `YYYY-MM-DD` whatever the driver returned. */
export function isoDay(value: unknown): string | null {
  if (value == null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/**
 * `queryRows` as a named prepared statement on PostgreSQL (postgres.js keeps one per connection
 * and query text, so parsing and planning are paid once); PGlite runs it as usual. For the
 * statements every submission sends; the result rows are the same as `queryRows`.
 */
export async function queryRowsPrepared<T>(db: Db, query: SQL): Promise<T[]> {
  const client = (db as unknown as { $client?: { unsafe?: (q: string, p: unknown[], o: { prepare: boolean }) => Promise<T[]> } }).$client;
  if (!client?.unsafe) return queryRows<T>(db, query);
  const { sql, params } = dialect.sqlToQuery(query);
  return client.unsafe(sql, params, { prepare: true });
}

/** A `like` pattern matching `text` anywhere, its `%`, `_` and `\` taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
