import { hasRole, localDate } from '@duhop/shared';
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { request } from '../api.ts';
import { db } from '../db.ts';
import { translator } from '../i18n/translate.ts';
import { onMessage } from '../messaging.ts';
import { refreshBadge } from '../outbox/outbox-sender.ts';
import { readReference } from '../reference-data.ts';
import { authExpiredItem, deadlineRemindersItem, localeItem, sessionItem } from '../storage.ts';
import {
  dueReminders,
  nextReminderState,
  REMINDER_PREFIX,
  reminderNotifications,
  type DueCell,
} from './reminders.ts';

/**
 * The background's side of the deadline reminders: a few times a day (alarm), when the side panel
 * opens (message) and after signing in, it reads the member's assignments and reports (`/api/me`,
 * `/api/reports`, into the same cache the panel uses), decides with reminders.ts, notifies each
 * cell once a month and leaves the count for the badge. A report submitted from here clears its
 * cell at once (the drafts table is watched).
 */
export const DEADLINE_ALARM = 'deadline-reminders';
export const CHECK_MINUTES = 240;

let chain: Promise<unknown> = Promise.resolve();

/** Checks one at a time (alarm, panel and outbox may ask together). */
export function checkSerial(
  opts: { fetch?: boolean; now?: () => number } = {},
): Promise<DueCell[]> {
  const next = chain.then(() => checkNow(opts.fetch ?? false, opts.now ?? Date.now));
  chain = next.catch(() => undefined);
  return next;
}

async function checkNow(fetchFirst: boolean, now: () => number): Promise<DueCell[]> {
  const [session, expired] = await Promise.all([
    sessionItem.getValue(),
    authExpiredItem.getValue(),
  ]);
  if (!session || !hasRole(session.user, 'observer')) {
    if (await deadlineRemindersItem.getValue()) await deadlineRemindersItem.setValue(null);
    return [];
  }
  if (fetchFirst && !expired) {
    const [me, reports] = await Promise.all([
      request((c) => c.api.me.$get()),
      request((c) => c.api.reports.$get({ query: {} })),
    ]);
    const at = now();
    const rows = [
      me.ok && { key: 'me', value: me.data, fetchedAt: at },
      reports.ok && { key: 'reports', value: reports.data.items, fetchedAt: at },
    ].filter((r) => !!r);
    if (rows.length) await db.cache.bulkPut(rows);
  }
  const ref = await readReference();
  // Nothing known about this member yet (offline since signing in): no reminder rather than a wrong one.
  if (!ref.me || ref.me.user.id !== session.user.id) return [];
  const local = await db.drafts
    .where('status')
    .anyOf('queued', 'submitted')
    .filter((r) => r.userId === session.user.id)
    .toArray();
  const today = localDate(new Date(now()));
  const due = dueReminders({
    assignments: ref.me.assignments,
    orgUnits: ref.orgUnits,
    filed: [
      ...ref.reports,
      ...local.map((r) => ({ cellId: r.data.cellId, meetingDate: r.data.meetingDate })),
    ],
    today,
    reporting: ref.me.reporting,
    userId: session.user.id,
  });
  const prev = await deadlineRemindersItem.getValue();
  const { state, notify } = nextReminderState(prev, session.user.id, today, due);
  const locale = await localeItem.getValue();
  for (const n of reminderNotifications(notify, translator(locale), locale)) {
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
  if (JSON.stringify(prev) !== JSON.stringify(state)) await deadlineRemindersItem.setValue(state);
  return due;
}

/** Wiring for background.ts. */
export function setupDeadlineReminders(): void {
  void browser.alarms.get(DEADLINE_ALARM).then(async (a) => {
    if (!a) await browser.alarms.create(DEADLINE_ALARM, { periodInMinutes: CHECK_MINUTES });
  });
  browser.alarms.onAlarm.addListener(
    (alarm) => alarm.name === DEADLINE_ALARM && void checkSerial({ fetch: true }),
  );
  onMessage('deadline/check', () => checkSerial({ fetch: true }).then((due) => due.length));
  sessionItem.watch(() => void checkSerial({ fetch: true }));
  deadlineRemindersItem.watch(() => void refreshBadge());
  // A report delivered (or queued) from this browser clears its cell without waiting for the alarm.
  liveQuery(() => db.drafts.where('status').anyOf('queued', 'submitted').primaryKeys()).subscribe(
    () => void checkSerial(),
  );
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(REMINDER_PREFIX)) return;
    void browser.notifications.clear(id);
    void browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html#/') });
  });
  void checkSerial({ fetch: true });
}
