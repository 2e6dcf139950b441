import { hasRole } from '@duhop/shared';
import { browser } from 'wxt/browser';
import { request } from '../api.ts';
import { translator } from '../i18n/translate.ts';
import { onMessage } from '../messaging.ts';
import { refreshBadge } from '../outbox/outbox-sender.ts';
import {
  adminProvinceWatchItem,
  authExpiredItem,
  localeItem,
  sessionItem,
  staffInboxItem,
  staffNotifyItem,
} from '../storage.ts';
import {
  planStaffNotifications,
  SOON_HOURS,
  STAFF_NOTIFICATION_PREFIX,
  staffInboxStep,
  type StaffNotice,
} from './staff-inbox.ts';

/**
 * The background's watch over the inbox of a staff member's (or leader's) body, as my-watch.ts is
 * for the observer's issues: on an alarm, when the workspace opens or acts, and after signing in,
 * it reads `GET /api/inbox` twice (issues waiting for acknowledgement; acknowledged or in-progress
 * ones whose answer is due within a day), counts them on the badge and, when the user opted in on
 * the options page, raises a desktop notification for each new or about-to-be-overdue issue.
 * An administrator's inbox is the whole province: the same watch reads it with `scope=all`
 * (unless turned off on the options page), and the notices name the body each issue sits with.
 */
export const STAFF_INBOX_ALARM = 'staff-inbox-poll';
export const STAFF_POLL_MINUTES = 5;
const LIMIT = '200';

export interface StaffPollSummary {
  notices: StaffNotice[];
  notified: number;
  awaiting: number;
  soon: number;
}
const NOTHING: StaffPollSummary = { notices: [], notified: 0, awaiting: 0, soon: 0 };

let chain: Promise<unknown> = Promise.resolve();

/** Polls one at a time (alarm, workspace and sign-in may ask together). */
export function staffPollSerial(now: () => number = Date.now): Promise<StaffPollSummary> {
  const next = chain.then(() => staffPollNow(now));
  chain = next.catch(() => undefined);
  return next;
}

async function staffPollNow(now: () => number): Promise<StaffPollSummary> {
  const [session, expired, provinceWatch] = await Promise.all([
    sessionItem.getValue(),
    authExpiredItem.getValue(),
    adminProvinceWatchItem.getValue(),
  ]);
  // Staff and leaders watch their body's inbox; an administrator (who is neither) the province's.
  const ownBody = !!session && hasRole(session.user, 'staff', 'leader');
  const province = !!session && !ownBody && hasRole(session.user, 'admin') && provinceWatch;
  if (!session || (!ownBody && !province)) {
    // Signed out, not staff, or an administrator who turned the watch off: nothing of a
    // previous watch stays on the badge.
    if (await staffInboxItem.getValue()) await staffInboxItem.setValue(null);
    return NOTHING;
  }
  if (expired) return NOTHING;
  const scope = province ? ({ scope: 'all' } as const) : {};
  const [awaiting, open] = await Promise.all([
    request((c) =>
      c.api.inbox.$get({ query: { status: 'routed,forwarded', limit: LIMIT, ...scope } }),
    ),
    request((c) =>
      c.api.inbox.$get({
        query: {
          ...scope,
          status: 'acknowledged,in_progress',
          overdue: 'false',
          dueWithinDays: String(Math.ceil(SOON_HOURS / 24)),
          limit: LIMIT,
        },
      }),
    ),
  ]);
  // Offline or refused: the badge keeps what it knew, nothing is announced.
  if (!awaiting.ok || !open.ok) return NOTHING;

  const prev = await staffInboxItem.getValue();
  const at = now();
  const { state, notices } = staffInboxStep(
    prev,
    {
      userId: session.user.id,
      // Another key for the province: switching between the two starts afresh.
      bodyId: province ? `province:${session.user.orgUnitId}` : session.user.orgUnitId,
      now: at,
      province,
    },
    awaiting.data.items,
    open.data.items,
  );
  let notified = 0;
  if (notices.length && (await staffNotifyItem.getValue())) {
    const locale = await localeItem.getValue();
    for (const n of planStaffNotifications(notices, translator(locale), locale, at)) {
      await browser.notifications
        .create(n.id, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title: n.title,
          message: n.message,
          priority: 1,
        })
        .then(() => notified++)
        .catch(() => undefined);
    }
  }
  if (JSON.stringify(prev) !== JSON.stringify(state)) await staffInboxItem.setValue(state);
  return { notices, notified, awaiting: state.awaiting.length, soon: state.soon.length };
}

/** Where a click on a staff notification leads: the issue in the workspace, or the inbox. */
export function staffNotificationTarget(id: string): string | null {
  if (!id.startsWith(`${STAFF_NOTIFICATION_PREFIX}:`)) return null;
  const [, kind, issueId] = id.split(':');
  return kind === 'many' || !issueId ? '#/inbox' : `#/inbox/${encodeURIComponent(issueId)}`;
}

/** Wiring for background.ts. */
export function setupStaffInboxWatch(): void {
  void browser.alarms.get(STAFF_INBOX_ALARM).then(async (a) => {
    if (!a) await browser.alarms.create(STAFF_INBOX_ALARM, { periodInMinutes: STAFF_POLL_MINUTES });
  });
  browser.alarms.onAlarm.addListener(
    (alarm) => alarm.name === STAFF_INBOX_ALARM && void staffPollSerial(),
  );
  onMessage('staff-inbox/poll', () =>
    staffPollSerial().then((s) => ({ awaiting: s.awaiting, soon: s.soon })),
  );
  sessionItem.watch(() => void staffPollSerial());
  adminProvinceWatchItem.watch(() => void staffPollSerial());
  staffInboxItem.watch(() => void refreshBadge());
  browser.notifications.onClicked.addListener((id) => {
    const target = staffNotificationTarget(id);
    if (!target) return;
    void browser.notifications.clear(id);
    void browser.tabs.create({ url: browser.runtime.getURL(`/workspace.html${target}`) });
  });
  void staffPollSerial();
}
