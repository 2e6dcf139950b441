import { addMonths, DEFAULT_REPORTING, hasRole, type RoleHolder } from '@duhop/shared';

/**
 * The month a synthesis opens on: before the reporting deadline (the 10th by default) this
 * month's reports are not all due yet, so last month, whose figures are complete; from the
 * deadline on, this month.
 */
export function defaultMonth(
  today: string,
  dueBeforeDay: number = DEFAULT_REPORTING.dueBeforeDay,
): string {
  const month = today.slice(0, 7);
  return Number(today.slice(8, 10)) < dueBeforeDay ? addMonths(month, -1) : month;
}

/** The page the workspace opens on: leaders and admins read the month's synthesis, staff work the inbox. */
export function landingPath(user: RoleHolder | undefined): 'synthesis' | 'inbox' {
  return user && hasRole(user, 'leader', 'admin') ? 'synthesis' : 'inbox';
}

/** A month the pickers accept: `YYYY-MM`, not after the current month. */
export function isPickableMonth(month: string, today: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month <= today.slice(0, 7);
}
