import { localDate, type OrgUnit } from '@duhop/shared';
import { navigate } from '../../utils/hash-route.ts';
import type { Session } from '../../utils/storage.ts';
import { summaryBodies, type BodyChoice } from '../../utils/synthesis/bodies.ts';
import { defaultMonth, isPickableMonth } from '../../utils/synthesis/months.ts';
import { useOrgUnits } from '../../utils/triage/org-units.ts';

export interface MonthBody {
  today: string;
  month: string;
  bodyId: string;
  /** The extra parameter after month and body (the synthesis' self-score gap). */
  extra: string | undefined;
  bodies: BodyChoice[];
  units: OrgUnit[];
  /** Moves to other filters (kept in the address, so Back and a bookmark work). */
  go: (next: { month?: string; bodyId?: string; extra?: string }) => void;
}

/**
 * The month and body of a monthly page from its address `#/<page>/<month>/<bodyId>/<extra>`:
 * by default the month whose figures are complete (defaultMonth) and the user's own body.
 */
export function useMonthBody(page: string, params: readonly string[], session: Session): MonthBody {
  const today = localDate(new Date());
  const units = useOrgUnits();
  const [m, b, extra] = params;
  const month = m && isPickableMonth(m, today) ? m : defaultMonth(today);
  const bodyId = b || session.user.orgUnitId;
  const bodies = summaryBodies(units, session.user);
  const go = (next: { month?: string; bodyId?: string; extra?: string }) => {
    const parts = [next.month ?? month, next.bodyId ?? bodyId];
    const x = next.extra ?? extra;
    navigate(page, ...parts, ...(x ? [x] : []));
  };
  return { today, month, bodyId, extra, bodies, units, go };
}
