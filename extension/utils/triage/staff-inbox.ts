import type { Issue } from '@duhop/shared';
import { formatDateTime } from '../format.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Locale } from '../storage.ts';

/**
 * What the staff of a body are told about their inbox: issues newly routed (or forwarded) to the
 * body, and those whose deadline (the acknowledgement one while unacknowledged, else the answer
 * one) falls within `SOON_HOURS`. Pure: the background (staff-watch.ts) fetches the inbox, decides
 * here, notifies when the user opted in, and leaves the counts for the badge.
 */
export const SOON_HOURS = 24;

/** What the watch remembers between polls, for one user and one body. */
export interface StaffInboxState {
  userId: string;
  bodyId: string;
  /** Issues waiting for acknowledgement already seen (notified or absorbed on the first poll). */
  known: string[];
  /** Issues already announced as about to be overdue. */
  warned: string[];
  /** For the badge: issues waiting for acknowledgement now, and those about to be overdue. */
  awaiting: string[];
  soon: string[];
}

export type StaffNoticeKind = 'arrived' | 'soon';
export interface StaffNotice {
  kind: StaffNoticeKind;
  issueId: string;
  title: string;
  cellName: string | null;
  /** The body it sits with, for an administrator watching the whole province (null otherwise). */
  bodyName?: string | null;
  /** The deadline that matters (ISO instant): acknowledgement while unacknowledged, else answer. */
  deadline: string;
}

type WatchedIssue = Pick<
  Issue,
  'id' | 'title' | 'cellName' | 'status' | 'ackDueAt' | 'dueAt' | 'overdue'
> &
  Partial<Pick<Issue, 'responsibleBodyName'>>;

const AWAITING_ACK = new Set(['routed', 'forwarded']);

/** The deadline the body must meet next: acknowledgement while unacknowledged, else the answer. */
export function nextDeadline(i: WatchedIssue): string {
  return AWAITING_ACK.has(i.status) && i.ackDueAt ? i.ackDueAt : i.dueAt;
}

/** Not overdue yet, and its next deadline falls within `SOON_HOURS` of `now`. */
export function isDueSoon(i: WatchedIssue, now: number): boolean {
  if (i.overdue) return false;
  const at = Date.parse(nextDeadline(i));
  return !Number.isNaN(at) && at >= now && at - now <= SOON_HOURS * 3_600_000;
}

/**
 * The next state and the notices of one poll. `awaiting`: the body's issues waiting for
 * acknowledgement; `open`: its acknowledged / in-progress issues whose answer is due soon (the
 * API's `dueWithinDays` filter). The first poll for a user and body absorbs what is there (its
 * counts go on the badge, no notification); an issue that leaves and comes back (returned for
 * clarification, then clarified) is news again.
 */
export function staffInboxStep(
  prev: StaffInboxState | null,
  /** `province`: an administrator's watch of every inbox of the province (notices name the body). */
  ctx: { userId: string; bodyId: string; now: number; province?: boolean },
  awaiting: readonly WatchedIssue[],
  open: readonly WatchedIssue[],
): { state: StaffInboxState; notices: StaffNotice[] } {
  const fresh = !prev || prev.userId !== ctx.userId || prev.bodyId !== ctx.bodyId;
  const known = new Set(fresh ? awaiting.map((i) => i.id) : prev.known);
  const warnedBefore = new Set(fresh ? [] : prev.warned);
  const byId = new Map<string, WatchedIssue>();
  for (const i of [...awaiting, ...open]) byId.set(i.id, i);
  const soon = [...byId.values()].filter((i) => isDueSoon(i, ctx.now));

  const notice = (kind: StaffNoticeKind, i: WatchedIssue): StaffNotice => ({
    kind,
    issueId: i.id,
    title: i.title,
    cellName: i.cellName ?? null,
    ...(ctx.province ? { bodyName: i.responsibleBodyName ?? null } : {}),
    deadline: nextDeadline(i),
  });
  const notices: StaffNotice[] = [];
  if (!fresh) {
    for (const i of awaiting) if (!known.has(i.id)) notices.push(notice('arrived', i));
    const arrived = new Set(notices.map((n) => n.issueId));
    // A new issue already close to its deadline is announced once, as new.
    for (const i of soon)
      if (!warnedBefore.has(i.id) && !arrived.has(i.id)) notices.push(notice('soon', i));
  }
  const state: StaffInboxState = {
    userId: ctx.userId,
    bodyId: ctx.bodyId,
    // Only what is still there is remembered: the lists stay as small as the inbox.
    known: awaiting.map((i) => i.id),
    warned: soon.map((i) => i.id),
    awaiting: awaiting.map((i) => i.id),
    soon: soon.map((i) => i.id),
  };
  return { state, notices };
}

/** Above this many notices at once, one summary notification instead of one each. */
export const MAX_SEPARATE = 3;
export const STAFF_NOTIFICATION_PREFIX = 'duhop-inbox';

export interface PlannedStaffNotification {
  id: string;
  title: string;
  message: string;
  /** The issue to open on a click (none for a summary: the inbox). */
  issueId: string | null;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The notifications for one poll's notices (ids are stable: a repeat replaces, never doubles). */
export function planStaffNotifications(
  notices: readonly StaffNotice[],
  t: Translate,
  locale: Locale,
  now: number,
): PlannedStaffNotification[] {
  if (!notices.length) return [];
  if (notices.length > MAX_SEPARATE) {
    const arrived = notices.filter((n) => n.kind === 'arrived').length;
    return [
      {
        id: `${STAFF_NOTIFICATION_PREFIX}:many:${now}`,
        title: t('sn_manyTitle', { n: notices.length }),
        message: t('sn_manyMessage', { arrived, soon: notices.length - arrived }),
        issueId: null,
      },
    ];
  }
  return notices.map((n) => {
    const due = formatDateTime(n.deadline, locale);
    const where = `${n.cellName ? ` · ${n.cellName}` : ''}${n.bodyName ? ` → ${n.bodyName}` : ''}`;
    const province = n.bodyName !== undefined;
    return {
      id: `${STAFF_NOTIFICATION_PREFIX}:${n.kind}:${n.issueId}`,
      title: t(
        n.kind === 'arrived'
          ? province
            ? 'sn_arrivedProvinceTitle'
            : 'sn_arrivedTitle'
          : 'sn_soonTitle',
      ),
      message: `${clip(n.title, 90)}${where}\n${t('sn_deadline', { date: due })}`,
      issueId: n.issueId,
    };
  });
}

/**
 * The toolbar badge once the outbox and the member's own news have nothing to say: how many
 * issues of the body wait for acknowledgement or are about to be overdue (red when some are).
 */
export function withStaffWork<B extends { text: string; color: string; title: string }>(
  badge: B,
  state: Pick<StaffInboxState, 'awaiting' | 'soon' | 'userId'> | null,
  userId: string | undefined,
  t: Translate,
): B {
  if (badge.text || !state || state.userId !== userId) return badge;
  const total = new Set([...state.awaiting, ...state.soon]).size;
  if (!total) return badge;
  const parts = [
    state.awaiting.length ? t('sn_badgeAwaiting', { n: state.awaiting.length }) : '',
    state.soon.length ? t('sn_badgeSoon', { n: state.soon.length }) : '',
  ].filter(Boolean);
  return {
    ...badge,
    text: String(total),
    color: state.soon.length ? '#b91c1c' : '#0969da',
    title: parts.join(' · '),
  };
}
