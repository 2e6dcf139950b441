import { sql } from 'drizzle-orm';
import {
  BAND_ORDER,
  bandDistribution,
  CATEGORY_LABELS,
  CLOSED_STATUSES,
  countCompliance,
  countTopical,
  isHeldByNobody,
  median,
  noCompliance,
  monthBounds,
  roundTo,
  selfScoreDifference,
  startOfLocalDay,
  toLocalIso,
  trendMonths,
  workingDaysBetween,
  type BandCode,
  type Category,
  type ComplianceItem,
  type IssueStatus,
  type SynthesisResponse,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { anyUnitOf, cellsTable, loadSubtree, type BodyContext } from '../org/body-scope.ts';
import { loadCalendar } from '../org/calendar.ts';
import { loadCompliance, sortItems } from './compliance.ts';
import { loadPresence } from './presence.ts';
import * as q from './synthesis-sql.ts';
import { loadCriteriaSets } from '../reports/criteria.ts';

export const TREND_MONTHS = 6;
const collator = new Intl.Collator('vi');

/**
 * The month's figures for a body and everything below it (docs/api.md `GET /api/synthesis`).
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
         select i.id, i.category, i.responsible_body_id, i.status, i.due_at, i.ack_due_at, i.created_at, i.closed_at, i.duplicate_of, i.cell_id, i.title
           from issues i where i.report_id = r.id offset 0) i
      ${
        ctx.body.kind === 'province'
          ? sql``
          : sql`union all
      select r.meeting_date, i.id, i.category, i.responsible_body_id, i.status, i.due_at, i.ack_due_at, i.created_at, i.closed_at, i.duplicate_of, i.cell_id, i.title
        from issues i
        join reports r on r.id = i.report_id and r.meeting_date between ${a}::date and ${b}::date
       where i.responsible_body_id = ${anyUnitOf(tree)} and i.due_at >= ${startOfLocalDay(a).toISOString()}::timestamptz
         and not (r.cell_id = ${anyUnitOf(tree)})`
      }) i`;

  const [
    compliance,
    scoreRows,
    groupRows,
    gapRows,
    issueRows,
    handlingRows,
    sets,
    calendar,
    topicalRows,
    duplicateRows,
    presence,
  ] = await Promise.all([
    loadCompliance(db, ctx, months, month, tree, now),
    q.scoreRows(db, cells, from, last),
    q.groupRows(db, cells, first, last),
    q.gapRows(db, cells, first, last, gap),
    q.issueCountRows(db, issuesBetween(from, last), now),
    q.handlingRows(db, issuesBetween(first, last)),
    loadCriteriaSets(db),
    loadCalendar(db, ctx.body.provinceId),
    q.topicalRows(db, cells, first, last),
    q.duplicateGroupRows(db, issuesBetween(first, last)),
    loadPresence(db, tree, first, last, Number(month.slice(0, 4))),
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
    scoreSum += r.scoreSum;
    selfSum += r.selfSum ?? 0;
    selfN += r.selfN;
    const b = perBody.get(r.triageId) ?? {
      name: tree.triageNames.get(r.triageId) ?? r.triageId,
      filed: 0,
      sum: 0,
    };
    b.filed += r.n;
    b.sum += r.scoreSum;
    perBody.set(r.triageId, b);
  }
  const current = compliance.filter((i) => i.month === month);
  const totals = countCompliance(current, () => 'all').get('all') ?? noCompliance();
  const complianceByBody = countCompliance(current, (i) => i.bodyId);
  const bodyNames = new Map<string, string>(current.map((i) => [i.bodyId, i.bodyName]));
  for (const [id, b] of perBody) bodyNames.set(id, b.name);
  const bodies = [...bodyNames]
    .map(([bodyId, bodyName]) => {
      const c = complianceByBody.get(bodyId) ?? noCompliance();
      const s = perBody.get(bodyId);
      return {
        bodyId,
        bodyName,
        ...c,
        filed: s?.filed ?? 0,
        averageScore: s ? roundTo(s.sum / s.filed) : null,
      };
    })
    .sort((a, b) => collator.compare(a.bodyName, b.bodyName));

  // Topical meetings: the cells compliance expects to meet this month, and those that held one.
  const topicalCells = new Set(topicalRows.map((r) => r.cellId));
  const held = (i: { cellId: string }) => topicalCells.has(i.cellId);
  const topicalAll = countTopical(current, held, () => 'all').get('all') ?? {
    expected: 0,
    held: 0,
    percent: null,
  };
  const topicalByBody = [...countTopical(current, held, (i) => i.bodyId)]
    .map(([bodyId, c]) => ({ bodyId, bodyName: bodyNames.get(bodyId) ?? bodyId, ...c }))
    .sort((a, b) => collator.compare(a.bodyName, b.bodyName));

  // Criteria groups, named from the sets' definitions.
  const setById = new Map(sets.map((s) => [s.id, s]));
  const groups = groupRows
    .map((r) => {
      const set = setById.get(r.criteriaSetId);
      const idx = set?.groups.findIndex((g) => g.id === r.groupId) ?? -1;
      const g = idx >= 0 ? set!.groups[idx] : undefined;
      return {
        criteriaSetId: r.criteriaSetId,
        groupId: r.groupId,
        title: g?.title ?? r.groupId,
        maxPoints: g?.maxPoints ?? null,
        average: roundTo(r.average),
        reports: r.n,
        order: idx < 0 ? 999 : idx,
      };
    })
    .sort(
      (a, b) =>
        a.criteriaSetId.localeCompare(b.criteriaSetId) ||
        a.order - b.order ||
        a.groupId.localeCompare(b.groupId),
    )
    .map(({ order: _o, ...g }) => g);

  // Issues of the month by status, category and holder; the trend uses all six months.
  const blank = () => ({
    raised: 0,
    resolved: 0,
    answered: 0,
    answeredAtMeeting: 0,
    open: 0,
    overdue: 0,
  });
  const add = (
    t: ReturnType<typeof blank>,
    r: { status: IssueStatus; overdue: boolean; n: number },
  ) => {
    t.raised += r.n;
    if (r.status === 'resolved') t.resolved += r.n;
    if (isHeldByNobody(r.status)) t.answeredAtMeeting += r.n;
    if (CLOSED_STATUSES.includes(r.status)) t.answered += r.n;
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
    // Answered at the meeting: routed to no body (the cell stands in the column), no row per body.
    if (isHeldByNobody(r.status)) continue;
    if (!byBody.has(r.bodyId)) byBody.set(r.bodyId, { ...blank(), bodyName: r.bodyName });
    add(byBody.get(r.bodyId)!, r);
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
  const ackDays = handlingRows.flatMap((r) =>
    r.acknowledged ? Array<number>(r.n).fill(days(r.raised, r.acknowledged)) : [],
  );
  const resolveDays = handlingRows.flatMap((r) =>
    r.resolved ? Array<number>(r.n).fill(days(r.raised, r.resolved)) : [],
  );

  // Six-month trend.
  const trend = months.map((m) => {
    const rows = scoreRows.filter((r) => r.month === m);
    const n = rows.reduce((s, r) => s + r.n, 0);
    const sum = rows.reduce((s, r) => s + r.scoreSum, 0);
    const bands = Object.fromEntries(
      BAND_ORDER.map((b) => [b, rows.filter((r) => r.band === b).reduce((s, r) => s + r.n, 0)]),
    ) as Record<BandCode, number>;
    const c =
      countCompliance(
        compliance.filter((i) => i.month === m),
        () => m,
      ).get(m) ?? noCompliance();
    const iss = issueRows.filter((r) => r.month === m);
    return {
      month: m,
      expected: c.expected,
      filed: n,
      onTime: c.onTime,
      late: c.late,
      missing: c.missing,
      notDue: c.notDue,
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
      cellId: r.cellId,
      cellName: r.cellName,
      observerName: r.observerName,
      meetingDate: r.meetingDate,
      score: r.score,
      cellSelfScore: r.self,
      difference: selfScoreDifference(r.score, r.self)!,
    })),
    issues: {
      ...issueTotals,
      byStatus,
      byCategory: [...byCategory]
        .map(([category, t]) => ({ category, label: CATEGORY_LABELS[category] ?? category, ...t }))
        .sort(
          (a, b) =>
            b.raised - a.raised ||
            categoryOrder.indexOf(a.category) - categoryOrder.indexOf(b.category),
        ),
      byBody: [...byBody]
        .map(([bodyId, { bodyName, ...t }]) => ({ bodyId, bodyName, ...t }))
        .sort((a, b) => b.raised - a.raised || collator.compare(a.bodyName, b.bodyName)),
      duplicateGroups: duplicateRows,
    },
    handling: {
      unit: 'working_days',
      acknowledge: { median: roundTo(median(ackDays), 1), count: ackDays.length },
      resolve: { median: roundTo(median(resolveDays), 1), count: resolveDays.length },
    },
    bodies,
    trend,
    topical: { ...topicalAll, byBody: topicalByBody },
    presence: {
      ...presence.total,
      byBody: [...presence.byBody]
        .map(([bodyId, f]) => ({ bodyId, bodyName: tree.triageNames.get(bodyId) ?? bodyId, ...f }))
        .sort((a, b) => collator.compare(a.bodyName, b.bodyName)),
    },
  };
  return { view, items: sortItems(current.map(({ month: _m, ...rest }) => rest)) };
}
