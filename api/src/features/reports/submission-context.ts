import { sql, type SQL } from 'drizzle-orm';
import {
  isOpenOn,
  makeCalendar,
  type Calendar,
  type CriteriaSet,
  type RoutingRule,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { queryRowsPrepared } from '../../db/rows.ts';
import { toOrgUnit, type OrgRow, type OrgUnitRecord } from '../org/graph.ts';
import type { ReferenceCache } from './reference-cache.ts';

export interface SubmissionContext {
  /** A report with this id is already stored (a resend, or a clash). */
  existing: boolean;
  /** The author is assigned to the cell on the meeting date. */
  assigned: boolean;
  /** The routing graph of the cell: its own part (cell, named bodies, ancestors, successors) and the cached rule targets. */
  units: OrgUnitRecord[];
  /** The province's routing rules, in order (as `loadRules`). */
  rules: RoutingRule[];
  /** The sets of the cell's province in force on the meeting date (all `selectCriteriaSet` can pick). */
  sets: CriteriaSet[];
  /** National holidays and the province's own (as `loadCalendar`). */
  calendar: Calendar;
  /** Reports the author submitted since `dayStart` (the per-day limit). */
  reportsToday: number;
}

interface Row {
  existing: boolean;
  assigned: boolean;
  version: number | null;
  units: OrgRow[] | null;
  reports_today: number | string | null;
}

export interface ContextParams {
  reportId: string;
  userId: string;
  cellId: string;
  meetingDate: string;
  criteriaSetId: string;
  requestedBodyIds: readonly string[];
  /** Start of the author's local day, for `reportsToday`. */
  dayStart: Date;
}

/**
 * The statement behind `loadSubmissionContext` (exported for EXPLAIN in test/bench): what is the
 * author's and the cell's own, and the version of the reference data cached per process. The org
 * units read here are the cell and the bodies the observer named, with their ancestors and
 * successors; the rule targets' part of the routing graph comes from the cache.
 */
export function submissionContextSql(p: ContextParams): SQL {
  const seeds = [p.cellId, ...p.requestedBodyIds];
  return sql`select
      exists(select 1 from reports where id = ${p.reportId}::uuid) as existing,
      exists(select 1 from assignments
              where user_id = ${p.userId}::uuid and cell_id = ${p.cellId} and valid_from <= ${p.meetingDate}::date
                and (valid_to is null or valid_to >= ${p.meetingDate}::date)) as assigned,
      (select version from reference_version where id = 1) as version,
      (select json_agg(g) from (with recursive g as (
          select * from org_units where id in (${sql.join(
            seeds.map((id) => sql`${id}`),
            sql`, `,
          )})
          union
          select o.* from org_units o join g on o.id = g.parent_id or o.id = g.successor_id
        ) select * from g) g) as units,
      (select count(*)::int from reports where author_id = ${p.userId}::uuid and submitted_at >= ${p.dayStart.toISOString()}::timestamptz) as reports_today`;
}

const NO_REFERENCE = { rules: [], sets: [], calendar: makeCalendar([]), ruleUnits: [] };

/**
 * Everything a submission is checked, scored and routed against, in one round trip while the
 * cached reference data is current (a second, rare one to reload it after a change): a report
 * used to cost six queries here, then one that re-read and re-parsed every rule, criteria set,
 * holiday and rule target each time.
 */
export async function loadSubmissionContext(
  db: Db,
  cache: ReferenceCache,
  p: ContextParams,
): Promise<SubmissionContext> {
  const [row] = await queryRowsPrepared<Row>(db, submissionContextSql(p));
  const own = (row?.units ?? []).map(toOrgUnit);
  const cell = own.find((u) => u.id === p.cellId);
  // No such cell: the submission is refused before any reference data is looked at.
  const ref =
    cell?.kind === 'cell'
      ? await cache.get(db, cell.provinceId, Number(row?.version ?? 0))
      : NO_REFERENCE;
  const ownIds = new Set(own.map((u) => u.id));
  return {
    existing: row?.existing === true,
    assigned: row?.assigned === true,
    units: [...own, ...ref.ruleUnits.filter((u) => !ownIds.has(u.id))],
    rules: ref.rules,
    sets: ref.sets.filter((s) => isOpenOn(s, p.meetingDate)),
    reportsToday: Number(row?.reports_today ?? 0),
    calendar: ref.calendar,
  };
}
