import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  END_IN_FUTURE_MESSAGE,
  endsInFuture,
  answerDays,
  checkNotApplicable,
  checkReducedNotes,
  checkScores,
  computeScore,
  effectiveMeetingFormat,
  isReportOnTime,
  localDate,
  normalizeForSearch,
  RESPONSIBLE_KINDS,
  residenceActiveOn,
  routeIssue,
  type RouteResult,
  type RoutingRule,
  selectCriteriaSet,
  toLocalIso as toIso,
  type ReportParsed,
  type ReportResult,
  type SubmissionLimits,
  VN_OFFSET_MIN,
  vnDate,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { issues, reports, residenceMembers, routingRules } from '../../db/schema.ts';
import { canonicalJson, sha256 } from '../../lib/crypto.ts';
import {
  addFieldError,
  ApiError,
  isUniqueViolation,
  validationError,
  type FieldErrors,
} from '../../lib/errors.ts';
import { issueTimes } from '../issues/view.ts';
import { orgIndexOf } from '../org/graph.ts';
import { insertReport } from './write.ts';
import { loadSubmissionContext } from './submission-context.ts';
import { provinceSettings } from '../org/settings.ts';

export interface SubmitOutcome {
  status: 200 | 201;
  body: ReportResult;
}

/** Midnight of `now`'s local date (UTC+07:00) as an instant. */
function localDayStart(now: Date): Date {
  return new Date(Date.parse(`${localDate(now)}T00:00:00Z`) - VN_OFFSET_MIN * 60_000);
}

/**
 * The province's limits on what one member submits (settings `limits`): too many issues in one
 * report is the report's fault (422 on `issues`, the member can split it); too many reports in a
 * day is a 429 until the local midnight. A resend of a stored report never reaches this check.
 */
function checkSubmissionLimits(
  limits: SubmissionLimits,
  input: ReportParsed,
  reportsToday: number,
  now: Date,
): void {
  if (input.issues.length > limits.maxIssuesPerReport) {
    const message = `Mỗi báo cáo có tối đa ${limits.maxIssuesPerReport} kiến nghị (báo cáo này có ${input.issues.length}); hãy gộp hoặc tách sang báo cáo khác`;
    throw new ApiError(422, 'TOO_MANY_ISSUES', message, { issues: [message] });
  }
  if (reportsToday >= limits.maxReportsPerMemberPerDay) {
    const err = new ApiError(
      429,
      'DAILY_REPORT_LIMIT',
      `Hôm nay bạn đã gửi ${reportsToday} báo cáo, mức tối đa mỗi ngày của tỉnh là ${limits.maxReportsPerMemberPerDay}; báo cáo được giữ lại để gửi vào ngày mai`,
    );
    err.retryAfterSeconds = (localDayStart(now).getTime() + 86_400_000 - now.getTime()) / 1000;
    throw err;
  }
}

/**
 * Stores a report exactly once: the client's id is the key; an identical resend gets the stored
 * representation (200), a changed one 409. Scoring, routing and deadlines are computed here, never
 * trusted from the client; everything is written in one statement or not at all. Three round trips
 * in all: the session (requireUser), the context, the write.
 */
