import { sql, type SQL } from 'drizzle-orm';
import { VN_OFFSET_MIN, type BandCode, type Category, type IssueStatus } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { isoDay, queryRows } from '../../db/rows.ts';
import { overdueCondition } from '../issues/overdue-sql.ts';

/*
 * The statements behind `loadSynthesis`, one typed function each, returning camelCase rows. They
 * stay raw SQL: each joins a derived table of the subtree's cells (`cellsTable`), a lateral
 * subquery or a `jsonb_each_text`, which the query builder does not express.
 */

/** The local (UTC+07:00) calendar date of a timestamptz, as `YYYY-MM-DD`, without relying on the server's time zone data. */
const localDay = (expr: SQL) =>
  sql`to_char((${expr} at time zone 'UTC') + make_interval(mins => ${VN_OFFSET_MIN}), 'YYYY-MM-DD')`;

export interface ScoreRow {
  month: string;
  triageId: string;
  band: BandCode;
  n: number;
  scoreSum: number;
  selfSum: number | null;
  selfN: number;
}

/** Reports per month, committee and band between two meeting dates, with score sums. */
export async function scoreRows(
  db: Db,
  cells: SQL,
  from: string,
  last: string,
): Promise<ScoreRow[]> {
  const rows = await queryRows<{
    month: string;
    triage_id: string;
    band: BandCode;
    n: number;
    score_sum: number;
    self_sum: number | null;
    self_n: number;
  }>(
    db,
    sql`select to_char(r.meeting_date, 'YYYY-MM') as month, sub.triage_id, r.band,
               count(*)::int as n, sum(r.score)::float8 as score_sum,
               sum(r.cell_self_score)::float8 as self_sum, count(r.cell_self_score)::int as self_n
          from reports r join ${cells} on sub.id = r.cell_id
         where r.meeting_date between ${from}::date and ${last}::date
         group by 1, 2, 3`,
  );
  return rows.map((r) => ({
    month: r.month,
    triageId: r.triage_id,
    band: r.band,
    n: r.n,
    scoreSum: Number(r.score_sum),
    selfSum: r.self_sum == null ? null : Number(r.self_sum),
    selfN: r.self_n,
  }));
}

export interface GroupRow {
  criteriaSetId: string;
  groupId: string;
  average: number;
  n: number;
}

/** The average of each criteria group's points over the month's reports. */
export async function groupRows(
  db: Db,
  cells: SQL,
  first: string,
  last: string,
): Promise<GroupRow[]> {
  const rows = await queryRows<{
    criteria_set_id: string;
    group_id: string;
    average: number;
    n: number;
  }>(
    db,
    sql`select r.criteria_set_id, g.key as group_id, avg(g.value::float8)::float8 as average, count(*)::int as n
          from reports r join ${cells} on sub.id = r.cell_id
         cross join lateral jsonb_each_text(r.group_scores) g
         where r.meeting_date between ${first}::date and ${last}::date
         group by 1, 2`,
  );
  return rows.map((r) => ({
    criteriaSetId: r.criteria_set_id,
    groupId: r.group_id,
    average: Number(r.average),
    n: r.n,
  }));
}

export interface GapRow {
  id: string;
  cellId: string;
  cellName: string;
  observerName: string;
  meetingDate: string;
  score: number;
  self: number;
}

