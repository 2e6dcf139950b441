import { rolesOf, type User } from '@duhop/shared';
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

/**
 * Keeps the stored session's roles as `/api/me` last gave them: a role the admin grants or takes
 * away changes the side panel and the workspace at the next refresh, without signing in again.
 */
export async function keepSessionRoles(user: Pick<User, 'id' | 'role' | 'roles'>): Promise<void> {
  const session = await sessionItem.getValue();
  if (!session || session.user.id !== user.id) return;
  if (session.user.role === user.role && rolesOf(session.user).join() === rolesOf(user).join())
    return;
  await sessionItem.setValue({
    ...session,
    user: { ...session.user, role: user.role, roles: rolesOf(user) },
  });
}