export async function submitReport(
  deps: Deps,
  user: AuthUser,
  input: ReportParsed,
): Promise<SubmitOutcome> {
  const { db } = deps;
  const now = deps.now();
  const contentHash = sha256(canonicalJson(input));

  const requested = input.issues.map((i) => i.responsibleBodyId).filter((x): x is string => !!x);
  const context = await loadSubmissionContext(db, deps.reference, {
    reportId: input.id,
    userId: user.id,
    cellId: input.cellId,
    meetingDate: input.meetingDate,
    criteriaSetId: input.criteriaSetId,
    requestedBodyIds: requested,
    dayStart: localDayStart(now),
  });
  if (context.existing) {
    const existing = await findExisting(db, input.id, contentHash, user.id);
    if (existing) return existing;
  }
  const { units, sets, rules, calendar } = context;

  const fields: FieldErrors = {};
  const cell = units.find((u) => u.id === input.cellId);
  if (cell?.kind !== 'cell') throw validationError({ cellId: ['Chi bộ không tồn tại'] });
  if (!context.assigned)
    throw validationError({
      cellId: ['Bạn không được phân công dự sinh hoạt chi bộ này vào ngày họp đã chọn'],
    });
  checkSubmissionLimits(
    provinceSettings(units.find((u) => u.id === cell.provinceId)?.config, localDate(now)).limits,
    input,
    context.reportsToday,
    now,
  );
  if (input.meetingDate > localDate(now))
    addFieldError(fields, 'meetingDate', 'Ngày họp không được ở tương lai');
  // A meeting that has not ended yet (5 minutes of clock skew allowed: END_TIME_SKEW_MS).
  if (endsInFuture(input.endedAt, now)) addFieldError(fields, 'endedAt', END_IN_FUTURE_MESSAGE);

  // Only the set in force for the cell's province and type on the meeting date may score it:
  // another set named is refused (field criteriaSetId), and with none in force nothing is guessed.
  const inForce = selectCriteriaSet(
    sets,
    input.meetingDate,
    cell.cellType ?? undefined,
    cell.provinceId,
  );
  const set = inForce?.id === input.criteriaSetId ? inForce : undefined;
  if (!inForce) {
    addFieldError(
      fields,
      'meetingDate',
      `Chưa có bộ tiêu chí nào có hiệu lực cho chi bộ này vào ngày họp ${vnDate(input.meetingDate)}: không chấm điểm được cuộc họp này`,
    );
  } else if (!set) {
    addFieldError(
      fields,
      'criteriaSetId',
      `Ngày họp ${vnDate(input.meetingDate)} phải chấm theo bộ tiêu chí "${inForce.name}" (${inForce.id})`,
    );
  } else {
    // A mark on an item the set does not allow is refused here and ignored by the scoring rules
    // (`isApplicable`), which then also ask for its points if none were sent.
    const marked = input.notApplicable;
    Object.assign(fields, checkNotApplicable(set, marked));
    Object.assign(fields, checkScores(set, input.scores, input.meetingType, marked));
    Object.assign(
      fields,
      checkReducedNotes(set, input.scores, input.groupNotes, input.meetingType, marked),
    );
  }

  const org = orgIndexOf(units);
  const unitById = new Map(units.map((u) => [u.id, u]));
  input.issues.forEach((issue, idx) => {
    if (!issue.responsibleBodyId) return;
    const body = unitById.get(issue.responsibleBodyId);
    if (!body)
      addFieldError(
        fields,
        `issues.${idx}.responsibleBodyId`,
        'Cơ quan chịu trách nhiệm không tồn tại',
      );
    else if (
      body.provinceId !== cell.provinceId ||
      !(RESPONSIBLE_KINDS.includes(body.kind) || body.id === cell.id)
    ) {
      addFieldError(
        fields,
        `issues.${idx}.responsibleBodyId`,
        'Không thể chuyển kiến nghị đến đơn vị này',
      );
    }
  });
  const ticked = input.attendance.residenceMemberIds ?? [];
  if (ticked.length > 0) {
    // Ticked residence members must be on this cell's register, active on the meeting date.
    const onList = await db
      .select({
        id: residenceMembers.id,
        introducedOn: residenceMembers.introducedOn,
        status: residenceMembers.status,
        statusOn: residenceMembers.statusOn,
      })
      .from(residenceMembers)
      .where(and(eq(residenceMembers.cellId, input.cellId), inArray(residenceMembers.id, ticked)));
    const byId = new Map(onList.map((m) => [m.id, m]));
    ticked.forEach((id, idx) => {
      const m = byId.get(id);
      if (!m || !residenceActiveOn(m, input.meetingDate))
        addFieldError(
          fields,
          `attendance.residenceMemberIds.${idx}`,
          `Người này không có trong danh sách đảng viên nơi cư trú của chi bộ vào ngày ${vnDate(input.meetingDate)}`,
        );
    });
  }
  if (Object.keys(fields).length > 0 || !set) throw validationError(fields);

  const settings = provinceSettings(
    units.find((u) => u.id === cell.provinceId)?.config,
    input.meetingDate,
  );
  const today = localDate(now);
  const score = computeScore(set, input.scores, input.meetingType, input.notApplicable);
  const onTime = isReportOnTime(now, input.meetingDate, settings.reporting);

  const issueRows = input.issues.map((issue, position) => {
    const common = {
      id: issue.id,
      reportId: input.id,
      position,
      cellId: input.cellId,
      authorId: user.id,
      title: issue.title,
      detail: issue.detail,
      category: issue.category,
      urgency: issue.urgency,
      searchText: normalizeForSearch(`${issue.title} ${issue.detail}`),
      createdAt: now,
      updatedAt: now,
    };
    if (issue.answeredAtMeeting) {
      // Answered on the spot: routed to nobody. The cell stands in the responsible body column (a
      // unit every join finds, no body's inbox); no deadline runs (due and closed now).
      return {
        ...common,
        status: 'answered_at_meeting' as const,
        responsibleBodyId: cell.id,
        deadlineProfile: issue.urgency === 'urgent' ? ('urgent' as const) : ('normal' as const),
        routingRuleId: null,
        routedAt: now,
        ackDueAt: null,
        dueAt: now,
        closedAt: now as Date | null,
        answer: issue.answeredAtMeeting.answer as string | null,
        answeredBy: issue.answeredAtMeeting.by as string | null,
      };
    }
    const routed: RouteResult = issue.responsibleBodyId
      ? {
          bodyId: org.resolveOpen(issue.responsibleBodyId, today)?.id ?? issue.responsibleBodyId,
          profile: issue.urgency === 'urgent' ? 'urgent' : 'normal',
          ruleId: null,
        }
      : routeIssue(
          { category: issue.category, urgency: issue.urgency, cellId: input.cellId },
          rules,
          org,
          today,
        );
    const times = issueTimes(
      now,
      settings.deadlines.acknowledge,
      answerDays(routed.profile, settings.deadlines),
      calendar,
    );
    return {
      ...common,
      status: 'routed' as const,
      responsibleBodyId: routed.bodyId,
      deadlineProfile: routed.profile,
      routingRuleId: routed.ruleId,
      routedAt: now,
      ackDueAt: times.ackDueAt as Date | null,
      dueAt: times.dueAt,
      closedAt: null,
      answer: null,
      answeredBy: null,
    };
  });
  const missingBody = issueRows.findIndex((r) => !r.responsibleBodyId);
  if (missingBody >= 0)
    throw validationError({
      [`issues.${missingBody}.responsibleBodyId`]: ['Không xác định được cơ quan chịu trách nhiệm'],
    });

  try {
    const stored = await insertReport(
      db,
      {
        id: input.id,
        authorId: user.id,
        cellId: input.cellId,
        meetingDate: input.meetingDate,
        meetingType: input.meetingType,
        startedAt: new Date(input.startedAt),
        endedAt: new Date(input.endedAt),
        ...breakdownColumns(input),
        criteriaSetId: set.id,
        scores: input.scores,
        groupNotes: input.groupNotes ?? {},
        notApplicable: input.notApplicable ?? {},
        groupScores: score.groups,
        score: score.total,
        band: score.band,
        cellSelfScore: input.cellSelfScore ?? null,
        suggestions: input.suggestions,
        onTime,
        submittedAt: now,
        contentHash,
      },
      issueRows,
    );
    if (!stored) {
      // A concurrent send of the same id committed first.
      const again = await findExisting(db, input.id, contentHash, user.id);
      if (again) return again;
      throw new ApiError(409, 'REPORT_CONFLICT', 'Mã báo cáo đã được dùng');
    }
  } catch (err) {
    if (isUniqueViolation(err)) {
      const again = await findExisting(db, input.id, contentHash, user.id);
      if (again) return again;
      throw new ApiError(
        409,
        'ISSUE_CONFLICT',
        'Mã kiến nghị đã được dùng trong một báo cáo khác',
        { issues: ['Mã kiến nghị bị trùng'] },
      );
    }
    throw err;
  }
  return {
    status: 201,
    body: {
      id: input.id,
      score: score.total,
      band: score.band,
      onTime,
      submittedAt: toIso(now),
      issues: issueRows.map((r) => ({
        id: r.id,
        responsibleBodyId: r.responsibleBodyId,
        status: r.status,
        ackDueAt: r.ackDueAt ? toIso(r.ackDueAt) : null,
        dueAt: toIso(r.dueAt),
        version: 1,
      })),
    },
  };
}

