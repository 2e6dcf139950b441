import type { IssueStatus } from '../schemas/common.ts';
import {
  AWAITING_ACK_STATUSES as WAITING_FOR_BODY_ACK,
  NOT_WITH_BODY_STATUSES as NOT_WITH_BODY,
} from './lifecycle.ts';

/**
 * Whether an issue has passed a deadline that the body holding it must meet: the answer deadline,
 * or the acknowledgement deadline while it is still unacknowledged. An issue that is answered or
 * waiting for the observer's clarification is never overdue for the body.
 */
export function isIssueOverdue(
  issue: { status: IssueStatus; dueAt: Date; ackDueAt?: Date | null },
  now: Date,
): boolean {
  if (NOT_WITH_BODY.includes(issue.status)) return false;
  if (now.getTime() > issue.dueAt.getTime()) return true;
  return (
    !!issue.ackDueAt &&
    WAITING_FOR_BODY_ACK.includes(issue.status) &&
    now.getTime() > issue.ackDueAt.getTime()
  );
}

/** SQL twin of `isIssueOverdue`, for filters; `$now` is bound by the caller. */
export const OVERDUE_SQL_STATUSES = {
  notWithBody: NOT_WITH_BODY,
  waitingForAck: WAITING_FOR_BODY_ACK,
};
