import type { ActionType, EventFeed } from '@duhop/shared';
import type { MessageKey, Translate } from '../i18n/translate.ts';

/**
 * Which events of the observer's feed deserve a browser notification, and what it says. Pure:
 * the background (my-watch.ts) fetches, decides here, then notifies and counts on the badge.
 */
export type FeedEvent = EventFeed['items'][number];

/** Answers (resolve, schedule, explain, reject) and a return for clarification. */
export const NOTIFY_TYPES: readonly ActionType[] = [
  'resolve',
  'schedule',
  'explain',
  'reject',
  'return_for_clarification',
];

export interface IssueNotice {
  issueId: string;
  issueTitle: string;
  eventId: string;
  type: ActionType;
  note: string | null;
}

/**
 * One notice per issue: its latest answer or return, unless the observer acted on the issue after
 * it (a clarification or a reopening already answered it), or it happened before `since` (the
 * first poll after signing in absorbs the history silently). Events come oldest first.
 */
export function noticesFor(
  events: readonly FeedEvent[],
  ctx: { userId: string; since: number },
): IssueNotice[] {
  const latest = new Map<string, IssueNotice | null>();
  for (const e of events) {
    if (e.actorId === ctx.userId) {
      latest.set(e.issueId, null);
      continue;
    }
    if (!NOTIFY_TYPES.includes(e.type as ActionType)) continue;
    const at = Date.parse(e.at);
    if (Number.isNaN(at) || at < ctx.since) continue;
    // Re-inserted so the notices come in the order of their latest event.
    latest.delete(e.issueId);
    latest.set(e.issueId, {
      issueId: e.issueId,
      issueTitle: e.issueTitle,
      eventId: e.id,
      type: e.type as ActionType,
      note: e.note,
    });
  }
  return [...latest.values()].filter((n): n is IssueNotice => n !== null);
}

/** Above this many notices at once, one summary notification instead of one each. */
export const MAX_SEPARATE = 3;

export interface PlannedNotification {
  id: string;
  title: string;
  message: string;
  issueIds: string[];
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The notifications to raise for a batch of notices (ids are stable: a repeat replaces, never doubles). */
export function planNotifications(
  notices: readonly IssueNotice[],
  t: Translate,
): PlannedNotification[] {
  if (notices.length > MAX_SEPARATE) {
    return [
      {
        id: `duhop-issues:${notices[notices.length - 1]!.eventId}`,
        title: t('notif_manyTitle', { n: notices.length }),
        message: t('notif_manyMessage'),
        issueIds: notices.map((n) => n.issueId),
      },
    ];
  }
  return notices.map((n) => {
    const returned = n.type === 'return_for_clarification';
    const label = t(`ev_${n.type}` as MessageKey);
    const body = n.note ? `${label}: ${clip(n.note, 160)}` : label;
    return {
      id: `duhop-issue:${n.issueId}:${n.eventId}`,
      title: t(returned ? 'notif_returnedTitle' : 'notif_answeredTitle'),
      message: `${clip(n.issueTitle, 80)}\n${body}`,
      issueIds: [n.issueId],
    };
  });
}

/** The toolbar badge once the outbox has nothing to say: how many of the observer's issues changed. */
export function withIssueUpdates<B extends { text: string; color: string; title: string }>(
  outbox: B,
  unseen: number,
  t: Translate,
): B {
  if (outbox.text || unseen <= 0) return outbox;
  return {
    ...outbox,
    text: String(unseen),
    color: '#0969da',
    title: t('badgeUpdates', { n: unseen }),
  };
}
