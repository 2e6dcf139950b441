import { hasRole } from '@duhop/shared';
import { browser } from 'wxt/browser';
import { request } from '../api.ts';
import { translator } from '../i18n/translate.ts';
import { onMessage } from '../messaging.ts';
import { refreshBadge } from '../outbox/outbox-sender.ts';
import {
  authExpiredItem,
  localeItem,
  myFeedItem,
  myNotificationsItem,
  myUnseenItem,
  sessionItem,
  type MyFeedState,
} from '../storage.ts';
import { noticesFor, planNotifications, type FeedEvent } from './my-events.ts';

/**
 * The background's watch over the observer's issues: it polls `GET /api/my/events` with the last
 * cursor (on an alarm, when the panel opens, after signing in), raises a notification when an
 * issue is answered or returned for clarification, and counts those issues on the badge.
 */
export const MY_EVENTS_ALARM = 'my-events-poll';
export const POLL_MINUTES = 5;
export const WORKSPACE_MENU_ID = 'duhop-open-workspace';
const PAGE = 100;
const MAX_PAGES = 20;
const KEEP_RECORDS = 20;

export interface PollSummary {
  events: number;
  notified: number;
  unseen: number;
}

let chain: Promise<unknown> = Promise.resolve();

/** Polls one at a time (the alarm and the panel may ask together; a cursor is read once). */
export function pollSerial(now: () => number = Date.now): Promise<PollSummary> {
  const next = chain.then(() => pollNow(now));
  chain = next.catch(() => undefined);
  return next;
}

async function pollNow(now: () => number): Promise<PollSummary> {
  const [session, expired] = await Promise.all([
    sessionItem.getValue(),
    authExpiredItem.getValue(),
  ]);
  const unseenBefore = await myUnseenItem.getValue();
  if (!session || expired || !hasRole(session.user, 'observer'))
    return { events: 0, notified: 0, unseen: unseenBefore.length };

  let feed: MyFeedState | null = await myFeedItem.getValue();
  if (!feed || feed.userId !== session.user.id) {
    // Another member on this browser: their history is not news, and the last one's is not theirs.
    feed = { userId: session.user.id, cursor: null, since: now() };
    await Promise.all([
      myFeedItem.setValue(feed),
      myUnseenItem.setValue([]),
      myNotificationsItem.setValue([]),
    ]);
  }

  const events: FeedEvent[] = [];
  let cursor = feed.cursor;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await request((c) =>
      c.api.my.events.$get({
        query: { ...(cursor ? { after: cursor } : {}), limit: String(PAGE) },
      }),
    );
    if (!res.ok) break;
    events.push(...res.data.items);
    cursor = res.data.nextCursor;
    if (res.data.items.length < PAGE) break;
  }

  const notices = noticesFor(events, { userId: session.user.id, since: feed.since });
  const t = translator(await localeItem.getValue());
  const planned = planNotifications(notices, t);
  for (const n of planned) {
    await browser.notifications
      .create(n.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: n.title,
        message: n.message,
        priority: 1,
      })
      .catch(() => undefined);
  }
  const unseen = [...new Set([...unseenBefore, ...notices.map((n) => n.issueId)])];
  if (planned.length) {
    const at = now();
    const records = await myNotificationsItem.getValue();
    await myNotificationsItem.setValue(
      [
        ...planned.map((p) => ({
          id: p.id,
          at,
          title: p.title,
          message: p.message,
          issueIds: p.issueIds,
        })),
        ...records,
      ].slice(0, KEEP_RECORDS),
    );
    await myUnseenItem.setValue(unseen);
  }
  if (cursor !== feed.cursor) await myFeedItem.setValue({ ...feed, cursor });
  return { events: events.length, notified: planned.length, unseen: unseen.length };
}

/** "Mở không gian làm việc" on the toolbar button's menu. */
export function createWorkspaceMenu(): void {
  const t = translator('vi');
  // Created after the capture menu's removeAll (listeners run in order), so it is not swept away.
  browser.contextMenus.create(
    { id: WORKSPACE_MENU_ID, title: t('menuOpenWorkspace'), contexts: ['action'] },
    () => void browser.runtime.lastError,
  );
}

export function openWorkspace(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/workspace.html') });
}

/** Wiring for background.ts: alarm, messages, menu, notification clicks, and a first poll. */
export function setupMyIssuesWatch(): void {
  browser.runtime.onInstalled.addListener(createWorkspaceMenu);
  // Created once: re-creating it each time the worker wakes would keep pushing it back.
  void browser.alarms.get(MY_EVENTS_ALARM).then(async (a) => {
    if (!a) await browser.alarms.create(MY_EVENTS_ALARM, { periodInMinutes: POLL_MINUTES });
  });
  browser.alarms.onAlarm.addListener(
    (alarm) => alarm.name === MY_EVENTS_ALARM && void pollSerial(),
  );
  onMessage('my-events/poll', () => pollSerial());
  sessionItem.watch((s) => s && void pollSerial());
  // The badge counts unseen issues: it follows the panel marking them seen.
  myUnseenItem.watch(() => void refreshBadge());
  browser.contextMenus.onClicked.addListener(
    (info) => info.menuItemId === WORKSPACE_MENU_ID && openWorkspace(),
  );
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith('duhop-issue')) return;
    void browser.notifications.clear(id);
    void browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html#/my-issues') });
  });
  void pollSerial();
}
