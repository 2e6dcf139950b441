import { eq } from 'drizzle-orm';
import { hasRole, type NotificationSettings, type NotificationSettingsInput } from '@duhop/shared';
import type { AuthUser, Deps } from '../../../context.ts';
import { notificationSettings } from '../../../db/schema.ts';
import { validationError, type FieldErrors } from '../../../lib/errors.ts';

const DEFAULTS = { email: null, immediate: false, digest: false, digestHour: 7, ownIssues: false };

/** The caller's email settings (defaults when never saved) and which options apply to them. */
export async function getSettings(deps: Deps, user: AuthUser): Promise<NotificationSettings> {
  const [row] = await deps.db
    .select()
    .from(notificationSettings)
    .where(eq(notificationSettings.userId, user.id))
    .limit(1);
  const s = row ?? DEFAULTS;
  return {
    email: s.email,
    immediate: s.immediate,
    digest: s.digest,
    digestHour: s.digestHour,
    ownIssues: s.ownIssues,
    emailEnabled: deps.config.emailEnabled,
    staff: hasRole(user, 'staff'),
    member: hasRole(user, 'observer'),
  };
}

/**
 * Saves the caller's settings whole. An option needs an address; the staff options are for staff,
 * the own-issue mail for members: anything else is 422 with the field named, and nothing is saved.
 */
export async function putSettings(
  deps: Deps,
  user: AuthUser,
  input: NotificationSettingsInput,
): Promise<NotificationSettings> {
  const fields: FieldErrors = {};
  const staff = hasRole(user, 'staff');
  const member = hasRole(user, 'observer');
  if (input.immediate && !staff)
    fields.immediate = ['Chỉ cán bộ xử lý kiến nghị nhận thư khi có kiến nghị mới'];
  if (input.digest && !staff) fields.digest = ['Chỉ cán bộ xử lý kiến nghị nhận thư tổng hợp'];
  if (input.ownIssues && !member)
    fields.ownIssues = ['Chỉ cấp ủy viên dự họp nhận thư về kiến nghị của mình'];
  if (!input.email && (input.immediate || input.digest || input.ownIssues))
    fields.email = ['Nhập địa chỉ thư để nhận thông báo'];
  if (Object.keys(fields).length) throw validationError(fields);
  const values = { ...input, updatedAt: deps.now() };
  await deps.db
    .insert(notificationSettings)
    .values({ userId: user.id, ...values })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: values });
  return getSettings(deps, user);
}
