import { sql } from 'drizzle-orm';
import {
  complianceStatus,
  countCompliance,
  defaultMeetingDate,
  expectedIn,
  isFutureMonth,
  localDate,
  noCompliance,
  monthBounds,
  reportDueDate,
  toLocalIso,
  type AssignmentFrequency,
  type ComplianceItem,
  type ComplianceResponse,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { isoDay, queryRows } from '../../db/rows.ts';
import { validationError } from '../../lib/errors.ts';
import type { BodyContext } from '../org/body-scope.ts';
import { cellsTable, loadSubtree, type Subtree } from '../org/body-scope.ts';
import { inForceOn } from '../org/sql.ts';
import { provinceSettings } from '../org/settings.ts';

export type MonthlyComplianceItem = ComplianceItem & {
  month: string;
  bodyId: string;
  bodyName: string;
};

interface Row {
  month: string;
  user_id: string;
  display_name: string;
  decision_no: string | null;
  a_from: unknown;
  a_to: unknown;
  frequency: AssignmentFrequency;
  every: number | null;
  rota_position: number | null;
  rota_start: string | null;
  cell_id: string;
  cell_name: string;
  meeting_day: number | null;
  c_from: unknown;
  c_to: unknown;
  triage_id: string;
  report_id: string | null;
  on_time: boolean | null;
  submitted_at: Date | string | null;
  meeting_date: unknown;
}

const collator = new Intl.Collator('vi');

/**
 * Compliance for each of `months` in one query: every assignment in force during a month on a
 * cell at any depth below the body, with the best report the member filed on that cell for a
 * meeting of that month (on time first, then the earliest). Which assignments expect a report is
 * decided by the shared `expectedIn` (period, every N months, rota); one item per month, cell and
 * member, unsorted. With `asOf`, an unfiled report whose due date has not passed on that local
 * date is `not_due` rather than `missing`; without it every unfiled report is missing.
 */
export async function loadCompliance(
  db: Db,
  ctx: BodyContext,
  months: readonly string[],
  /** Only this month's items get `submittedAt` (formatting thousands of instants for a trend costs time). */
  detailMonth: string | undefined = months[months.length - 1],
  subtree?: Subtree,
  /** The instant compliance is judged at (the request's `now`). */
  asOf?: Date,
): Promise<MonthlyComplianceItem[]> {
  const today = asOf ? localDate(asOf) : undefined;
  const tree = subtree ?? (await loadSubtree(db, ctx.body.id));
  if (months.length === 0) return [];
  const values = sql.join(
    months.map((m) => {
      const { first, last } = monthBounds(m);
      return sql`(${m}, ${first}::date, ${last}::date)`;
    }),
    sql`, `,
  );
  const rows = await queryRows<Row>(
    db,
    sql`select mo.month, a.user_id, u.display_name, a.decision_no, a.valid_from as a_from, a.valid_to as a_to,
               a.frequency, a.every, a.rota_position,
               case when a.frequency = 'rota' then (
                 select to_char(min(a2.valid_from), 'YYYY-MM') from assignments a2
                  where a2.cell_id = a.cell_id and a2.frequency = 'rota') end as rota_start,
               c.id as cell_id, c.name as cell_name, c.meeting_day, c.valid_from as c_from, c.valid_to as c_to,
               sub.triage_id,
               r.id as report_id, r.on_time, r.submitted_at, r.meeting_date
          from ${cellsTable(tree)}
          join org_units c on c.id = sub.id
          join assignments a on a.cell_id = c.id
          join users u on u.id = a.user_id
          join (values ${values}) as mo(month, first_day, last_day)
            on a.valid_from <= mo.last_day and (a.valid_to is null or a.valid_to >= mo.first_day)
          left join lateral (
            select r.id, r.on_time, r.submitted_at, r.meeting_date
              from reports r
             where r.cell_id = c.id and r.author_id = a.user_id
               and r.meeting_date between mo.first_day and mo.last_day
               and ${inForceOn(sql`a.valid_from`, sql`a.valid_to`, sql`r.meeting_date`)}
             order by r.on_time desc, r.submitted_at asc
             limit 1
          ) r on true`,
  );

  const config = ctx.province?.config;
  // Thousands of rows share a handful of meeting dates: compute each due date once.
  const dues = new Map<string, string>();
  const dueOf = (meetingDate: string) => {
    let due = dues.get(meetingDate);
    if (due === undefined)
      dues.set(
        meetingDate,
        (due = reportDueDate(meetingDate, provinceSettings(config, meetingDate).reporting)),
      );
    return due;
  };
  // What each month expects of each cell: its rows (assignments with their best report) together.
  type Candidate = {
    row: Row;
    cellId: string;
    validFrom: string;
    validTo: string | null;
    frequency: AssignmentFrequency;
    every: number | null;
    rotaPosition: number | null;
    rotaStart: string | null;
    tieKey: string;
    reported: boolean;
  };
  const groups = new Map<string, Candidate[]>();
  for (const row of rows) {
    const key = `${row.month}|${row.cell_id}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push({
      row,
      cellId: row.cell_id,
      validFrom: isoDay(row.a_from)!,
      validTo: isoDay(row.a_to),
      frequency: row.frequency,
      every: row.every,
      rotaPosition: row.rota_position,
      rotaStart: row.rota_start,
      tieKey: row.user_id,
      reported: row.report_id != null,
    });
  }
  const expected: Candidate[] = [];
  for (const group of groups.values()) {
    const { row } = group[0]!;
    const cell = {
      validFrom: isoDay(row.c_from)!,
      validTo: isoDay(row.c_to),
      meetingDay: row.meeting_day,
    };
    expected.push(
      ...expectedIn(group, row.month, { cellOf: () => cell, reported: (c) => c.reported }),
    );
  }

  const byKey = new Map<string, MonthlyComplianceItem>();
  for (const { row, reported } of expected) {
    const meetingDate = reported
      ? isoDay(row.meeting_date)!
      : defaultMeetingDate(row.month, row.meeting_day ?? 3);
    const item: MonthlyComplianceItem = {
      month: row.month,
      cellId: row.cell_id,
      cellName: row.cell_name,
      observerId: row.user_id,
      observerName: row.display_name,
      status: complianceStatus(
        reported ? { onTime: row.on_time === true } : null,
        dueOf(meetingDate),
        today,
      ),
      meetingDate,
      dueDate: dueOf(meetingDate),
      bodyId: row.triage_id,
      bodyName: tree.triageNames.get(row.triage_id) ?? row.triage_id,
      decisionNo: row.decision_no,
    };
    if (reported) {
      item.reportId = row.report_id!;
      if (row.month === detailMonth) item.submittedAt = toLocalIso(new Date(row.submitted_at!));
    }
    // Two assignments of the same member to the same cell in one month (a renewed decision) are one item.
    const key = `${row.month}|${row.cell_id}|${row.user_id}`;
    const prev = byKey.get(key);
    if (!prev || rank(item) > rank(prev)) byKey.set(key, item);
  }
  return [...byKey.values()];
}

/**
 * Items in reading order: committee, cell, member (Vietnamese collation). Each distinct name is
 * collated once and items are sorted by the ranks, so a province of 2,500 items sorts in a few ms.
 */
export function sortItems<T extends ComplianceItem>(items: readonly T[]): T[] {
  const rankOf = (values: Iterable<string>) =>
    new Map([...new Set(values)].sort(collator.compare).map((v, i) => [v, i]));
  const bodies = rankOf(items.map((i) => i.bodyName ?? ''));
  const cells = rankOf(items.map((i) => i.cellName));
  const people = rankOf(items.map((i) => i.observerName));
  return [...items].sort(
    (a, b) =>
      bodies.get(a.bodyName ?? '')! - bodies.get(b.bodyName ?? '')! ||
      cells.get(a.cellName)! - cells.get(b.cellName)! ||
      a.cellId.localeCompare(b.cellId) ||
      people.get(a.observerName)! - people.get(b.observerName)! ||
      a.observerId.localeCompare(b.observerId),
  );
}

const rank = (i: ComplianceItem) => (i.status === 'on_time' ? 2 : i.status === 'late' ? 1 : 0);

/** The docs/api.md compliance view of one month: items plus counts per member, per committee and in total. */
export function complianceView(
  ctx: BodyContext,
  month: string,
  items: readonly MonthlyComplianceItem[],
): ComplianceResponse {
  const own = sortItems(
    items.filter((i) => i.month === month).map(({ month: _m, ...rest }) => rest),
  );
  const members = countCompliance(own, (i) => i.observerId);
  const bodies = countCompliance(own, (i) => i.bodyId!);
  const names = new Map(own.map((i) => [i.observerId, i.observerName]));
  const bodyNames = new Map(own.map((i) => [i.bodyId!, i.bodyName!]));
  return {
    month,
    bodyId: ctx.body.id,
    bodyName: ctx.body.name,
    items: own,
    totals: countCompliance(own, () => 'all').get('all') ?? noCompliance(),
    members: [...members]
      .map(([observerId, c]) => ({ observerId, observerName: names.get(observerId)!, ...c }))
      .sort((a, b) => collator.compare(a.observerName, b.observerName)),
    bodies: [...bodies]
      .map(([bodyId, c]) => ({ bodyId, bodyName: bodyNames.get(bodyId)!, ...c }))
      .sort((a, b) => collator.compare(a.bodyName, b.bodyName)),
  };
}

/** Refuses a month after the current local month (422): nothing can be due yet. */
export function assertNotFuture(month: string, now: Date): void {
  if (isFutureMonth(month, localDate(now))) throw validationError({ month: ['Tháng chưa đến'] });
}
