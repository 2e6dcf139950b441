import { fillPlaceholders, sql as sqlTag, type Placeholder, type SQL } from 'drizzle-orm';
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
  const client = postgresClient(db);
  if (!client) return queryRows<T>(db, query);
  const { sql, params } = dialect.sqlToQuery(query);
  return client.unsafe(sql, params, { prepare: true }) as Promise<T[]>;
}

type PostgresClient = {
  unsafe: (q: string, p: unknown[], o: { prepare: boolean }) => Promise<unknown[]>;
};
const postgresClient = (db: Db) => {
  const client = (db as unknown as { $client?: Partial<PostgresClient> }).$client;
  return client?.unsafe ? (client as PostgresClient) : null;
};

/**
 * `queryRowsPrepared` for a statement of fixed text, compiled to SQL text once rather than on
 * every call: `build` writes it over its values, called once with placeholders (PostgreSQL) or
 * with the values themselves (PGlite, run as usual). Values must be plain parameters (strings,
 * numbers, booleans, null), each used where `build` puts it; the text and the rows are those of
 * `queryRowsPrepared(db, build(values))`.
 */
export function compiledStatement<P extends Record<string, unknown>>(
  build: (p: { [K in keyof P]: P[K] | Placeholder<K & string> }) => SQL,
) {
  let compiled: { sql: string; params: unknown[] } | undefined;
  return async <T>(db: Db, values: P): Promise<T[]> => {
    const client = postgresClient(db);
    if (!client) return queryRows<T>(db, build(values));
    compiled ??= dialect.sqlToQuery(
      build(new Proxy({}, { get: (_, name) => sqlTag.placeholder(String(name)) }) as never),
    );
    return client.unsafe(compiled.sql, fillPlaceholders(compiled.params, values), {
      prepare: true,
    }) as Promise<T[]>;
  };
}

/** A `like` pattern matching `text` anywhere, its `%`, `_` and `\` taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
