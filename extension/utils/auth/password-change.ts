import { request, type ApiFailure } from '../api.ts';
import { sendMessage } from '../messaging.ts';
import { flagPasswordChange } from './password-state.ts';
import { authExpiredItem } from '../storage.ts';

/**
 * `POST /api/me/password`. On success this session stays valid (the user's other sessions end),
 * the flag is cleared, and what waited for it (reference data, the outbox) goes ahead.
 */
export async function changePassword(
  currentPassword: string,
  newPassword: string,
): Promise<ApiFailure | null> {
  const res = await request((c) =>
    c.api.me.password.$post({ json: { currentPassword, newPassword } }),
  );
  if (!res.ok) return res;
  await flagPasswordChange(false);
  await authExpiredItem.setValue(false);
  void import('../reference-data.ts').then((r) => r.refreshReference());
  void sendMessage('outbox/flush', { force: true });
  return null;
}
