import { sql, type SQL } from 'drizzle-orm';
import {
  BAND_ORDER,
  bandDistribution,
  CATEGORY_LABELS,
  countCompliance,
  median,
  monthBounds,
  roundTo,
  selfScoreDifference,
  startOfLocalDay,
  toLocalIso,
  trendMonths,
  VN_OFFSET_MIN,
  workingDaysBetween,
  type BandCode,
  type Category,
  type ComplianceItem,
  type ComplianceStatus,
  type IssueStatus,
  type SynthesisResponse,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { isoDay, queryRows } from '../../db/rows.ts';
import { anyUnitOf, cellsTable, loadSubtree, type BodyContext } from '../org/body-scope.ts';
import { loadCalendar } from '../org/calendar.ts';
import { loadCompliance, sortItems } from './compliance.ts';
import { overdueCondition } from '../issues/overdue-sql.ts';
import { loadCriteriaSets } from '../reports/reports.ts';

export const TREND_MONTHS = 6;
/** The local (UTC+07:00) calendar date of a timestamptz, as `YYYY-MM-DD`, without relying on the server's time zone data. */
const localDay = (expr: SQL) => sql`to_char((${expr} at time zone 'UTC') + make_interval(mins => ${VN_OFFSET_MIN}), 'YYYY-MM-DD')`;
const ANSWERED: readonly IssueStatus[] = ['resolved', 'scheduled', 'explained', 'rejected'];
const collator = new Intl.Collator('vi');

/**
 * The month's figures for a body and everything below it (API.md `GET /api/synthesis`).
 * The subtree is loaded first; then one query per family of figures, bounded by the meeting
 * dates and the subtree's ids as constants, so that the planner picks reports_meeting_date_idx
 * for a province and reports_cell_date_idx for a commune (test/bench/synthesis.ts prints the
 * plans): compliance (6 months), report scores (6 months), criteria groups, self-score gaps,
 * issues (6 months) and handling times. Issues are those raised at meetings of the month in the
 * subtree's cells or sitting with a body of the subtree; their status is as of `now`.
 */
export async function loadSynthesis(
  db: Db,
  ctx: BodyContext,
  month: string,
  gap: number,
  now: Date,
): Promise<{ view: SynthesisResponse; items: ComplianceItem[] }> {
  const months = trendMonths(month, TREND_MONTHS);
  const { first, last } = monthBounds(month);
  const from = monthBounds(months[0]!).first;
  const tree = await loadSubtree(db, ctx.body.id);
  const cells = cellsTable(tree);
  /**
   * Issues raised at meetings between two dates that concern the body: raised in its cells (their
   * reports by reports_cell_date_idx, then one issues_report_idx probe per report; OFFSET 0 keeps
   * the planner from scanning all issues instead), plus those raised elsewhere that sit with one
   * of its bodies (issues_body_due_idx: an issue's due date is never before it was raised). A
   * province holds only issues of its own cells, so it skips the second part.
   */
  const issuesBetween = (a: string, b: string) => sql`(
      select r.meeting_date, i.* from ${cells}
        join reports r on r.cell_id = sub.id and r.meeting_date between ${a}::date and ${b}::date
       cross join lateral (
         select i.id, i.category, i.responsible_body_id, i.status, i.due_at, i.ack_due_at, i.created_at, i.closed_at
           from issues i where i.report_id = r.id offset 0) i
      ${
        ctx.body.kind === 'province'
          ? sql``
          : sql`union all
      select r.meeting_date, i.id, i.category, i.responsible_body_id, i.status, i.due_at, i.ack_due_at, i.created_at, i.closed_at
        from issues i
        join reports r on r.id = i.report_id and r.meeting_date between ${a}::date and ${b}::date
       where i.responsible_body_id = ${anyUnitOf(tree)} and i.due_at >= ${startOfLocalDay(a).toISOString()}::timestamptz
         and not (r.cell_id = ${anyUnitOf(tree)})`
      }) i`;

  const [compliance, scoreRows, groupRows, gapRows, issueRows, handlingRows, sets, calendar] = await Promise.all([
    loadCompliance(db, ctx, months, month, tree),
    queryRows<{ month: string; triage_id: string; band: BandCode; n: number; score_sum: number; self_sum: number | null; self_n: number }>(
      db,
      sql`select to_char(r.meeting_date, 'YYYY-MM') as month, sub.triage_id, r.band,
                 count(*)::int as n, sum(r.score)::float8 as score_sum,
                 sum(r.cell_self_score)::float8 as self_sum, count(r.cell_self_score)::int as self_n
            from reports r join ${cells} on sub.id = r.cell_id
           where r.meeting_date between ${from}::date and ${last}::date
           group by 1, 2, 3`,
    ),
    queryRows<{ criteria_set_id: string; group_id: string; average: number; n: number }>(
      db,
      sql`select r.criteria_set_id, g.key as group_id, avg(g.value::float8)::float8 as average, count(*)::int as n
            from reports r join ${cells} on sub.id = r.cell_id
           cross join lateral jsonb_each_text(r.group_scores) g
           where r.meeting_date between ${first}::date and ${last}::date
           group by 1, 2`,
    ),
    queryRows<{ id: string; cell_id: string; cell_name: string; observer_name: string; meeting_date: unknown; score: number; self: number }>(
      db,
      sql`select r.id, r.cell_id, c.name as cell_name, u.display_name as observer_name, r.meeting_date,
                 r.score::float8 as score, r.cell_self_score::float8 as self
            from reports r join ${cells} on sub.id = r.cell_id
            join org_units c on c.id = r.cell_id
            join users u on u.id = r.author_id
           where r.meeting_date between ${first}::date and ${last}::date
             and r.cell_self_score is not null and abs(r.cell_self_score - r.score) > ${gap}
           order by abs(r.cell_self_score - r.score) desc, r.meeting_date, r.id`,
    ),
    queryRows<{ month: string; category: Category; body_id: string; body_name: string; status: IssueStatus; overdue: boolean; n: number }>(
      db,
      sql`select to_char(i.meeting_date, 'YYYY-MM') as month, i.category, i.responsible_body_id as body_id, b.name as body_name,
                 i.status, ${overdueCondition(now)} as overdue, count(*)::int as n
            from ${issuesBetween(from, last)}
            join org_units b on b.id = i.responsible_body_id
           group by 1, 2, 3, 4, 5, 6`,
    ),
    queryRows<{ raised: string; acknowledged: string | null; resolved: string | null; n: number }>(
      db,
      sql`select ${localDay(sql`i.created_at`)} as raised, ${localDay(sql`ack.at`)} as acknowledged,
                 ${localDay(sql`case when i.status = 'resolved' then i.closed_at end`)} as resolved, count(*)::int as n
            from ${issuesBetween(first, last)}
            left join lateral (
              select e.at from issue_events e where e.issue_id = i.id and e.type = 'acknowledge' order by e.id limit 1
            ) ack on true
           where ack.at is not null or i.status = 'resolved'
           group by 1, 2, 3`,
    ),
    loadCriteriaSets(db),
    loadCalendar(db, ctx.body.provinceId),
  ]);

  // Reports, bands and committees.
  const monthScores = scoreRows.filter((r) => r.month === month);
  const bandCounts: Record<string, number> = {};
  let filed = 0;
  let scoreSum = 0;
  let selfSum = 0;
  let selfN = 0;
  const perBody = new Map<string, { name: string; filed: number; sum: number }>();
  for (const r of monthScores) {
    bandCounts[r.band] = (bandCounts[r.band] ?? 0) + r.n;
    filed += r.n;
    scoreSum += Number(r.score_sum);
    selfSum += Number(r.self_sum ?? 0);
    selfN += r.self_n;
    const b = perBody.get(r.triage_id) ?? { name: tree.triageNames.get(r.triage_id) ?? r.triage_id, filed: 0, sum: 0 };
    b.filed += r.n;
    b.sum += Number(r.score_sum);
    perBody.set(r.triage_id, b);
  }
  const current = compliance.filter((i) => i.month === month);
  const totals = countCompliance(current, () => 'all').get('all') ?? { expected: 0, onTime: 0, late: 0, missing: 0, onTimeRate: null };
  const complianceByBody = countCompliance(current, (i) => i.bodyId);
  const bodyNames = new Map<string, string>(current.map((i) => [i.bodyId, i.bodyName]));
  for (const [id, b] of perBody) bodyNames.set(id, b.name);
  const bodies = [...bodyNames]
    .map(([bodyId, bodyName]) => {
      const c = complianceByBody.get(bodyId) ?? { expected: 0, onTime: 0, late: 0, missing: 0, onTimeRate: null };
      const s = perBody.get(bodyId);
      return { bodyId, bodyName, ...c, filed: s?.filed ?? 0, averageScore: s ? roundTo(s.sum / s.filed) : null };
    })
    .sort((a, b) => collator.compare(a.bodyName, b.bodyName));

  // Criteria groups, named from the sets' definitions.
  const setById = new Map(sets.map((s) => [s.id, s]));
  const groups = groupRows
    .map((r) => {
      const set = setById.get(r.criteria_set_id);
      const idx = set?.groups.findIndex((g) => g.id === r.group_id) ?? -1;
      const g = idx >= 0 ? set!.groups[idx] : undefined;
      return {
        criteriaSetId: r.criteria_set_id,
        groupId: r.group_id,
        title: g?.title ?? r.group_id,
        maxPoints: g?.maxPoints ?? null,
        average: roundTo(Number(r.average)),
        reports: r.n,
        order: idx < 0 ? 999 : idx,
      };
    })
    .sort((a, b) => a.criteriaSetId.localeCompare(b.criteriaSetId) || a.order - b.order || a.groupId.localeCompare(b.groupId))
    .map(({ order: _o, ...g }) => g);

  // Issues of the month by status, category and holder; the trend uses all six months.
  const blank = () => ({ raised: 0, resolved: 0, answered: 0, open: 0, overdue: 0 });
  const add = (t: ReturnType<typeof blank>, r: { status: IssueStatus; overdue: boolean; n: number }) => {
    t.raised += r.n;
    if (r.status === 'resolved') t.resolved += r.n;
    if (ANSWERED.includes(r.status)) t.answered += r.n;
    else t.open += r.n;
    if (r.overdue) t.overdue += r.n;
  };
  const issueTotals = blank();
  const byStatus: Partial<Record<IssueStatus, number>> = {};
  const byCategory = new Map<Category, ReturnType<typeof blank>>();
  const byBody = new Map<string, ReturnType<typeof blank> & { bodyName: string }>();
  for (const r of issueRows) {
    if (r.month !== month) continue;
    add(issueTotals, r);
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    if (!byCategory.has(r.category)) byCategory.set(r.category, blank());
    add(byCategory.get(r.category)!, r);
    if (!byBody.has(r.body_id)) byBody.set(r.body_id, { ...blank(), bodyName: r.body_name });
    add(byBody.get(r.body_id)!, r);
  }
  const categoryOrder = Object.keys(CATEGORY_LABELS);

  // Handling times in working days between local dates (deadlines are counted the same way).
  const memo = new Map<string, number>();
  const days = (a: string, b: string) => {
    const key = `${a}|${b}`;
    let n = memo.get(key);
    if (n === undefined) memo.set(key, (n = workingDaysBetween(a, b, calendar)));
    return n;
  };
  const ackDays = handlingRows.flatMap((r) => (r.acknowledged ? Array<number>(r.n).fill(days(r.raised, r.acknowledged)) : []));
  const resolveDays = handlingRows.flatMap((r) => (r.resolved ? Array<number>(r.n).fill(days(r.raised, r.resolved)) : []));

  // Six-month trend.
  const trend = months.map((m) => {
    const rows = scoreRows.filter((r) => r.month === m);
    const n = rows.reduce((s, r) => s + r.n, 0);
    const sum = rows.reduce((s, r) => s + Number(r.score_sum), 0);
    const bands = Object.fromEntries(BAND_ORDER.map((b) => [b, rows.filter((r) => r.band === b).reduce((s, r) => s + r.n, 0)])) as Record<BandCode, number>;
    const items = compliance.filter((i) => i.month === m);
    const iss = issueRows.filter((r) => r.month === m);
    return {
      month: m,
      expected: items.length,
      filed: n,
      onTime: items.filter((i) => i.status === ('on_time' satisfies ComplianceStatus)).length,
      averageScore: n ? roundTo(sum / n) : null,
      bands,
      issuesRaised: iss.reduce((s, r) => s + r.n, 0),
      issuesResolved: iss.filter((r) => r.status === 'resolved').reduce((s, r) => s + r.n, 0),
    };
  });

  const view: SynthesisResponse = {
    month,
    bodyId: ctx.body.id,
    bodyName: ctx.body.name,
    asOf: toLocalIso(now),
    gap,
    reports: {
      ...totals,
      filed,
      averageScore: filed ? roundTo(scoreSum / filed) : null,
      averageSelfScore: selfN ? roundTo(selfSum / selfN) : null,
    },
    bands: bandDistribution(bandCounts),
    groups,
    gaps: gapRows.map((r) => ({
      reportId: r.id,
      cellId: r.cell_id,
      cellName: r.cell_name,
      observerName: r.observer_name,
      meetingDate: isoDay(r.meeting_date)!,
      score: Number(r.score),
      cellSelfScore: Number(r.self),
      difference: selfScoreDifference(Number(r.score), Number(r.self))!,
    })),
    issues: {
      ...issueTotals,
      byStatus,
      byCategory: [...byCategory]
        .map(([category, t]) => ({ category, label: CATEGORY_LABELS[category] ?? category, ...t }))
        .sort((a, b) => b.raised - a.raised || categoryOrder.indexOf(a.category) - categoryOrder.indexOf(b.category)),
      byBody: [...byBody]
        .map(([bodyId, { bodyName, ...t }]) => ({ bodyId, bodyName, ...t }))
        .sort((a, b) => b.raised - a.raised || collator.compare(a.bodyName, b.bodyName)),
    },
    handling: {
      unit: 'working_days',
      acknowledge: { median: roundTo(median(ackDays), 1), count: ackDays.length },
      resolve: { median: roundTo(median(resolveDays), 1), count: resolveDays.length },
    },
    bodies,
    trend,
  };
  return { view, items: sortItems(current.map(({ month: _m, ...rest }) => rest)) };
}