/**
 * The format and attendance columns of a report: the breakdown (issue 17) goes to its own columns,
 * the counts stay in the attendance JSON as before; the `online` flag stays true for online and
 * combined meetings so older readers keep seeing them.
 */
function breakdownColumns(input: ReportParsed) {
  const { presentOnline, presentResidence, awayForWork, residenceMemberIds, ...attendance } =
    input.attendance;
  const meetingFormat = effectiveMeetingFormat(input) ?? 'in_person';
  return {
    online: meetingFormat !== 'in_person',
    meetingFormat,
    attendance,
    presentOnline: presentOnline ?? null,
    presentResidence: presentResidence ?? null,
    awayForWork: awayForWork ?? null,
    residenceMemberIds: residenceMemberIds ?? null,
  };
}

async function findExisting(
  db: Db,
  id: string,
  contentHash: string,
  userId: string,
): Promise<SubmitOutcome | null> {
  const [row] = await db.select().from(reports).where(eq(reports.id, id)).limit(1);
  if (!row) return null;
  if (row.contentHash !== contentHash || row.authorId !== userId) {
    throw new ApiError(409, 'REPORT_CONFLICT', 'Báo cáo với mã này đã được gửi với nội dung khác');
  }
  const rows = await db
    .select({
      id: issues.id,
      responsibleBodyId: issues.responsibleBodyId,
      status: issues.status,
      ackDueAt: issues.ackDueAt,
      dueAt: issues.dueAt,
      version: issues.version,
    })
    .from(issues)
    .where(eq(issues.reportId, id))
    .orderBy(issues.position);
  return {
    status: 200,
    body: {
      id: row.id,
      score: row.score,
      band: row.band,
      onTime: row.onTime,
      submittedAt: toIso(row.submittedAt),
      issues: rows.map((r) => ({
        ...r,
        ackDueAt: r.ackDueAt ? toIso(r.ackDueAt) : null,
        dueAt: toIso(r.dueAt),
      })),
    },
  };
}

/** The routing rules of the province a unit (a cell, a body, or the province itself) belongs to, in order. */
export async function loadRules(db: Db, unitId: string): Promise<RoutingRule[]> {
  const rows = await db
    .select()
    .from(routingRules)
    .where(
      eq(
        routingRules.provinceId,
        sql`(select coalesce(province_id, id) from org_units where id = ${unitId})`,
      ),
    )
    .orderBy(asc(routingRules.position), asc(routingRules.id));
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    category: r.category,
    areaId: r.areaId,
    urgency: r.urgency,
    targetBodyId: r.targetBodyId,
    target: r.target,
    deadlineProfile: r.deadlineProfile,
    active: r.active,
  }));
}
