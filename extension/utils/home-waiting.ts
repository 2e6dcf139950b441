import type { Issue } from '@duhop/shared';
import type { CellMonth } from './month-status.ts';

/**
 * What waits on the member, shown first on the side panel's home: issues returned to them for
 * clarification (`returned`: no longer the body's to answer until the member clarifies), then this
 * month's reports still owed (an expected cell with no report queued or submitted: `expectedIn`).
 */
export type WaitingItem =
  | { kind: 'clarify'; issue: Issue }
  | { kind: 'report'; cell: CellMonth; overdue: boolean };

/**
 * Returned issues first, the longest waiting first; then the reports owed, overdue ones first,
 * then by due date and cell name. Issues of another author (a cache of someone else) never show.
 */
export function waitingItems(
  issues: readonly Issue[],
  months: readonly CellMonth[],
  today: string,
  userId: string,
): WaitingItem[] {
  const clarify = issues
    .filter((i) => i.status === 'returned' && i.authorId === userId)
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.title.localeCompare(b.title, 'vi'))
    .map((issue): WaitingItem => ({ kind: 'clarify', issue }));
  const owed = months
    .filter((c) => c.expected && (c.status === 'none' || c.status === 'draft'))
    .map((cell) => ({ cell, overdue: today > cell.dueDate }))
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        a.cell.dueDate.localeCompare(b.cell.dueDate) ||
        a.cell.cellName.localeCompare(b.cell.cellName, 'vi'),
    )
    .map((r): WaitingItem => ({ kind: 'report', ...r }));
  return [...clarify, ...owed];
}
