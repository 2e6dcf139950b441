import type { ActionType, IssueStatus } from '../schemas/common.ts';

/**
 * Who is acting on an issue, relative to it:
 * - `holder`: staff of the body the issue currently sits with;
 * - `parent`: staff of an ancestor body of the holder, only while the issue is overdue;
 * - `author`: the observer who raised it;
 * - `admin`.
 * `actorKindsFor` works out the kinds of a user, for the API and the extension alike; one user may be several.
 */
export type ActorKind = 'holder' | 'parent' | 'author' | 'admin';

/** One row of the issue state machine. */
export interface Transition {
  readonly from: readonly IssueStatus[];
  readonly to: IssueStatus;
  /** A note is required (the answer, the reason, the clarification). */
  readonly needsNote: boolean;
  /** A target body (`toBodyId`) is required. */
  readonly needsBody: boolean;
  /** The deadline is recomputed from the moment of the action. */
  readonly restartsClock: boolean;
  readonly actors: readonly ActorKind[];
}

/** How long after an answer the observer or the body may reopen an issue, in calendar days. */
export const REOPEN_WINDOW_DAYS = 30;

/** Where an issue stands in each status: the facts the lists below (and their SQL twins) derive from. */
export interface StatusFacts {
  /** The body holding it must act (acknowledge, handle, answer): its deadlines run and it can be overdue. */
  readonly withBody: boolean;
  /** It waits for the holding body's acknowledgement (the acknowledgement deadline applies too). */
  readonly awaitingAck: boolean;
  /** It has been answered (đã giải quyết, sẽ giải quyết, giải trình, không tiếp nhận): closed, may be reopened. */
  readonly answered: boolean;
  /**
   * Answered at the meeting itself: held by no body (its `responsibleBodyId` names the cell, no
   * inbox shows it, nobody is its holder); reopening it routes it (`routeIssue`) as if just raised.
   */
  readonly heldByNobody: boolean;
}

const status = (
  withBody: boolean,
  awaitingAck: boolean,
  answered: boolean,
  heldByNobody = false,
): StatusFacts => Object.freeze({ withBody, awaitingAck, answered, heldByNobody });

/** The issue statuses as data, in the order an issue goes through them (the lists keep this order). */
export const STATUS_FACTS: Readonly<Record<IssueStatus, StatusFacts>> = Object.freeze({
  routed: status(true, true, false),
  forwarded: status(true, true, false),
  acknowledged: status(true, false, false),
  in_progress: status(true, false, false),
  // Back with the observer for clarification: no longer the body's to answer.
  returned: status(false, false, false),
  resolved: status(false, false, true),
  scheduled: status(false, false, true),
  explained: status(false, false, true),
  rejected: status(false, false, true),
  // Trực tiếp giải đáp: answered on the spot by someone at the meeting, routed to nobody.
  answered_at_meeting: status(false, false, true, true),
});

const statusesWhere = (test: (f: StatusFacts) => boolean): readonly IssueStatus[] =>
  Object.freeze(
    (Object.keys(STATUS_FACTS) as IssueStatus[]).filter((st) => test(STATUS_FACTS[st])),
  );

/** Statuses in which an issue still waits for an answer. */
export const OPEN_STATUSES = statusesWhere((f) => !f.answered);
/** Statuses that answer the issue (đã giải quyết, sẽ giải quyết, giải trình, không tiếp nhận). */
export const CLOSED_STATUSES = statusesWhere((f) => f.answered);
/** Statuses held by no body (answered at the meeting): reopening routes them. */
export const HELD_BY_NOBODY_STATUSES = statusesWhere((f) => f.heldByNobody);
/** Statuses in which the holding body handles the issue. */
export const WITH_BODY_STATUSES = statusesWhere((f) => f.withBody);
/** Statuses that wait for the holding body's acknowledgement. */
export const AWAITING_ACK_STATUSES = statusesWhere((f) => f.awaitingAck);
/** Statuses that are not the body's to act on: answered ones first, then those back with the observer. */
export const NOT_WITH_BODY_STATUSES: readonly IssueStatus[] = Object.freeze([
  ...CLOSED_STATUSES,
  ...statusesWhere((f) => !f.withBody && !f.answered),
]);

