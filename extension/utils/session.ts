import { call, makeClient, type ApiFailure } from './api.ts';
import { sendMessage } from './messaging.ts';
import { clearReference, refreshReference } from './reference-data.ts';
import { apiBaseItem, authExpiredItem, sessionItem } from './storage.ts';

/**
 * Signs in with the configured API, keeps the token in extension storage, refreshes the cached
 * reference data and asks the background to send what waited for a valid token.
 */
export async function signIn(username: string, password: string): Promise<ApiFailure | null> {
  const base = await apiBaseItem.getValue();
  const res = await call(() => makeClient(base).api.auth.login.$post({ json: { username, password } }));
  if (!res.ok) return res;
  const previous = await sessionItem.getValue();
  if (previous && previous.user.id !== res.data.user.id) await clearReference();
  await sessionItem.setValue({ token: res.data.token, user: res.data.user, expiresAt: res.data.expiresAt });
  await authExpiredItem.setValue(false);
  void refreshReference();
  void sendMessage('outbox/flush', { force: true });
  return null;
}

/** Revokes the token (best effort: offline sign-out still forgets it locally). */
export async function signOut(): Promise<void> {
  const [base, session] = await Promise.all([apiBaseItem.getValue(), sessionItem.getValue()]);
  if (session) await call(() => makeClient(base, session.token, 5_000).api.auth.logout.$post());
  await sessionItem.setValue(null);
  await authExpiredItem.setValue(false);
  await clearReference();
}
