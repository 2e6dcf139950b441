import {
  AWAITING_ACK_STATUSES,
  type ActionType,
  type Issue,
  type IssueStatus,
} from '@duhop/shared';

/**
 * What the triage table and the issue view compute from an issue, pure so it is tested without a
 * browser: both deadlines and the one that matters, the age, the one primary action, the next
 * issue of the list, and the target date typed as dd/mm/yyyy.
 */

export interface Deadlines {
  /** The acknowledgement deadline (a local date), or null when the issue has none. */
  ack: string | null;
  /** The answer deadline (a local date). */
  answer: string;
  /** The deadline that matters now: acknowledgement while it is awaited, answer while open. */
  current: 'ack' | 'answer' | null;
}

export function deadlinesOf(
  issue: Pick<Issue, 'status' | 'ackDueAt' | 'dueAt' | 'closedAt'>,
): Deadlines {
  const ack = issue.ackDueAt ? issue.ackDueAt.slice(0, 10) : null;
  const answer = issue.dueAt.slice(0, 10);
  const current =
    issue.closedAt != null
      ? null
      : ack && AWAITING_ACK_STATUSES.includes(issue.status)
        ? 'ack'
        : 'answer';
  return { ack, answer, current };
}

/** Whole days since `createdAt` (0 on the day it arrived). */
export function ageInDays(createdAt: string, now: Date = new Date()): number {
  const at = Date.parse(createdAt);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.floor((now.getTime() - at) / 86_400_000));
}

/** The one action the status asks for: acknowledge when routed, start, then answer. */
const PRIMARY: Partial<Record<IssueStatus, readonly ActionType[]>> = {
  routed: ['acknowledge'],
  forwarded: ['acknowledge'],
  acknowledged: ['start', 'resolve'],
  in_progress: ['resolve'],
  returned: ['clarify'],
};

/** The primary action among those offered, or null when none fits the status. */
export function primaryAction(
  status: IssueStatus,
  offered: readonly ActionType[],
): ActionType | null {
  return PRIMARY[status]?.find((a) => offered.includes(a)) ?? null;
}

/** The id `delta` rows away from `id` in the list, or null at either end (or when not listed). */
export function neighbour(ids: readonly string[], id: string, delta: number): string | null {
  const i = ids.indexOf(id);
  if (i < 0) return null;
  return ids[i + delta] ?? null;
}

/**
 * `31/03/2027` (or `31/3/2027`, `31-03-2027`, `31.03.2027`) → `2027-03-31`; null when it is not a
 * real calendar date.
 */
export function parseDayMonthYear(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
