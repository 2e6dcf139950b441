import { sql, type SQL } from 'drizzle-orm';
import {
  blankPresence,
  CLOSED_STATUSES,
  countTopical,
  countYear,
  localDate,
  percentOf,
  quarterEnd,
  quarterOf,
  toLocalIso,
  yearMonths,
  yearStatus,
  type IssueStatus,
  type TopicalCount,
  type YearIssueCounts,
  type YearStatus,
  type YearViewResponse,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { validationError } from '../../lib/errors.ts';
import { overdueCondition } from '../issues/overdue-sql.ts';
import { cellsTable, loadSubtree, type BodyContext, type Subtree } from '../org/body-scope.ts';
import { loadCompliance, type MonthlyComplianceItem } from './compliance.ts';
import { loadPresence } from './presence.ts';
import { topicalRows } from './synthesis-sql.ts';

const collator = new Intl.Collator('vi');

/** Refuses a year after the current local year (422): nothing of it can be due. */
export function assertYearNotFuture(year: number, now: Date): void {
  if (year > Number(localDate(now).slice(0, 4))) throw validationError({ year: ['Năm chưa đến'] });
}

interface IssueRow {
  author_id: string;
  triage_id: string;
  status: IssueStatus;
  overdue: boolean;
  n: number;
}

/** Issues raised in the year's reports on the subtree's cells, by author, committee, status and overdue at `now`. */
function issueRows(db: Db, cells: SQL, first: string, last: string, now: Date, author?: string) {
  return queryRows<IssueRow>(
    db,
    sql`select i.author_id, i.triage_id, i.status, ${overdueCondition(now)} as overdue, count(*)::int as n
          from (
            select r.author_id, sub.triage_id, i.status, i.due_at, i.ack_due_at
              from ${cells}
              join reports r on r.cell_id = sub.id and r.meeting_date between ${first}::date and ${last}::date
              join issues i on i.report_id = r.id
             where ${author ? sql`r.author_id = ${author}` : sql`true`}
          ) i
         group by 1, 2, 3, 4`,
  );
}

/** Reports filed on the subtree's cells in the year, by author and committee (topical meetings included). */
function filedRows(db: Db, cells: SQL, first: string, last: string, author?: string) {
  return queryRows<{ author_id: string; triage_id: string; n: number }>(
    db,
    sql`select r.author_id, sub.triage_id, count(*)::int as n
          from ${cells}
          join reports r on r.cell_id = sub.id and r.meeting_date between ${first}::date and ${last}::date
         where ${author ? sql`r.author_id = ${author}` : sql`true`}
         group by 1, 2`,
  );
}

const blankIssues = (): YearIssueCounts => ({
  raised: 0,
  resolved: 0,
  otherAnswer: 0,
  inProgress: 0,
  overdue: 0,
  byStatus: {},
});

function addIssues(t: YearIssueCounts, r: IssueRow): void {
  t.raised += r.n;
  t.byStatus[r.status] = (t.byStatus[r.status] ?? 0) + r.n;
  // Answered at the meeting is resolved on the spot (docs/api.md).
  if (r.status === 'resolved' || r.status === 'answered_at_meeting') t.resolved += r.n;
  else if (CLOSED_STATUSES.includes(r.status)) t.otherAnswer += r.n;
  else if (r.overdue) t.overdue += r.n;
  else t.inProgress += r.n;
}

/**
 * Topical meetings of a year for a set of expected items: per quarter, the cells expected to meet
 * in it and those that held a topical or combined meeting in it (docs/domain.md: at least once a
 * quarter); for the year, over the quarters already over, the cells expected in at least one of
 * them and those that held one in every such quarter.
 */
function yearTopical(
  items: readonly MonthlyComplianceItem[],
  held: Set<string>,
  year: number,
  today: string,
) {
  const heldIn = (i: MonthlyComplianceItem) => held.has(`${quarterOf(i.month)}|${i.cellId}`);
  const quarters = [1, 2, 3, 4].map((quarter) => {
    const inQ = items.filter((i) => quarterOf(i.month) === quarter);
    const c: TopicalCount = countTopical(inQ, heldIn, () => 'q').get('q') ?? {
      expected: 0,
      held: 0,
      percent: null,
    };
    return { quarter, ended: quarterEnd(year, quarter) < today, ...c };
  });
  const ended = new Set(quarters.filter((q) => q.ended).map((q) => q.quarter));
  const perCell = new Map<string, boolean>();
  for (const i of items) {
    if (!ended.has(quarterOf(i.month))) continue;
    perCell.set(i.cellId, (perCell.get(i.cellId) ?? true) && heldIn(i));
  }
  const n = [...perCell.values()].filter(Boolean).length;
  return {
    expected: perCell.size,
    held: n,
    percent: percentOf(n, perCell.size),
    quarters,
  };
}

/**
 * The year view of a body (docs/api.md `GET /api/year-view`): for each member assigned to a cell
 * under it, the reports compliance expected month by month in the year and how each stands now
 * (on time, late, missing, not yet due), the reports filed and the issues raised in them and how
 * they ended; per committee and in total the same, with topical meetings by quarter. Expectations
 * come from `loadCompliance` for the twelve months, so whatever it expects (frequencies, rotas)
 * is what the year counts. `observerId` narrows everything to one member (their own year), but
 * the presence figures (issue 17), which stay those of the subtree's cells: every report on them and
 * their residence registers, per committee and in total.
 */
export async function loadYearView(
  db: Db,
  ctx: BodyContext,
  year: number,
  now: Date,
  opts: { observerId?: string; subtree?: Subtree } = {},
): Promise<YearViewResponse> {
  const months = yearMonths(year);
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const tree = opts.subtree ?? (await loadSubtree(db, ctx.body.id));
  const cells = cellsTable(tree);
  const author = opts.observerId;
  const [allItems, issues, filed, topical, presence] = await Promise.all([
    loadCompliance(db, ctx, months, '', tree, now),
    issueRows(db, cells, first, last, now, author),
    filedRows(db, cells, first, last, author),
    topicalRows(db, cells, first, last),
    loadPresence(db, tree, first, last, year),
  ]);
  const items = author ? allItems.filter((i) => i.observerId === author) : allItems;
  const today = localDate(now);
  const status = new Map<MonthlyComplianceItem, YearStatus>(
    items.map((i) => [i, yearStatus(i, today)]),
  );
  const held = new Set(topical.map((r) => `${quarterOf(r.month)}|${r.cellId}`));

  // Members.
  type Member = { name: string; items: MonthlyComplianceItem[] };
  const members = new Map<string, Member>();
  for (const i of items) {
    let m = members.get(i.observerId);
    if (!m) members.set(i.observerId, (m = { name: i.observerName, items: [] }));
    m.items.push(i);
  }
  const issuesBy = (keyOf: (r: IssueRow) => string) => {
    const out = new Map<string, YearIssueCounts>();
    for (const r of issues) {
      const k = keyOf(r);
      if (!out.has(k)) out.set(k, blankIssues());
      addIssues(out.get(k)!, r);
    }
    return out;
  };
  const filedBy = (keyOf: (r: { author_id: string; triage_id: string }) => string) => {
    const out = new Map<string, number>();
    for (const r of filed) out.set(keyOf(r), (out.get(keyOf(r)) ?? 0) + r.n);
    return out;
  };
  const memberIssues = issuesBy((r) => r.author_id);
  const memberFiled = filedBy((r) => r.author_id);
  const memberRows = [...members]
    .map(([observerId, m]) => ({
      observerId,
      observerName: m.name,
      ...countYear(m.items.map((i) => status.get(i)!)),
      cells: [...new Set(m.items.map((i) => i.cellName))].sort(collator.compare),
      reportsFiled: memberFiled.get(observerId) ?? 0,
      issues: memberIssues.get(observerId) ?? blankIssues(),
    }))
    .sort(
      (a, b) =>
        collator.compare(a.observerName, b.observerName) ||
        a.observerId.localeCompare(b.observerId),
    );

  // Committees.
  const bodyItems = new Map<string, MonthlyComplianceItem[]>();
  for (const i of items) {
    if (!bodyItems.has(i.bodyId)) bodyItems.set(i.bodyId, []);
    bodyItems.get(i.bodyId)!.push(i);
  }
  const bodyIssues = issuesBy((r) => r.triage_id);
  const bodyFiled = filedBy((r) => r.triage_id);
  const bodies = [...bodyItems]
    .map(([bodyId, list]) => ({
      bodyId,
      bodyName: tree.triageNames.get(bodyId) ?? bodyId,
      members: new Set(list.map((i) => i.observerId)).size,
      ...countYear(list.map((i) => status.get(i)!)),
      reportsFiled: bodyFiled.get(bodyId) ?? 0,
      issues: bodyIssues.get(bodyId) ?? blankIssues(),
      topical: yearTopical(list, held, year, today),
      presence: presence.byBody.get(bodyId) ?? blankPresence(year),
    }))
    .sort((a, b) => collator.compare(a.bodyName, b.bodyName));

  return {
    year,
    bodyId: ctx.body.id,
    bodyName: ctx.body.name,
    asOf: toLocalIso(now),
    members: memberRows,
    bodies,
    totals: {
      members: members.size,
      ...countYear(items.map((i) => status.get(i)!)),
      reportsFiled: filed.reduce((s, r) => s + r.n, 0),
      issues: issuesBy(() => 'all').get('all') ?? blankIssues(),
      topical: yearTopical(items, held, year, today),
      presence: presence.total,
    },
  };
}

/**
 * A member's own year: the cells they were assigned to in the year (in any committee of their
 * province), as the year view of their province narrowed to them; the presence figures are those
 * of these cells.
 */
export async function loadMyYear(
  db: Db,
  ctx: BodyContext,
  userId: string,
  year: number,
  now: Date,
): Promise<YearViewResponse> {
  const rows = await queryRows<{ cell_id: string }>(
    db,
    sql`select distinct cell_id from assignments
         where user_id = ${userId} and valid_from <= ${`${year}-12-31`}::date
           and (valid_to is null or valid_to >= ${`${year}-01-01`}::date)`,
  );
  const mine = new Set(rows.map((r) => r.cell_id));
  const full = await loadSubtree(db, ctx.body.id);
  const subtree: Subtree = { ...full, cells: full.cells.filter((c) => mine.has(c.id)) };
  return loadYearView(db, ctx, year, now, { observerId: userId, subtree });
}
