import { and, eq, sql } from 'drizzle-orm';
import {
  actionNeedsBody,
  actionNeedsNote,
  answerDays,
  canAct,
  endedBefore,
  isClosed,
  isHeldByNobody,
  localDate,
  nextStatus,
  parseProvinceConfig,
  REOPEN_WINDOW_DAYS,
  RESPONSIBLE_KINDS,
  routeIssue,
  TRANSITIONS,
  type ActionInput,
  type Issue,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import { issueEvents, issues, orgUnits } from '../../db/schema.ts';
import {
  addFieldError,
  ApiError,
  forbidden,
  notFoundErrors,
  validationError,
  type FieldErrors,
} from '../../lib/errors.ts';
import { provinceOf } from '../admin/scope.ts';
import { loadCalendar } from '../org/calendar.ts';
import { loadRoutingGraph, orgIndexOf } from '../org/graph.ts';
import { loadRules } from '../reports/reports.ts';
import { followOriginal, reopenFollowers } from './duplicates.ts';
import { issueTimes, issueView } from './view.ts';
import { actorKinds, canSeeIssue } from '../org/scope.ts';
import { provinceSettings } from '../org/settings.ts';

type IssueRow = typeof issues.$inferSelect;

/**
 * Applies one lifecycle action (docs/api.md) under optimistic concurrency: the issue changes, its
 * version increments and one event is appended, in one transaction, or nothing happens.
 */
/**
 * What an action's input must satisfy whatever the issue: a note when the action needs one, a body
 * to forward to, a `targetDate` only on `schedule` and not before today. The bulk route checks it
 * once before any item (422 on the field, nothing applied); `applyAction` checks the same per issue.
 */
export function checkCommonInput(
  input: Pick<ActionInput, 'type' | 'note' | 'toBodyId' | 'targetDate'>,
  now: Date,
): void {
  const fields: FieldErrors = {};
  if (actionNeedsNote(input.type) && !input.note?.trim())
    addFieldError(fields, 'note', noteMessage(input.type));
  if (actionNeedsBody(input.type) && !input.toBodyId)
    addFieldError(fields, 'toBodyId', 'Chọn cơ quan nhận');
  if (input.targetDate !== undefined) {
    if (input.type !== 'schedule')
      addFieldError(fields, 'targetDate', 'Chỉ trả lời "Sẽ giải quyết" mới có ngày dự kiến');
    else if (input.targetDate < localDate(now))
      addFieldError(fields, 'targetDate', 'Ngày dự kiến giải quyết không được trước hôm nay');
  }
  if (Object.keys(fields).length) throw validationError(fields);
}

export async function applyAction(
  deps: Deps,
  user: AuthUser,
  issueId: string,
  input: ActionInput,
): Promise<Issue> {
  const { db } = deps;
  const now = deps.now();
  const [row] = await db.select().from(issues).where(eq(issues.id, issueId));
  if (!row) throw notFoundErrors.issue();
  const current = issueView(row, now);
  const kinds = await actorKinds(db, user, { ...row, overdue: current.overdue });
  if (kinds.length === 0) {
    // A body the issue only passed through may read it, not act on it.
    if (await canSeeIssue(db, user, row, current.overdue))
      throw forbidden('Kiến nghị không còn ở cơ quan của bạn');
    throw notFoundErrors.issue();
  }
  if (!canAct(input.type, kinds))
    throw forbidden('Bạn không có quyền thực hiện thao tác này với kiến nghị');

  const from = row.status;
  const to = nextStatus(from, input.type);
  if (!to) {
    throw new ApiError(
      409,
      'TRANSITION_NOT_ALLOWED',
      `Không thể "${input.type}" khi kiến nghị đang ở trạng thái "${from}"`,
    );
  }
  if (input.expectedVersion !== row.version) {
    throw new ApiError(
      409,
      'VERSION_CONFLICT',
      'Kiến nghị vừa được người khác cập nhật; hãy tải lại để xem thay đổi',
    );
  }

  const fields: FieldErrors = {};
  const note = input.note?.trim() || null;
  if (actionNeedsNote(input.type) && !note) addFieldError(fields, 'note', noteMessage(input.type));
  let toBodyId: string | null = null;
  if (actionNeedsBody(input.type)) {
    if (!input.toBodyId) addFieldError(fields, 'toBodyId', 'Chọn cơ quan nhận');
    else {
      const [target] = await db.select().from(orgUnits).where(eq(orgUnits.id, input.toBodyId));
      const today = localDate(now);
      if (!target || !RESPONSIBLE_KINDS.includes(target.kind))
        addFieldError(fields, 'toBodyId', 'Cơ quan nhận không tồn tại');
      else if (endedBefore(target, today))
        addFieldError(fields, 'toBodyId', 'Cơ quan nhận đã giải thể hoặc sáp nhập');
      else if (target.id === row.responsibleBodyId)
        addFieldError(fields, 'toBodyId', 'Kiến nghị đang ở chính cơ quan này');
      // An issue stays in the province of the cell that raised it, whoever forwards it (admins
      // included): a body of another province would otherwise read the whole report.
      else if ((target.provinceId ?? target.id) !== (await provinceOf(db, row.cellId))) {
        addFieldError(
          fields,
          'toBodyId',
          'Chỉ chuyển được đến cơ quan thuộc tỉnh (thành) của chi bộ nêu kiến nghị',
        );
      } else toBodyId = target.id;
    }
  }
  if (input.targetDate !== undefined) {
    if (input.type !== 'schedule')
      addFieldError(fields, 'targetDate', 'Chỉ trả lời "Sẽ giải quyết" mới có ngày dự kiến');
    else if (input.targetDate < localDate(now))
      addFieldError(fields, 'targetDate', 'Ngày dự kiến giải quyết không được trước hôm nay');
  }
  if (Object.keys(fields).length) throw validationError(fields);
  if (
    input.type === 'reopen' &&
    row.closedAt &&
    now.getTime() - row.closedAt.getTime() > REOPEN_WINDOW_DAYS * 86_400_000
  ) {
    throw new ApiError(
      409,
      'REOPEN_WINDOW_PASSED',
      `Chỉ mở lại được trong ${REOPEN_WINDOW_DAYS} ngày sau khi trả lời`,
    );
  }

  const patch: Partial<IssueRow> = { status: to, updatedAt: now };
  if (input.type === 'acknowledge') patch.acknowledgedAt = now;
  // Reopening an issue answered at the meeting routes it as if just raised: a body, a rule, a
  // deadline profile, then the clocks below from now (acknowledgement included).
  const reroute = input.type === 'reopen' && isHeldByNobody(from);
  if (reroute) {
    const rules = await loadRules(db, row.cellId);
    const units = await loadRoutingGraph(db, row.cellId, []);
    const routed = routeIssue(
      { category: row.category, urgency: row.urgency, cellId: row.cellId },
      rules,
      orgIndexOf(units),
      localDate(now),
    );
    toBodyId = routed.bodyId;
    Object.assign(patch, {
      deadlineProfile: routed.profile,
      routingRuleId: routed.ruleId,
      answeredBy: null,
    });
  }
  if (TRANSITIONS[input.type].restartsClock) {
    const [body] = await db
      .select({ provinceId: orgUnits.provinceId, id: orgUnits.id })
      .from(orgUnits)
      .where(eq(orgUnits.id, toBodyId ?? row.responsibleBodyId));
    const provinceId = body?.provinceId ?? body?.id ?? null;
    const [province] = provinceId
      ? await db
          .select({ config: orgUnits.config })
          .from(orgUnits)
          .where(eq(orgUnits.id, provinceId))
      : [];
    const { deadlines } = provinceSettings(parseProvinceConfig(province?.config), localDate(now));
    const calendar = await loadCalendar(db, provinceId);
    const times = issueTimes(
      now,
      deadlines.acknowledge,
      answerDays(patch.deadlineProfile ?? row.deadlineProfile, deadlines),
      calendar,
    );
    Object.assign(patch, { routedAt: now, dueAt: times.dueAt, escalatedAt: null });
    if (input.type !== 'reopen' || reroute)
      Object.assign(patch, { ackDueAt: times.ackDueAt, acknowledgedAt: null });
  }
  if (toBodyId) patch.responsibleBodyId = toBodyId;
  if (isClosed(to)) {
    Object.assign(patch, {
      closedAt: now,
      answer: note,
      documentNo: input.documentNo?.trim() || null,
      acknowledgedAt: row.acknowledgedAt ?? now,
    });
  }
  if (input.type === 'reopen') patch.closedAt = null;

  const updated = await db.transaction(async (tx) => {
    const [next] = await tx
      .update(issues)
      .set({ ...patch, version: sql`${issues.version} + 1` })
      .where(and(eq(issues.id, issueId), eq(issues.version, input.expectedVersion)))
      .returning();
    if (!next) return null;
    await tx.insert(issueEvents).values({
      issueId,
      type: input.type,
      actorId: user.id,
      at: now,
      note,
      fromStatus: from,
      toStatus: to,
      // An issue answered at the meeting came from no body (its responsible body column is the cell).
      fromBodyId: isHeldByNobody(from) ? null : row.responsibleBodyId,
      toBodyId: next.responsibleBodyId,
      data: eventData(input),
    });
    // An answer reaches the issues marked as duplicates of this one (issue 16).
    if (isClosed(to)) await followOriginal(tx, next, user.id, now);
    // Reopened: so are the duplicates that took its answer (issue 16), an event each.
    if (input.type === 'reopen') await reopenFollowers(tx, next, user.id, note, now);
    return next;
  });
  if (!updated)
    throw new ApiError(
      409,
      'VERSION_CONFLICT',
      'Kiến nghị vừa được người khác cập nhật; hãy tải lại để xem thay đổi',
    );
  return issueView(updated, now);
}

/** What an event keeps beside its note: the answer's document number, a schedule's target date. */
function eventData(input: ActionInput): Record<string, unknown> | null {
  const data = {
    ...(input.documentNo ? { documentNo: input.documentNo } : {}),
    ...(input.type === 'schedule' && input.targetDate ? { targetDate: input.targetDate } : {}),
  };
  return Object.keys(data).length ? data : null;
}

function noteMessage(type: ActionInput['type']): string {
  switch (type) {
    case 'resolve':
    case 'schedule':
    case 'explain':
      return 'Nhập nội dung trả lời';
    case 'clarify':
      return 'Nhập nội dung làm rõ';
    case 'forward':
      return 'Nhập lý do chuyển';
    default:
      return 'Nhập lý do';
  }
}
