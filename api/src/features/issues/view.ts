import {
  isHeldByNobody,
  isIssueOverdue,
  dueAt as dueAtFrom,
  toLocalIso,
  type Calendar,
  type Issue,
} from '@duhop/shared';
import type { issues } from '../../db/schema.ts';

type IssueRow = typeof issues.$inferSelect;

/** Acknowledgement and answer deadlines, in working days from `from`. */
export function issueTimes(from: Date, ackDays: number, answerDays: number, calendar: Calendar) {
  return {
    ackDueAt: dueAtFrom(from, ackDays, calendar),
    dueAt: dueAtFrom(from, answerDays, calendar),
  };
}

/** The wire representation of an issue (docs/api.md), with `overdue` computed at `now`. */
export function issueView(
  row: IssueRow,
  now: Date,
  names: { cellName?: string; bodyName?: string } = {},
): Issue {
  return {
    id: row.id,
    reportId: row.reportId,
    authorId: row.authorId,
    cellId: row.cellId,
    ...(names.cellName ? { cellName: names.cellName } : {}),
    title: row.title,
    detail: row.detail,
    category: row.category,
    urgency: row.urgency,
    status: row.status,
    responsibleBodyId: row.responsibleBodyId,
    ...(names.bodyName ? { responsibleBodyName: names.bodyName } : {}),
    deadlineProfile: row.deadlineProfile,
    ackDueAt: row.ackDueAt ? toLocalIso(row.ackDueAt) : null,
    dueAt: toLocalIso(row.dueAt),
    overdue: isIssueOverdue({ status: row.status, dueAt: row.dueAt, ackDueAt: row.ackDueAt }, now),
    escalated: row.escalatedAt != null,
    answer: row.answer,
    answeredAtMeeting:
      isHeldByNobody(row.status) && row.answer != null
        ? { by: row.answeredBy ?? '', answer: row.answer }
        : null,
    documentNo: row.documentNo,
    closedAt: row.closedAt ? toLocalIso(row.closedAt) : null,
    duplicateOf: row.duplicateOf,
    createdAt: toLocalIso(row.createdAt),
    updatedAt: toLocalIso(row.updatedAt),
    version: row.version,
  };
}
