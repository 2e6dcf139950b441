import { describe, expect, it } from 'vitest';
import {
  ActionType,
  CLOSED_STATUSES,
  IssueStatus,
  OPEN_STATUSES,
  actionNeedsBody,
  actionNeedsNote,
  availableActions,
  canAct,
  isClosed,
  nextStatus,
  restartsClock,
  type ActorKind,
} from '@duhop/shared';

type A = ActionType;
type S = IssueStatus;
const HANDLING: S[] = ['routed', 'forwarded', 'acknowledged', 'in_progress'];
const ANSWERED_BY_BODY: S[] = ['resolved', 'scheduled', 'explained', 'rejected'];
const CLOSED: S[] = [...ANSWERED_BY_BODY, 'answered_at_meeting'];

/** The rules of the brief, written out independently of TRANSITIONS. */
const ALLOWED: [A, S, S][] = [
  ['acknowledge', 'routed', 'acknowledged'],
  ['acknowledge', 'forwarded', 'acknowledged'],
  ['start', 'acknowledged', 'in_progress'],
  ...HANDLING.map((s): [A, S, S] => ['forward', s, 'forwarded']),
  ...HANDLING.map((s): [A, S, S] => ['return_for_clarification', s, 'returned']),
  ['clarify', 'returned', 'routed'],
  ...HANDLING.map((s): [A, S, S] => ['resolve', s, 'resolved']),
  ...HANDLING.map((s): [A, S, S] => ['schedule', s, 'scheduled']),
  ...HANDLING.map((s): [A, S, S] => ['explain', s, 'explained']),
  ...HANDLING.map((s): [A, S, S] => ['reject', s, 'rejected']),
  ...ANSWERED_BY_BODY.map((s): [A, S, S] => ['reopen', s, 'in_progress']),
  // Answered at the meeting, held by nobody: reopening routes it, to wait for the body's acknowledgement.
  ['reopen', 'answered_at_meeting', 'routed'],
];

describe('nextStatus', () => {
  it.each(ALLOWED)('%s from %s → %s', (action, from, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  const allowed = new Set(ALLOWED.map(([a, s]) => `${a}|${s}`));
  const refused = ActionType.options.flatMap((a) =>
    IssueStatus.options.filter((s) => !allowed.has(`${a}|${s}`)).map((s): [A, S] => [a, s]),
  );

  it.each([
    ['acknowledge', 'in_progress'],
    ['acknowledge', 'acknowledged'],
    ['start', 'routed'],
    ['clarify', 'routed'],
    ['reopen', 'in_progress'],
    ['resolve', 'returned'],
    ['resolve', 'resolved'],
    ['forward', 'rejected'],
    ['reject', 'returned'],
    ['resolve', 'answered_at_meeting'],
    ['acknowledge', 'answered_at_meeting'],
    ['forward', 'answered_at_meeting'],
  ] as [A, S][])('refuses %s from %s', (action, from) => {
    expect(nextStatus(from, action)).toBeNull();
  });

  it(`refuses all ${refused.length} other action/status pairs`, () => {
    expect(refused.filter(([a, s]) => nextStatus(s, a) !== null)).toEqual([]);
  });
});

describe('canAct', () => {
  const ALL: A[] = ActionType.options;
  const expected: Record<ActorKind, A[]> = {
    holder: ALL.filter((a) => a !== 'clarify'),
    parent: ALL.filter((a) => a !== 'clarify'),
    author: ['clarify', 'reopen'],
    admin: ALL,
  };
  const table = (Object.keys(expected) as ActorKind[]).flatMap((k) =>
    ALL.map((a): [ActorKind, A, boolean] => [k, a, expected[k].includes(a)]),
  );

  it.each(table)('%s may %s: %s', (actor, action, ok) => {
    expect(canAct(action, actor)).toBe(ok);
  });

  it.each([
    [['author', 'holder'], 'clarify', true],
    [['author', 'holder'], 'resolve', true],
    [['author'], 'resolve', false],
    [[], 'reopen', false],
  ] as [ActorKind[], A, boolean][])('%j may %s: %s', (kinds, action, ok) => {
    expect(canAct(action, kinds)).toBe(ok);
  });
});

describe('action requirements', () => {
  it.each([
    ['acknowledge', false, false, false],
    ['start', false, false, false],
    ['forward', true, true, true],
    ['return_for_clarification', true, false, false],
    ['clarify', true, false, true],
    ['resolve', true, false, false],
    ['schedule', true, false, false],
    ['explain', true, false, false],
    ['reject', true, false, false],
    ['reopen', true, false, true],
  ] as [A, boolean, boolean, boolean][])(
    '%s: note %s, body %s, restarts clock %s',
    (action, note, body, clock) => {
      expect(actionNeedsNote(action)).toBe(note);
      expect(actionNeedsBody(action)).toBe(body);
      expect(restartsClock(action)).toBe(clock);
    },
  );
});

describe('isClosed', () => {
  it.each(IssueStatus.options.map((s) => [s, CLOSED.includes(s)] as const))(
    '%s closed: %s',
    (status, closed) => {
      expect(isClosed(status)).toBe(closed);
      expect(CLOSED_STATUSES.includes(status)).toBe(closed);
      expect(OPEN_STATUSES.includes(status)).toBe(!closed);
    },
  );
});

describe('availableActions', () => {
  it.each([
    [
      'routed',
      'holder',
      [
        'acknowledge',
        'forward',
        'return_for_clarification',
        'resolve',
        'schedule',
        'explain',
        'reject',
      ],
    ],
    ['returned', 'author', ['clarify']],
    ['returned', 'holder', []],
    ['resolved', 'author', ['reopen']],
    ['in_progress', 'author', []],
  ] as [S, ActorKind, A[]][])('%s for %s → %j', (status, actor, actions) => {
    expect(availableActions(status, actor)).toEqual(actions);
  });
});
