import { localDate } from '@duhop/shared';
import { browser } from 'wxt/browser';
import type { DraftRecord } from './db.ts';
import { translator, type Translate } from './i18n/translate.ts';
import {
  deadlineRemindersItem,
  localeItem,
  myUnseenItem,
  sessionItem,
  staffInboxItem,
} from './storage.ts';
import { stillDue, withDeadlineReminders } from './synthesis/reminders.ts';
import { withIssueUpdates } from './triage/my-events.ts';
import { withStaffWork } from './triage/staff-inbox.ts';

/** What the toolbar badge says: how many reports wait to be sent, and whether one needs the member. */
export function badgeFor(
  records: readonly DraftRecord[],
  t: Translate = translator('vi'),
): { text: string; color: string; title: string } {
  const queued = records.filter((r) => r.status === 'queued');
  const needsSignIn = queued.some((r) => r.lastError?.kind === 'auth');
  const returned = records.filter(
    (r) => r.status === 'draft' && r.lastError?.kind === 'rejected',
  ).length;
  if (queued.length) {
    return {
      text: String(queued.length),
      color: needsSignIn ? '#b91c1c' : '#b45309',
      title: t(needsSignIn ? 'badgeSignIn' : 'badgeQueued', { n: queued.length }),
    };
  }
  if (returned) return { text: '!', color: '#b91c1c', title: t('badgeReturned', { n: returned }) };
  return { text: '', color: '#b45309', title: '' };
}

export async function showBadge(records: readonly DraftRecord[]): Promise<void> {
  const locale = await localeItem.getValue();
  const t = translator(locale);
  const [unseen, reminders, session, staff] = await Promise.all([
    myUnseenItem.getValue(),
    deadlineRemindersItem.getValue(),
    sessionItem.getValue(),
    staffInboxItem.getValue(),
  ]);
  // Outbox first, then answered issues, then the cells whose report is still due this month,
  // then (staff) the body's issues waiting for acknowledgement or about to be overdue.
  const due = stillDue(reminders, session?.user.id, localDate(new Date()));
  const b = withStaffWork(
    withDeadlineReminders(withIssueUpdates(badgeFor(records, t), unseen.length, t), due, t, locale),
    staff,
    session?.user.id,
    t,
  );
  await browser.action.setBadgeText({ text: b.text });
  await browser.action.setBadgeBackgroundColor({ color: b.color });
  await browser.action.setTitle({ title: b.title || t('appName') });
}
