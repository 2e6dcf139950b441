import { validationError } from './errors.ts';

/**
 * Keyset pagination, the one way every list pages: the query asks for `limit + 1` rows, the extra
 * row only says that more follow, and the cursor is the bound of the last row shown.
 */
export function keysetPage<T>(
  rows: readonly T[],
  limit: number,
  cursorOf: (last: T) => string,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** An opaque cursor: the keyset bound as base64url text. */
export const encodeCursor = (text: string) => Buffer.from(text).toString('base64url');

/**
 * The bound inside a cursor this API made. `read` returns null (or throws) for anything else, which
 * is the same 422 on every list, before the value can reach a cast in SQL.
 */
export function decodeCursor<T>(cursor: string, read: (text: string) => T | null): T {
  let value: T | null;
  try {
    value = read(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (value === null) throw validationError({ cursor: ['Con trỏ phân trang không hợp lệ'] });
  return value;
}
