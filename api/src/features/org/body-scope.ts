import { eq, sql } from 'drizzle-orm';
import {
  hasRole,
  parseProvinceConfig,
  TRIAGE_KINDS,
  type OrgUnitKind,
  type ProvinceConfig,
  type ProvinceConfigJson,
} from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { orgUnits } from '../../db/schema.ts';
import { forbidden, notFoundErrors } from '../../lib/errors.ts';
import { isAncestor } from './scope.ts';
import { subtreeCte } from './sql.ts';

export interface BodyRef {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
  /** The province the body belongs to (itself for a province). */
  provinceId: string;
}

export interface BodyContext {
  body: BodyRef;
  parent: { name: string; kind: OrgUnitKind } | null;
  province: { id: string; name: string; kind: OrgUnitKind; config: ProvinceConfig | null } | null;
}

/**
 * The body a monthly view is about: the one asked for (default: the caller's own), with its
 * parent and province. Staff and leaders see their own body and those below it; an admin any.
 * Unknown or out-of-scope bodies read as 404, so nobody learns what exists outside their scope.
 */
export async function resolveBody(
  db: Db,
  user: AuthUser,
  bodyId: string | undefined,
): Promise<BodyContext> {
  if (!hasRole(user, 'admin', 'staff', 'leader')) throw forbidden();
  const id = bodyId ?? user.orgUnitId;
  const ctx = await loadBodyContext(db, id);
  if (!ctx) throw notFoundErrors.body();
  if (
    !hasRole(user, 'admin') &&
    id !== user.orgUnitId &&
    !(await isAncestor(db, user.orgUnitId, id))
  )
    throw notFoundErrors.body();
  return ctx;
}

/** A unit with its parent and its province (for the heading of documents), or null if unknown. */
export async function loadBodyContext(db: Db, id: string): Promise<BodyContext | null> {
  const rows = await queryRows<{
    id: string;
    name: string;
    kind: OrgUnitKind;
    parent_id: string | null;
    province_id: string | null;
    parent_name: string | null;
    parent_kind: OrgUnitKind | null;
    p_id: string | null;
    p_name: string | null;
    p_kind: OrgUnitKind | null;
    p_config: ProvinceConfigJson | null;
  }>(
    db,
    sql`select b.id, b.name, b.kind, b.parent_id, b.province_id, pa.name as parent_name, pa.kind as parent_kind,
               pr.id as p_id, pr.name as p_name, pr.kind as p_kind, pr.config as p_config
          from org_units b
          left join org_units pa on pa.id = b.parent_id
          left join org_units pr on pr.id = coalesce(b.province_id, b.id)
         where b.id = ${id}`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    body: {
      id: row.id,
      name: row.name,
      kind: row.kind,
      parentId: row.parent_id,
      provinceId: row.province_id ?? row.id,
    },
    parent: row.parent_name ? { name: row.parent_name, kind: row.parent_kind! } : null,
    province: row.p_id
      ? {
          id: row.p_id,
          name: row.p_name!,
          kind: row.p_kind!,
          config: parseProvinceConfig(row.p_config),
        }
      : null,
  };
}

/**
 * Who may manage assignments: an admin, or the staff (or leader) of a commune/ward (district in
 * history) committee, for the cells under it. Others get 403.
 */
export async function requireAssignmentManager(db: Db, user: AuthUser): Promise<void> {
  if (hasRole(user, 'admin')) return;
  if (!hasRole(user, 'staff', 'leader')) throw forbidden();
  const [unit] = await db
    .select({ kind: orgUnits.kind })
    .from(orgUnits)
    .where(eq(orgUnits.id, user.orgUnitId));
  if (!unit || !TRIAGE_KINDS.includes(unit.kind)) {
    throw forbidden(
      'Chỉ quản trị viên hoặc cán bộ của đảng ủy xã, phường được phân công cấp ủy viên dự sinh hoạt chi bộ',
    );
  }
}

/** The units at or below a body, each with the committee it belongs to (see `subtreeCte`). */
export interface Subtree {
  /** Every unit id, the root included. */
  ids: string[];
  cells: { id: string; triageId: string }[];
  /** Names of the committees that cells belong to. */
  triageNames: Map<string, string>;
}

/** Loads a body's subtree once, so that the queries that follow get its ids as constants. */
export async function loadSubtree(db: Db, rootId: string): Promise<Subtree> {
  const rows = await queryRows<{
    id: string;
    kind: OrgUnitKind;
    triage_id: string;
    triage_name: string;
  }>(
    db,
    sql`with recursive ${subtreeCte(rootId)} select id, kind, triage_id, triage_name from sub`,
  );
  const cells = rows
    .filter((r) => r.kind === 'cell')
    .map((r) => ({ id: r.id, triageId: r.triage_id }));
  return {
    ids: [...new Set(rows.map((r) => r.id))],
    cells,
    triageNames: new Map(rows.map((r) => [r.triage_id, r.triage_name])),
  };
}

/** A text[] constant (ids are slugs: no quoting needed). */
const textArray = (values: readonly string[]) => sql`${`{${values.join(',')}}`}::text[]`;

/**
 * `sub(id, triage_id)`: the subtree's cells as a derived table from two array constants. Unlike a
 * recursive CTE, whose size the planner cannot guess, `unnest` of constants is estimated from the
 * array length, so a commune's 17 cells get index probes and a province's thousands a scan.
 */
export function cellsTable(tree: Subtree) {
  return sql`unnest(${textArray(tree.cells.map((c) => c.id))}, ${textArray(tree.cells.map((c) => c.triageId))}) as sub(id, triage_id)`;
}

/** `= any(...)` of every unit id of the subtree (bodies that may hold issues). */
export const anyUnitOf = (tree: Subtree) => sql`any(${textArray(tree.ids)})`;
