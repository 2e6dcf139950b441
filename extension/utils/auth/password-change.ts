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
  // Loaded while the server answers (the options page does not load it at start).
  const [res, ref] = await Promise.all([
    request((c) => c.api.me.password.$post({ json: { currentPassword, newPassword } })),
    import('../reference-data.ts'),
  ]);
  if (!res.ok) return res;
  await flagPasswordChange(false);
  await authExpiredItem.setValue(false);
  void ref.refreshReference();
  void sendMessage('outbox/flush', { force: true });
  return null;
}
