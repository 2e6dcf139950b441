import { browser } from 'wxt/browser';
import { call, makeClient } from '../api.ts';
import { showBadge } from '../badge.ts';
import { db } from '../db.ts';
import type { FlushSummary } from '../messaging.ts';
import { flushOutbox } from './outbox.ts';
import { getConnection } from '../api-address.ts';
import { authExpiredItem } from '../storage.ts';

/** The background's side of the outbox: sends with the current token, then plans the next try. */
export const RETRY_ALARM = 'outbox-retry';

/** Alarms may be throttled to 30 s in a packed extension: shorter waits also get a timer. */
const SHORT_WAIT_MS = 30_000;
let timer: ReturnType<typeof setTimeout> | undefined;
let chain: Promise<unknown> = Promise.resolve();

/** Runs flushes one after another (a second request waits for the first, then runs). */
export function flushSerial(force = false): Promise<FlushSummary> {
  const next = chain.then(() => flushNow(force));
  chain = next.catch(() => undefined);
  return next;
}

async function flushNow(force: boolean): Promise<FlushSummary> {
  const [{ base, session }, expired] = await Promise.all([
    getConnection(),
    authExpiredItem.getValue(),
  ]);
  let summary: FlushSummary = {
    sent: 0,
    waiting: await db.drafts.where('status').equals('queued').count(),
  };
  // Without a valid token nothing can be delivered: wait for the sign-in (which forces a flush).
  if (session && (!expired || force)) {
    const client = makeClient(base, session.token);
    const out = await flushOutbox({
      userId: session.user.id,
      force,
      send: (payload) => call(() => client.api.reports.$post({ json: payload })),
    });
    if (out.unauthorized) await authExpiredItem.setValue(true);
    await schedule(out.nextAttemptAt);
    summary = { sent: out.delivered, waiting: out.waiting };
  }
  await refreshBadge();
  return summary;
}

/** Plans the next attempt with an alarm (survives the worker sleeping) and, if soon, a timer. */
async function schedule(at: number | null): Promise<void> {
  clearTimeout(timer);
  if (at == null) {
    await browser.alarms.clear(RETRY_ALARM);
    return;
  }
  const when = Math.max(at, Date.now() + 1_000);
  await browser.alarms.create(RETRY_ALARM, { when });
  if (when - Date.now() < SHORT_WAIT_MS)
    timer = setTimeout(() => void flushSerial(), when - Date.now());
}

/** Stops a pending short-wait timer (tests; the alarm remains). */
export function cancelTimer(): void {
  clearTimeout(timer);
}

export async function refreshBadge(): Promise<void> {
  const records = await db.drafts.where('status').anyOf('queued', 'draft').toArray();
  await showBadge(records);
}
