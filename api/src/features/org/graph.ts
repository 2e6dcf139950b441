import { sql, type SQL } from 'drizzle-orm';
import { OrgIndex, parseProvinceConfig, type CellType, type OrgUnit, type OrgUnitKind, type ProvinceConfig, type ProvinceConfigJson } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { isoDay, queryRows } from '../../db/rows.ts';
import type { orgUnits } from '../../db/schema.ts';

export interface OrgRow {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parent_id: string | null;
  province_id: string | null;
  valid_from: unknown;
  valid_to: unknown;
  successor_id: string | null;
  cell_type: CellType | null;
  meeting_day: number | null;
  config: ProvinceConfigJson | null;
}

/** A unit with its province and its config, parsed here: the one place `org_units.config` is read into the app. */
export type OrgUnitRecord = OrgUnit & { provinceId: string | null; config: ProvinceConfig | null };

export function toOrgUnit(r: OrgRow): OrgUnitRecord {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id,
    validFrom: isoDay(r.valid_from)!,
    validTo: isoDay(r.valid_to),
    successorId: r.successor_id,
    cellType: r.cell_type ?? null,
    meetingDay: r.meeting_day,
    provinceId: r.province_id,
    config: parseProvinceConfig(r.config),
  };
}

/** `toOrgUnit` for a row read through the query builder (camelCase, dates already strings). */
export function orgUnitRecord(r: typeof orgUnits.$inferSelect): OrgUnitRecord {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    parentId: r.parentId,
    validFrom: r.validFrom,
    validTo: r.validTo,
    successorId: r.successorId,
    cellType: r.cellType,
    meetingDay: r.meetingDay,
    provinceId: r.provinceId,
    config: parseProvinceConfig(r.config),
  };
}

/**
 * The recursive query behind `loadRoutingGraph`, for embedding in a larger statement. The seeds are
 * two index lookups joined by UNION rather than one `id in (…) or id in (subquery)` filter: the OR
 * made PostgreSQL estimate half of org_units per step, price the CTE above `jit_above_cost` and
 * spend ~200 ms compiling it on every submission (EXPLAIN ANALYZE in test/bench).
 */
export function routingGraphSql(cellId: string, extraIds: readonly string[]): SQL {
  const seeds = [cellId, ...extraIds];
  return sql`with recursive g as (
          select * from org_units where id in (${sql.join(seeds.map((id) => sql`${id}`), sql`, `)})
          union
          select * from org_units
           where id in (select target_body_id from routing_rules
                         where province_id = (select province_id from org_units where id = ${cellId}))
          union
          select o.* from org_units o join g on o.id = g.parent_id or o.id = g.successor_id
        ) select * from g`;
}

/**
 * Everything routing a cell's issues can touch, in one query: the cell, the bodies the observer
 * named, the targets of the province's routing rules, their ancestors and successors.
 */
export async function loadRoutingGraph(db: Db, cellId: string, extraIds: readonly string[]): Promise<OrgUnitRecord[]> {
  const rows = await queryRows<OrgRow>(db, routingGraphSql(cellId, extraIds));
  return rows.map(toOrgUnit);
}

export const orgIndexOf = (units: readonly OrgUnit[]) => new OrgIndex([...units]);

/** Ids of a unit and everything below it (for a body's view of its sub-bodies). */
export async function descendantIds(db: Db, rootId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive d as (
          select id from org_units where id = ${rootId}
          union
          select o.id from org_units o join d on o.parent_id = d.id
        ) select id from d`,
  );
  return rows.map((r) => r.id);
}
