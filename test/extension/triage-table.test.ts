import type { Issue } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { hashQuery, parseHash } from '../../extension/utils/hash-route.ts';
import { actionBody, actionFields, checkAction } from '../../extension/utils/triage/actions.ts';
import {
  DEFAULT_FILTERS,
  filtersFromParams,
  filtersToParams,
  inboxQuery,
  isNarrowed,
  type InboxFilters,
} from '../../extension/utils/triage/inbox-filters.ts';
import {
  ageInDays,
  deadlinesOf,
  neighbour,
  parseDayMonthYear,
  primaryAction,
} from '../../extension/utils/triage/triage-table.ts';

// Issue 15: the inbox as a triage table and the issue view's next step.
const f = (over: Partial<InboxFilters> = {}): InboxFilters => ({
  ...DEFAULT_FILTERS,
  statuses: [...DEFAULT_FILTERS.statuses],
  ...over,
});

const issue = (
  over: Partial<Issue>,
): Pick<Issue, 'status' | 'ackDueAt' | 'dueAt' | 'closedAt'> => ({
  status: 'routed',
  ackDueAt: '2026-11-10T23:59:59+07:00',
  dueAt: '2026-12-17T23:59:59+07:00',
  closedAt: null,
  ...over,
});

describe('the table asks the server for its order and its scope', () => {
  it('sorts by the deadline that matters by default, and any other order is sent', () => {
    expect(inboxQuery(f()).sort).toBe('next');
    expect(inboxQuery(f({ sort: 'age' })).sort).toBe('age');
    expect(inboxQuery(f({ sort: 'due' })).sort).toBeUndefined();
    // Sorting is not narrowing: no "clear filters", no "nothing matches the filters".
    expect(isNarrowed(f({ sort: 'activity' }))).toBe(false);
  });

  it("opens an admin's inbox on the whole province, a chosen body on that body", () => {
    expect(inboxQuery(f(), { isAdmin: true }).scope).toBe('all');
    const one = inboxQuery(f({ bodyId: 'na-bnc' }), { isAdmin: true });
    expect(one.scope).toBeUndefined();
    expect(one.bodyId).toBe('na-bnc');
    expect(inboxQuery(f({ scope: 'escalated' }), { isAdmin: true }).scope).toBe('escalated');
    // Staff never ask for the province.
    expect(inboxQuery(f()).scope).toBeUndefined();
  });
});

describe('filters kept in the address', () => {
  it('writes only what differs from the default, and reads it back', () => {
    expect(filtersToParams(f())).toBe('');
    const narrowed = f({
      statuses: ['forwarded', 'routed'],
      category: 'dat_dai',
      communeId: 'hung-nguyen',
      q: 'đất đai',
      overdue: 'true',
      dueWithinDays: 7,
      sort: 'age',
      scope: 'escalated',
    });
    const query = filtersToParams(narrowed);
    expect(query).toContain('status=routed%2Cforwarded');
    expect(query).toContain('sort=age');
    expect(filtersFromParams(query)).toEqual({ ...narrowed, statuses: ['routed', 'forwarded'] });
    // Every status (no chip) is kept apart from the default (the open ones).
    expect(filtersFromParams(filtersToParams(f({ statuses: [] }))).statuses).toEqual([]);
  });

  it('routes on the path and leaves the query to the page', () => {
    expect(parseHash('#/inbox/abc?status=routed&sort=age')).toEqual(['inbox', 'abc']);
    expect(parseHash('#/inbox?sort=age')).toEqual(['inbox']);
    expect(hashQuery('#/inbox/abc?status=routed&sort=age')).toBe('status=routed&sort=age');
    expect(hashQuery('#/inbox')).toBe('');
  });

  it('ignores what it does not know instead of sending it', () => {
    const g = filtersFromParams(
      'status=nope&category=xyz&sort=title&overdue=maybe&dueWithinDays=-1',
    );
    expect(g).toEqual(f());
  });
});

describe('deadlines, age and the next step', () => {
  it('marks the acknowledgement deadline while it is awaited, then the answer deadline', () => {
    expect(deadlinesOf(issue({}))).toEqual({
      ack: '2026-11-10',
      answer: '2026-12-17',
      current: 'ack',
    });
    expect(deadlinesOf(issue({ status: 'forwarded' })).current).toBe('ack');
    expect(deadlinesOf(issue({ status: 'in_progress' })).current).toBe('answer');
    expect(deadlinesOf(issue({ ackDueAt: null })).current).toBe('answer');
    expect(
      deadlinesOf(issue({ status: 'resolved', closedAt: '2026-11-20T10:00:00+07:00' })).current,
    ).toBeNull();
  });

  it('counts the age in whole days', () => {
    const now = new Date('2026-11-12T09:00:00+07:00');
    expect(ageInDays('2026-11-12T08:00:00+07:00', now)).toBe(0);
    expect(ageInDays('2026-11-05T09:00:00+07:00', now)).toBe(7);
  });

  it('offers one primary action: acknowledge when routed, answer when in progress', () => {
    const offered = ['acknowledge', 'forward', 'return_for_clarification', 'reject'] as const;
    expect(primaryAction('routed', offered)).toBe('acknowledge');
    expect(primaryAction('in_progress', ['resolve', 'schedule', 'explain', 'forward'])).toBe(
      'resolve',
    );
    expect(primaryAction('acknowledged', ['start', 'forward'])).toBe('start');
    expect(primaryAction('routed', ['forward'])).toBeNull();
  });

  it('finds the next and previous issue of the list', () => {
    expect(neighbour(['a', 'b', 'c'], 'b', 1)).toBe('c');
    expect(neighbour(['a', 'b', 'c'], 'b', -1)).toBe('a');
    expect(neighbour(['a', 'b', 'c'], 'c', 1)).toBeNull();
    expect(neighbour(['a', 'b', 'c'], 'x', 1)).toBeNull();
  });
});

describe('"Sẽ giải quyết" takes a target date typed as dd/mm/yyyy', () => {
  it('parses real dates only', () => {
    expect(parseDayMonthYear('31/03/2027')).toBe('2027-03-31');
    expect(parseDayMonthYear('1/3/2027')).toBe('2027-03-01');
    expect(parseDayMonthYear('30/02/2027')).toBeNull();
    expect(parseDayMonthYear('2027-03-31')).toBeNull();
  });

  it('requires it, not before today, and sends it as YYYY-MM-DD', () => {
    expect(actionFields('schedule').targetDate).toBe(true);
    const d = { note: 'Sẽ sửa', toBodyId: '', documentNo: '' };
    expect(checkAction('schedule', d, '2026-11-05')).toEqual({
      targetDate: 'tg_targetDateRequired',
    });
    expect(checkAction('schedule', { ...d, targetDate: '04/11/2026' }, '2026-11-05')).toEqual({
      targetDate: 'tg_targetDatePast',
    });
    expect(checkAction('schedule', { ...d, targetDate: '05/11/2026' }, '2026-11-05')).toEqual({});
    expect(actionBody('schedule', { ...d, targetDate: '31/03/2027' }, 4)).toEqual({
      type: 'schedule',
      expectedVersion: 4,
      note: 'Sẽ sửa',
      targetDate: '2027-03-31',
    });
    // Other answers take none.
    expect(checkAction('resolve', { ...d, targetDate: '' }, '2026-11-05')).toEqual({});
    expect(actionBody('resolve', { ...d, targetDate: '31/03/2027' }, 4)).not.toHaveProperty(
      'targetDate',
    );
  });
});
