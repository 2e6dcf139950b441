import type { accountVi } from './account-vi.ts';

/** English texts of the password change: same keys as account-vi.ts. */
export const accountEn: Record<keyof typeof accountVi, string> = {
  pw_title: 'Change password',
  pw_required: 'An administrator set this password. Choose your own before going on.',
  pw_current: 'Current password',
  pw_new: 'New password',
  pw_again: 'New password again',
  pw_hint: 'At least 8 characters, different from the current one.',
  pw_submit: 'Change password',
  pw_done: 'Password changed. Your other sessions have ended.',
  pw_tooShort: 'A password has at least 8 characters',
  pw_same: 'The new password must differ from the current one',
  pw_mismatch: 'The two new passwords differ',
};
