import { sessionItem } from '../storage.ts';

/**
 * A user holding a password someone else knows (a new account, a reset) may do nothing but change
 * it: sign-in says so (`user.mustChangePassword`), and any call may answer 403
 * `PASSWORD_CHANGE_REQUIRED`. Both set the flag on the stored session, so every page (side
 * panel, workspace, options) shows the password form first.
 */
export async function flagPasswordChange(required = true): Promise<void> {
  const session = await sessionItem.getValue();
  if (!session || Boolean(session.user.mustChangePassword) === required) return;
  await sessionItem.setValue({
    ...session,
    user: { ...session.user, mustChangePassword: required },
  });
}
