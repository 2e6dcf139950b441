import type { SQL } from 'drizzle-orm';
import type { Db } from './client.ts';

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
