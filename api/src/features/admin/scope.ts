import { eq, inArray } from 'drizzle-orm';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { orgUnits } from '../../db/schema.ts';
import { ApiError, validationError } from '../../lib/errors.ts';
import { orgUnitRecord, type OrgUnitRecord } from '../org/graph.ts';

/** A transaction handle used where a `Db` is expected (both drivers' transactions share its API). */
export const asDb = (tx: unknown) => tx as Db;

/** The province (root of the graph) a unit belongs to; null for an unknown unit. */
export async function provinceOf(db: Db, unitId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: orgUnits.id, provinceId: orgUnits.provinceId })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId))
    .limit(1);
  return row ? (row.provinceId ?? row.id) : null;
}

/**
 * The province an admin request works on: the one named, or the admin's own. Admins manage the
 * whole installation (docs/api.md: "everything"), so that one of them can set up a new province;
 * lists and rules default to their own province.
 */
export async function adminProvince(db: Db, user: AuthUser, requested?: string): Promise<string> {
  if (!requested) {
    const own = await provinceOf(db, user.orgUnitId);
    if (!own) throw new ApiError(409, 'NO_PROVINCE', 'Tài khoản quản trị chưa gắn với tỉnh nào');
    return own;
  }
  const [row] = await db
    .select({ kind: orgUnits.kind, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(eq(orgUnits.id, requested))
    .limit(1);
  if (!row || row.parentId !== null)
    throw validationError({ provinceId: ['Không có tỉnh (thành) này'] });
  return requested;
}

/** The units with these ids, by id (closed ones included). */
export async function loadUnits(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, OrgUnitRecord>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select().from(orgUnits).where(inArray(orgUnits.id, unique));
  return new Map(rows.map((r) => [r.id, orgUnitRecord(r)]));
}

export const unitProvince = (u: Pick<OrgUnitRecord, 'id' | 'provinceId'>) => u.provinceId ?? u.id;

/** Closed units keep their row with a `validTo`: they are history, not a place to put anything new. */
export const isClosed = (u: Pick<OrgUnitRecord, 'validTo'>) => u.validTo != null;

/** The wire form of a unit for admin screens (without the province configuration). */
export function adminUnitView(u: OrgUnitRecord) {
  const { config: _config, ...rest } = u;
  return {
    ...rest,
    successorId: rest.successorId ?? null,
    cellType: rest.cellType ?? null,
    meetingDay: rest.meetingDay ?? null,
  };
}
