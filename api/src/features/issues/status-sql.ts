import { sql, type SQL } from 'drizzle-orm';
import type { IssueStatus } from '@duhop/shared';

/**
 * A list of statuses for `status in (…)`, rendered from one of the lists the shared lifecycle
 * table derives (`OPEN_STATUSES`, `CLOSED_STATUSES`, `AWAITING_ACK_STATUSES`, …), never typed out.
 */
export const statusList = (statuses: readonly IssueStatus[]): SQL =>
  sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  );