const HANDLING = WITH_BODY_STATUSES;
const STAFF: readonly ActorKind[] = ['holder', 'parent', 'admin'];
const row = (
  from: readonly IssueStatus[],
  to: IssueStatus,
  needsNote: boolean,
  opts: Partial<Transition> = {},
): Transition =>
  Object.freeze({
    from,
    to,
    needsNote,
    needsBody: false,
    restartsClock: false,
    actors: STAFF,
    ...opts,
  });

/** The issue state machine as data: for each action, the statuses it leaves from and where it goes. */
export const TRANSITIONS: Readonly<Record<ActionType, Transition>> = Object.freeze({
  acknowledge: row(AWAITING_ACK_STATUSES, 'acknowledged', false),
  start: row(['acknowledged'], 'in_progress', false),
  // A new body takes over: its acknowledgement and answer clocks start now.
  forward: row(HANDLING, 'forwarded', true, { needsBody: true, restartsClock: true }),
  return_for_clarification: row(HANDLING, 'returned', true),
  clarify: row(['returned'], 'routed', true, { restartsClock: true, actors: ['author', 'admin'] }),
  resolve: row(HANDLING, 'resolved', true),
  schedule: row(HANDLING, 'scheduled', true),
  explain: row(HANDLING, 'explained', true),
  reject: row(HANDLING, 'rejected', true),
  reopen: row(CLOSED_STATUSES, 'in_progress', true, {
    restartsClock: true,
    actors: ['holder', 'parent', 'author', 'admin'],
  }),
});

/**
 * The status an action leads to from `status`, or null when the action is not allowed there.
 * Reopening an issue held by nobody (answered at the meeting) routes it: it waits for the new
 * body's acknowledgement (`routed`), not `in_progress` with a body that never had it.
 */
export function nextStatus(status: IssueStatus, action: ActionType): IssueStatus | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) return null;
  return action === 'reopen' && STATUS_FACTS[status].heldByNobody ? 'routed' : t.to;
}

/** Whether an issue in this status is held by no body (answered at the meeting). */
export function isHeldByNobody(status: IssueStatus): boolean {
  return STATUS_FACTS[status].heldByNobody;
}

/**
 * Whether an actor of this kind (or of any of these kinds) may take the action. Status is checked
 * separately by `nextStatus`; whether a `parent` is one at all (the issue is overdue) is decided
 * when the kinds are worked out.
 */
export function canAct(action: ActionType, actor: ActorKind | readonly ActorKind[]): boolean {
  const kinds: readonly ActorKind[] = typeof actor === 'string' ? [actor] : actor;
  return kinds.some((k) => TRANSITIONS[action].actors.includes(k));
}

/** Whether the action requires a non-empty note. */
export function actionNeedsNote(action: ActionType): boolean {
  return TRANSITIONS[action].needsNote;
}

/** Whether the action requires a target body (`toBodyId`). */
export function actionNeedsBody(action: ActionType): boolean {
  return TRANSITIONS[action].needsBody;
}

/** Whether the action restarts the deadline clock (forward, clarify, reopen). */
export function restartsClock(action: ActionType): boolean {
  return TRANSITIONS[action].restartsClock;
}

/** Whether the issue has been answered (resolved, scheduled, explained, rejected, or at the meeting). */
export function isClosed(status: IssueStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** The actions allowed from a status for an actor: what the UI offers as buttons. */
export function availableActions(
  status: IssueStatus,
  actor: ActorKind | readonly ActorKind[],
): ActionType[] {
  return (Object.keys(TRANSITIONS) as ActionType[]).filter(
    (a) => nextStatus(status, a) !== null && canAct(a, actor),
  );
}
