import { getTableConfig, PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import {
  AWAITING_ACK_STATUSES,
  CLOSED_STATUSES,
  HELD_BY_NOBODY_STATUSES,
  IssueStatus,
  NOT_WITH_BODY_STATUSES,
  OPEN_STATUSES,
  OVERDUE_SQL_STATUSES,
  STATUS_FACTS,
  TRANSITIONS,
  WITH_BODY_STATUSES,
} from '@duhop/shared';
import { issues } from '../../api/src/db/schema.ts';
import { statusList } from '../../api/src/features/issues/status-sql.ts';

// The status lists are derived from one table (lifecycle.ts); these pin what they derive to, so a
// change to the table shows here, and check that the copies the code cannot derive still match.
describe('status lists derived from the lifecycle table', () => {
  it('covers every status once', () => {
    expect(Object.keys(STATUS_FACTS).sort()).toEqual([...IssueStatus.options].sort());
  });

  it('gives the lists the code used to spell out, in the same order', () => {
    expect(OPEN_STATUSES).toEqual([
      'routed',
      'forwarded',
      'acknowledged',
      'in_progress',
      'returned',
    ]);
    expect(CLOSED_STATUSES).toEqual([
      'resolved',
      'scheduled',
      'explained',
      'rejected',
      'answered_at_meeting',
    ]);
    expect(HELD_BY_NOBODY_STATUSES).toEqual(['answered_at_meeting']);
    expect(WITH_BODY_STATUSES).toEqual(['routed', 'forwarded', 'acknowledged', 'in_progress']);
    expect(AWAITING_ACK_STATUSES).toEqual(['routed', 'forwarded']);
    expect(NOT_WITH_BODY_STATUSES).toEqual([
      'resolved',
      'scheduled',
      'explained',
      'rejected',
      'answered_at_meeting',
      'returned',
    ]);
    expect(OVERDUE_SQL_STATUSES).toEqual({
      notWithBody: NOT_WITH_BODY_STATUSES,
      waitingForAck: AWAITING_ACK_STATUSES,
    });
  });

  it('agrees with the transitions: acknowledge leaves the awaiting statuses, answers lead to the closed ones, reopen leaves them', () => {
    expect(TRANSITIONS.acknowledge.from).toEqual(AWAITING_ACK_STATUSES);
    // The closed statuses: the bodies' answers, and the one given at the meeting (set on submission).
    expect(
      new Set([
        ...(['resolve', 'schedule', 'explain', 'reject'] as const).map((a) => TRANSITIONS[a].to),
        ...HELD_BY_NOBODY_STATUSES,
      ]),
    ).toEqual(new Set(CLOSED_STATUSES));
    expect(TRANSITIONS.reopen.from).toEqual(CLOSED_STATUSES);
    for (const st of WITH_BODY_STATUSES) expect(TRANSITIONS.resolve.from).toContain(st);
  });

  it('renders an SQL list from the constant', () => {
    const q = new PgDialect().sqlToQuery(statusList(CLOSED_STATUSES));
    expect(q.sql).toBe('$1, $2, $3, $4, $5');
    expect(q.params).toEqual([...CLOSED_STATUSES]);
  });

  it("the partial index's predicate (a literal drizzle-kit must see) names the statuses not with the body", () => {
    const index = getTableConfig(issues).indexes.find(
      (i) => i.config.name === 'issues_body_with_body_idx',
    );
    const where = new PgDialect().sqlToQuery(index!.config.where!).sql;
    expect(where).toBe(`status not in (${NOT_WITH_BODY_STATUSES.map((s) => `'${s}'`).join(', ')})`);
  });
});
