import {
  DEFAULT_REPORTING,
  defaultMeetingDate,
  reportDueDate,
  type Assignment,
  type OrgUnit,
  type ReportingConfig,
} from '@duhop/shared';
import { formatDate, formatMonth } from '../format.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Locale } from '../storage.ts';
import { expectedCells } from '../expectations.ts';

/**
 * Deadline reminders for a member, decided here and raised by the background (reminder-watch.ts):
 * from the 1st of the month to the reporting deadline, one reminder per assigned cell that still
 * has no report for the month, as a badge and as one browser notification per cell and month.
 */

export interface DueCell {
  cellId: string;
  cellName: string;
  /** The cell's regular meeting this month. */
  meetingDate: string;
  /** The last day on which the report is on time. */
  dueDate: string;
}

export interface ReminderFacts {
  assignments: readonly Assignment[];
  orgUnits: readonly OrgUnit[];
  /** The member's reports submitted or waiting in the outbox (they need no reminder). */
  filed: readonly { cellId: string; meetingDate: string }[];
  /** Local date (Asia/Ho_Chi_Minh). */
  today: string;
  /** The province's deadline from `GET /api/me`; the default (before the 10th) when absent. */
  reporting?: ReportingConfig | undefined;
  /** The member, to find their turn on a rota (without it, a rota cell is reminded every month). */
  userId?: string | undefined;
}

/** The cells to remind about today, in the order of the assignments. */
export function dueReminders(f: ReminderFacts): DueCell[] {
  const cfg = f.reporting ?? DEFAULT_REPORTING;
  const month = f.today.slice(0, 7);
  const out: DueCell[] = [];
  // Monthly, every N months or a rota turn, with the cells' validity: the API's own rule.
  const expected = expectedCells(f.assignments, month, f.userId, f.orgUnits);
  for (const a of f.assignments) {
    if (out.some((d) => d.cellId === a.cellId)) continue;
    const cell = f.orgUnits.find((u) => u.id === a.cellId);
    const meetingDay = a.meetingDay ?? cell?.meetingDay ?? 3;
    const meetingDate = defaultMeetingDate(month, meetingDay);
    const dueDate = reportDueDate(meetingDate, cfg);
    // After the deadline the home screen says "Quá hạn"; the reminder has had its days.
    if (f.today > dueDate) continue;
    if (f.filed.some((r) => r.cellId === a.cellId && r.meetingDate.startsWith(month))) continue;
    if (expected.has(a.cellId))
      out.push({ cellId: a.cellId, cellName: a.cellName, meetingDate, dueDate });
  }
  return out;
}

/** What the background remembers (storage `deadlineReminders`): the cells due and those already notified this month. */
export interface ReminderState {
  userId: string;
  month: string;
  due: DueCell[];
  /** Cells notified this month: never twice. */
  notified: string[];
}

/** The new state and the cells to notify now: those due and not yet notified this month by this member. */
export function nextReminderState(
  prev: ReminderState | null,
  userId: string,
  today: string,
  due: readonly DueCell[],
): { state: ReminderState; notify: DueCell[] } {
  const month = today.slice(0, 7);
  const notified = prev && prev.userId === userId && prev.month === month ? prev.notified : [];
  const notify = due.filter((d) => !notified.includes(d.cellId));
  return {
    state: {
      userId,
      month,
      due: [...due],
      notified: [...notified, ...notify.map((d) => d.cellId)],
    },
    notify,
  };
}

export interface ReminderNotification {
  id: string;
  title: string;
  message: string;
}

export const REMINDER_PREFIX = 'duhop-deadline:';

/** One notification per cell; the id names the month and cell, so a repeat replaces instead of doubling. */
export function reminderNotifications(
  notify: readonly DueCell[],
  t: Translate,
  locale: Locale = 'vi',
): ReminderNotification[] {
  return notify.map((d) => ({
    id: `${REMINDER_PREFIX}${d.meetingDate.slice(0, 7)}:${d.cellId}`,
    title: t('rm_notifTitle', { month: formatMonth(d.meetingDate.slice(0, 7)) }),
    message: t('rm_notifMessage', { cell: d.cellName, date: formatDate(d.dueDate, locale) }),
  }));
}

/** The cells of a stored state still due today (a state from an earlier check may be stale). */
export function stillDue(
  state: ReminderState | null | undefined,
  userId: string | undefined,
  today: string,
): DueCell[] {
  if (!state || state.userId !== userId || state.month !== today.slice(0, 7)) return [];
  return state.due.filter((d) => d.dueDate >= today);
}

/** The toolbar badge once the outbox and the issue updates have nothing to say: how many cells still owe a report. */
export function withDeadlineReminders<B extends { text: string; color: string; title: string }>(
  badge: B,
  due: readonly DueCell[],
  t: Translate,
  locale: Locale = 'vi',
): B {
  if (badge.text || due.length === 0) return badge;
  const first = due.reduce((a, b) => (b.dueDate < a.dueDate ? b : a));
  return {
    ...badge,
    text: String(due.length),
    color: '#9a6700',
    title: t('rm_badge', { n: due.length, date: formatDate(first.dueDate, locale) }),
  };
}

/**
 * The panel's deadline line from the home screen's cell statuses: the earliest due date among the
 * cells still without a report (or among all cells when every one is done), the days left, and
 * the names of the cells that still owe one. Null without assigned cells.
 */
export function deadlineLine(
  cells: readonly { cellName: string; status: string; dueDate: string }[],
  today: string,
): { dueDate: string; daysLeft: number; pending: string[] } | null {
  if (!cells.length) return null;
  const open = cells.filter((c) => c.status !== 'submitted' && c.status !== 'queued');
  const pool = open.length ? open : cells;
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings compared as text; Math.min would turn them into NaN
  const dueDate = pool.reduce((d, c) => (c.dueDate < d ? c.dueDate : d), pool[0]!.dueDate);
  const daysLeft = Math.round(
    (Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  return {
    dueDate,
    daysLeft,
    pending: open.filter((c) => c.dueDate >= today).map((c) => c.cellName),
  };
}
