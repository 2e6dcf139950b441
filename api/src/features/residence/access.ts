import { sql } from 'drizzle-orm';
import { hasRole, localDate, TRIAGE_KINDS } from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { forbidden } from '../../lib/errors.ts';
import { subtreeCte } from '../org/sql.ts';

/**
 * Who keeps the register: the staff (or leader) of a commune/ward committee for the cells under
 * it, and the province's admins for the cells of their province (their unit is the province).
 */
export async function isRegisterKeeper(db: Db, user: AuthUser): Promise<boolean> {
  if (hasRole(user, 'admin')) return true;
  if (!hasRole(user, 'staff', 'leader')) return false;
  const [row] = await queryRows<{ kind: string }>(
    db,
    sql`select kind from org_units where id = ${user.orgUnitId}`,
  );
  return !!row && (TRIAGE_KINDS as readonly string[]).includes(row.kind);
}

/** 403 unless the caller keeps the register (see `isRegisterKeeper`). */
export async function requireRegisterKeeper(db: Db, user: AuthUser): Promise<void> {
  if (!(await isRegisterKeeper(db, user)))
    throw forbidden(
      'Chỉ cán bộ đảng ủy xã, phường (hoặc quản trị viên của tỉnh) quản lý danh sách đảng viên 76',
    );
}

/** The cells (kind `cell`) at or below the keeper's unit among `cellIds`. */
export async function cellsInScope(
  db: Db,
  user: AuthUser,
  cellIds: readonly string[],
): Promise<Set<string>> {
  if (!cellIds.length) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive ${subtreeCte(user.orgUnitId)}
        select id from sub where kind = 'cell' and id in (${sql.join(
          cellIds.map((c) => sql`${c}`),
          sql`, `,
        )})`,
  );
  return new Set(rows.map((r) => r.id));
}

/** Whether the user is assigned to follow the cell today (an assignment in force). */
export async function isAssignedTo(
  db: Db,
  user: AuthUser,
  cellId: string,
  now: Date,
): Promise<boolean> {
  const today = localDate(now);
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`select exists(select 1 from assignments where user_id = ${user.id}::uuid and cell_id = ${cellId}
          and valid_from <= ${today}::date and (valid_to is null or valid_to >= ${today}::date)) as found`,
  );
  return rows[0]?.found === true;
}

/**
 * How the caller stands to one cell's register: `keeper` (may change it), `reader` (assigned
 * to the cell: reads it and records assessments) or null (sees nothing: a 404 to the caller).
 */
export async function accessToCell(
  db: Db,
  user: AuthUser,
  cellId: string,
  now: Date,
): Promise<'keeper' | 'reader' | null> {
  if ((await isRegisterKeeper(db, user)) && (await cellsInScope(db, user, [cellId])).has(cellId))
    return 'keeper';
  return (await isAssignedTo(db, user, cellId, now)) ? 'reader' : null;
}
