import type { ResidenceMemberRecord } from '@duhop/shared';
import { request } from '../api.ts';
import type { CacheEntry, DuhopDb } from '../db.ts';
import { loadDb } from '../db-lazy.ts';

/**
 * The residence register ("đảng viên 76") of each cell the member is assigned to, kept in the
 * cache table (key `residence:<cellId>`) so the form's checklist works offline. Refreshed with the
 * reference data (refreshReference: sign-in, home, password change) and when the form opens
 * online; cleared with it at sign-out (clearReference empties the table). Only cells among the
 * member's assignments are kept: the API already answers a cell's register to its keepers and the
 * members assigned to it alone, and a keeper's other cells are not cached on their device.
 */

const PREFIX = 'residence:';

export const residenceKey = (cellId: string): string => `${PREFIX}${cellId}`;

export interface CachedRegister {
  members: ResidenceMemberRecord[];
  fetchedAt: number;
}

const database = (db?: DuhopDb) => (db ? Promise.resolve(db) : loadDb());

/** The cached register of a cell, null when never fetched. */
export async function readRegister(cellId: string, db?: DuhopDb): Promise<CachedRegister | null> {
  const entry = await (await database(db)).cache.get(residenceKey(cellId));
  return entry
    ? { members: entry.value as ResidenceMemberRecord[], fetchedAt: entry.fetchedAt }
    : null;
}

/** The cells of the signed-in member's assignments, as last cached (`me`). */
async function assignedCells(db: DuhopDb): Promise<Set<string>> {
  const me = (await db.cache.get('me'))?.value as
    | { assignments?: { cellId: string }[] }
    | undefined;
  return new Set((me?.assignments ?? []).map((a) => a.cellId));
}

/**
 * Keeps a register just fetched (the form, online) when the cell is one of the member's
 * assignments; answers whether it was kept.
 */
export async function rememberRegister(
  cellId: string,
  members: ResidenceMemberRecord[],
  opts: { now?: () => number; db?: DuhopDb } = {},
): Promise<boolean> {
  const db = await database(opts.db);
  if (!(await assignedCells(db)).has(cellId)) return false;
  await db.cache.put({
    key: residenceKey(cellId),
    value: members,
    fetchedAt: (opts.now ?? Date.now)(),
  });
  return true;
}

/**
 * Fetches the register of each assigned cell (`cellIds`, from `me`) and keeps what arrived; the
 * registers of cells no longer assigned are forgotten. A cell whose fetch fails keeps its older
 * copy (offline, a weak connection). Answers how many were refreshed.
 */
export async function refreshRegisters(
  cellIds: readonly string[],
  year: number,
  opts: { now?: () => number; db?: DuhopDb } = {},
): Promise<number> {
  const db = await database(opts.db);
  const cells = [...new Set(cellIds)];
  const keep = new Set(cells.map(residenceKey));
  await db.cache
    .where('key')
    .startsWith(PREFIX)
    .filter((e) => !keep.has(e.key))
    .delete();
  const answers = await Promise.all(
    cells.map((cellId) =>
      request((c) => c.api.residence.members.$get({ query: { cellId, year: String(year) } })).then(
        (res) => ({ cellId, res }),
      ),
    ),
  );
  const t = (opts.now ?? Date.now)();
  const rows: CacheEntry[] = answers.flatMap(({ cellId, res }) =>
    res.ok ? [{ key: residenceKey(cellId), value: res.data.items, fetchedAt: t }] : [],
  );
  if (rows.length) await db.cache.bulkPut(rows);
  return rows.length;
}
