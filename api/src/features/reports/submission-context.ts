import { sql, type SQL } from 'drizzle-orm';
import { makeCalendar, type Calendar, type CriteriaSet, type RoutingRule } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { queryRowsPrepared } from '../../db/rows.ts';
import { routingGraphSql, toOrgUnit, type OrgRow, type OrgUnitRecord } from '../org/graph.ts';

export interface SubmissionContext {
  /** A report with this id is already stored (a resend, or a clash). */
  existing: boolean;
  /** The author is assigned to the cell on the meeting date. */
  assigned: boolean;
  /** The routing graph of the cell (see `loadRoutingGraph`). */
  units: OrgUnitRecord[];
  /** The province's routing rules, in order (as `loadRules`). */
  rules: RoutingRule[];
  /** The named set and every set in force on the meeting date (all `selectCriteriaSet` can pick). */
  sets: CriteriaSet[];
  /** National holidays and the province's own (as `loadCalendar`). */
  calendar: Calendar;
  /** Reports the author submitted since `dayStart` (the per-day limit). */
  reportsToday: number;
}

interface Row {
  existing: boolean;
  assigned: boolean;
  units: OrgRow[] | null;
  rules: RoutingRule[] | null;
  sets: CriteriaSet[] | null;
  holidays: { date: string; dayOff: boolean }[] | null;
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

/** The statement behind `loadSubmissionContext` (exported for EXPLAIN in test/bench). */
export function submissionContextSql(p: ContextParams): SQL {
  const province = sql`(select province_id from org_units where id = ${p.cellId})`;
  return sql`select
      exists(select 1 from reports where id = ${p.reportId}::uuid) as existing,
      exists(select 1 from assignments
              where user_id = ${p.userId}::uuid and cell_id = ${p.cellId} and valid_from <= ${p.meetingDate}::date
                and (valid_to is null or valid_to >= ${p.meetingDate}::date)) as assigned,
      (select json_agg(g) from (${routingGraphSql(p.cellId, p.requestedBodyIds)}) g) as units,
      (select json_agg(json_build_object('id', id, 'position', position, 'category', category, 'areaId', area_id, 'urgency', urgency,
                 'targetBodyId', target_body_id, 'target', target, 'deadlineProfile', deadline_profile, 'active', active) order by position, id)
         from routing_rules where province_id = ${province}) as rules,
      (select json_agg(definition) from criteria_sets
        where (province_id is null or province_id = ${province})
          and (id = ${p.criteriaSetId}
               or (definition->>'validFrom' <= ${p.meetingDate} and (definition->>'validTo' is null or definition->>'validTo' >= ${p.meetingDate})))) as sets,
      (select json_agg(json_build_object('date', date, 'dayOff', day_off)) from holidays
        where province_id = '' or province_id = ${province}) as holidays,
      (select count(*)::int from reports where author_id = ${p.userId}::uuid and submitted_at >= ${p.dayStart.toISOString()}::timestamptz) as reports_today`;
}

/**
 * Everything a submission is checked, scored and routed against, in one round trip: a report
 * used to cost six queries here (five in parallel, then the calendar), each waiting for a pooled
 * connection under load, or queued behind each other on PGlite's single connection.
 */
export async function loadSubmissionContext(db: Db, p: ContextParams): Promise<SubmissionContext> {
  const [row] = await queryRowsPrepared<Row>(db, submissionContextSql(p));
  const holidays = row?.holidays ?? [];
  return {
    existing: row?.existing === true,
    assigned: row?.assigned === true,
    units: (row?.units ?? []).map(toOrgUnit),
    rules: row?.rules ?? [],
    sets: row?.sets ?? [],
    reportsToday: Number(row?.reports_today ?? 0),
    calendar: makeCalendar(
      holidays.filter((h) => h.dayOff),
      holidays.filter((h) => !h.dayOff),
    ),
  };
}
