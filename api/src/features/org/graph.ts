import {
  OrgIndex,
  parseProvinceConfig,
  type CellType,
  type OrgUnit,
  type OrgUnitKind,
  type ProvinceConfig,
  type ProvinceConfigJson,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { isoDay, queryRows } from '../../db/rows.ts';
import type { orgUnits } from '../../db/schema.ts';
import { ancestrySql, routingGraphSql, subtreeIdsSql } from './sql.ts';

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

// The statement lives with the other org SQL; re-exported for the submission context.
export { routingGraphSql } from './sql.ts';

/**
 * Everything routing a cell's issues can touch, in one query: the cell, the bodies the observer
 * named, the targets of the province's routing rules, their ancestors and successors.
 */
export async function loadRoutingGraph(
  db: Db,
  cellId: string,
  extraIds: readonly string[],
): Promise<OrgUnitRecord[]> {
  const rows = await queryRows<OrgRow>(db, routingGraphSql(cellId, extraIds));
  return rows.map(toOrgUnit);
}

export const orgIndexOf = (units: readonly OrgUnit[]) => new OrgIndex([...units]);

/** Ids of a unit and everything below it (for a body's view of its sub-bodies). */
export async function descendantIds(db: Db, rootId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, subtreeIdsSql(rootId, { self: true }));
  return rows.map((r) => r.id);
}

/** The units `ids` and all their ancestors, indexed: enough to ask who is above whom (empty for no ids). */
export async function loadAncestry(
  db: Db,
  ids: readonly string[],
): Promise<OrgIndex<OrgUnitRecord>> {
  if (ids.length === 0) return new OrgIndex([]);
  const rows = await queryRows<OrgRow>(db, ancestrySql(ids));
  return new OrgIndex(rows.map(toOrgUnit));
}
