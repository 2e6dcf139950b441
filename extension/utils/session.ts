import { call, makeClient, type ApiFailure } from './api.ts';
import { getApiBase, getConnection } from './api-address.ts';
import type { DuhopDb } from './db.ts';
import { loadDb } from './db-lazy.ts';
import { sendMessage } from './messaging.ts';
// Imported on use: the options page signs in and out without loading the criteria logic.
const reference = () => import('./reference-data.ts');
import {
  authExpiredItem,
  currentDraftItem,
  myFeedItem,
  myNotificationsItem,
  myUnseenItem,
  sessionItem,
} from './storage.ts';

/**
 * Signs in with the API in force, keeps the token (with the origin that issued it) in extension
 * storage, refreshes the cached reference data and asks the background to send what waited for a
 * valid token.
 */
export async function signIn(username: string, password: string): Promise<ApiFailure | null> {
  // Loaded while the server answers, so the refresh below starts at once, as a static import would.
  const [base, ref] = await Promise.all([getApiBase(), reference()]);
  const res = await call(() =>
    makeClient(base).api.auth.login.$post({ json: { username, password } }),
  );
  if (!res.ok) return res;
  const previous = await sessionItem.getValue();
  if (previous && previous.user.id !== res.data.user.id) await ref.clearReference();
  await sessionItem.setValue({
    token: res.data.token,
    user: res.data.user,
    expiresAt: res.data.expiresAt,
    apiBase: base,
  });
  await authExpiredItem.setValue(false);
  void ref.refreshReference();
  void sendMessage('outbox/flush', { force: true });
  return null;
}

/** What this device keeps of a user's reports (IndexedDB), as offered for removal at sign-out. */
export interface DeviceReports {
  /** Drafts being written, in the bin, and local copies of reports the server already has. */
  local: number;
  /** Reports in the outbox the server has not confirmed yet: removing them loses them. */
  unsent: number;
}

export async function deviceReports(userId: string, database?: DuhopDb): Promise<DeviceReports> {
  const db = database ?? (await loadDb());
  const mine = await db.drafts.filter((r) => r.userId === userId).toArray();
  const unsent = mine.filter((r) => r.status === 'queued').length;
  return { local: mine.length - unsent, unsent };
}

/**
 * What to remove from this device at sign-out: `none`; `drafts` (drafts, the bin and local copies
 * of sent reports; reports not yet sent stay and go out at the next sign-in); `all` (the unsent
 * ones too, after the user was warned they are lost).
 */
export type SignOutRemoval = 'none' | 'drafts' | 'all';

/** Revokes the token (best effort: offline sign-out still forgets it locally) and removes what was asked. */
export async function signOut(removal: SignOutRemoval = 'none', database?: DuhopDb): Promise<void> {
  const session = await sessionItem.getValue();
  // A session of another address was already revoked there by getConnection.
  const usable = await getConnection();
  if (usable.session)
    await call(() => makeClient(usable.base, usable.session!.token, 5_000).api.auth.logout.$post());
  // What this device keeps of the user goes first: every page shows "signed out" as soon as the
  // session is cleared, and by then the drafts the user chose to remove must be gone.
  if (session && removal !== 'none') {
    const userId = session.user.id;
    const db = database ?? (await loadDb());
    await db.drafts
      .filter((r) => r.userId === userId && (removal === 'all' || r.status !== 'queued'))
      .delete();
    await Promise.all([
      currentDraftItem.setValue(null),
      myFeedItem.setValue(null),
      myUnseenItem.setValue([]),
      myNotificationsItem.setValue([]),
    ]);
  }
  await sessionItem.setValue(null);
  await authExpiredItem.setValue(false);
  await (await reference()).clearReference();
}
