import { browser } from 'wxt/browser';
import type { DraftRecord } from './db.ts';
import { translator, type Translate } from './i18n/translate.ts';
import { localeItem, myUnseenItem } from './storage.ts';
import { withIssueUpdates } from './triage/my-events.ts';

/** What the toolbar badge says: how many reports wait to be sent, and whether one needs the member. */
export function badgeFor(records: readonly DraftRecord[], t: Translate = translator('vi')): { text: string; color: string; title: string } {
  const queued = records.filter((r) => r.status === 'queued');
  const needsSignIn = queued.some((r) => r.lastError?.kind === 'auth');
  const returned = records.filter((r) => r.status === 'draft' && r.lastError?.kind === 'rejected').length;
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
  const t = translator(await localeItem.getValue());
  const b = withIssueUpdates(badgeFor(records, t), (await myUnseenItem.getValue()).length, t);
  await browser.action.setBadgeText({ text: b.text });
  await browser.action.setBadgeBackgroundColor({ color: b.color });
  await browser.action.setTitle({ title: b.title || t('appName') });
}