/** The month's reports whose cell's self-score differs from the observer's by more than `gap`, widest first. */
export async function gapRows(
  db: Db,
  cells: SQL,
  first: string,
  last: string,
  gap: number,
): Promise<GapRow[]> {
  const rows = await queryRows<{
    id: string;
    cell_id: string;
    cell_name: string;
    observer_name: string;
    meeting_date: unknown;
    score: number;
    self: number;
  }>(
    db,
    sql`select r.id, r.cell_id, c.name as cell_name, u.display_name as observer_name, r.meeting_date,
               r.score::float8 as score, r.cell_self_score::float8 as self
          from reports r join ${cells} on sub.id = r.cell_id
          join org_units c on c.id = r.cell_id
          join users u on u.id = r.author_id
         where r.meeting_date between ${first}::date and ${last}::date
           and r.cell_self_score is not null and abs(r.cell_self_score - r.score) > ${gap}
         order by abs(r.cell_self_score - r.score) desc, r.meeting_date, r.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    cellId: r.cell_id,
    cellName: r.cell_name,
    observerName: r.observer_name,
    meetingDate: isoDay(r.meeting_date)!,
    score: Number(r.score),
    self: Number(r.self),
  }));
}

export interface IssueCountRow {
  month: string;
  category: Category;
  bodyId: string;
  bodyName: string;
  status: IssueStatus;
  overdue: boolean;
  n: number;
}

/**
 * Issues of `issues` (a derived table `i` with `meeting_date`) by month, category, holder, status
 * and overdue at `now`. Duplicates (issue 16) are left out: a group counts once, as its original.
 */
export async function issueCountRows(db: Db, issues: SQL, now: Date): Promise<IssueCountRow[]> {
  const rows = await queryRows<{
    month: string;
    category: Category;
    body_id: string;
    body_name: string;
    status: IssueStatus;
    overdue: boolean;
    n: number;
  }>(
    db,
    sql`select to_char(i.meeting_date, 'YYYY-MM') as month, i.category, i.responsible_body_id as body_id, b.name as body_name,
               i.status, ${overdueCondition(now)} as overdue, count(*)::int as n
          from ${issues}
          join org_units b on b.id = i.responsible_body_id
         where i.duplicate_of is null
         group by 1, 2, 3, 4, 5, 6`,
  );
  return rows.map((r) => ({
    month: r.month,
    category: r.category,
    bodyId: r.body_id,
    bodyName: r.body_name,
    status: r.status,
    overdue: r.overdue,
    n: r.n,
  }));
}

export interface HandlingRow {
  /** Local dates: raised, first acknowledged, resolved. */
  raised: string;
  acknowledged: string | null;
  resolved: string | null;
  n: number;
}

/** How many issues of `issues` were raised, acknowledged and resolved on each combination of local dates. */
export async function handlingRows(db: Db, issues: SQL): Promise<HandlingRow[]> {
  return queryRows<HandlingRow>(
    db,
    sql`select ${localDay(sql`i.created_at`)} as raised, ${localDay(sql`ack.at`)} as acknowledged,
               ${localDay(sql`case when i.status = 'resolved' then i.closed_at end`)} as resolved, count(*)::int as n
          from ${issues}
          left join lateral (
            select e.at from issue_events e where e.issue_id = i.id and e.type = 'acknowledge' order by e.id limit 1
          ) ack on true
         where ack.at is not null or i.status = 'resolved'
         group by 1, 2, 3`,
  );
}

/**
 * The cells of `cells` that held a topical or combined meeting (a report of that type, by anyone)
 * between two meeting dates, once per cell and month.
 */
export async function topicalRows(
  db: Db,
  cells: SQL,
  from: string,
  last: string,
): Promise<{ month: string; cellId: string }[]> {
  return queryRows<{ month: string; cellId: string }>(
    db,
    sql`select distinct to_char(r.meeting_date, 'YYYY-MM') as month, r.cell_id as "cellId"
          from reports r join ${cells} on sub.id = r.cell_id
         where r.meeting_date between ${from}::date and ${last}::date
           and r.meeting_type in ('topical', 'combined')`,
  );
}

export interface DuplicateGroupRow {
  issueId: string;
  title: string;
  status: IssueStatus;
  /** Issues in the group: the original and its duplicates. */
  issues: number;
  /** Distinct cells that raised it ("x chi bộ cùng kiến nghị"). */
  cells: number;
}

/**
 * The originals of `issues` (a derived table `i`) that have duplicates, with the number of issues
 * and of distinct cells that raised them (duplicates counted wherever they were raised), most cells first.
 */
export async function duplicateGroupRows(db: Db, issues: SQL): Promise<DuplicateGroupRow[]> {
  const rows = await queryRows<{
    issue_id: string;
    title: string;
    status: IssueStatus;
    issues: number;
    cells: number;
  }>(
    db,
    sql`select i.id as issue_id, i.title, i.status,
               1 + count(d.id)::int as issues,
               count(distinct coalesce(d.cell_id, i.cell_id)) filter (where d.cell_id <> i.cell_id)::int + 1 as cells
          from ${issues}
          join issues d on d.duplicate_of = i.id
         where i.duplicate_of is null
         group by i.id, i.title, i.status
         order by cells desc, issues desc, i.title`,
  );
  return rows.map((r) => ({
    issueId: r.issue_id,
    title: r.title,
    status: r.status,
    issues: Number(r.issues),
    cells: Number(r.cells),
  }));
}
