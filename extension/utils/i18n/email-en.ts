import type { emailVi } from './email-vi.ts';

/** English texts of the email settings: same keys as email-vi.ts. */
export const emailEn: Record<keyof typeof emailVi, string> = {
  em_title: 'Email notifications',
  em_address: 'Email address',
  em_addressHint: 'Leave it empty to receive no mail.',
  em_immediate: 'Mail me as soon as an issue comes to my body',
  em_digest: 'Daily digest: new, due soon, overdue, answered',
  em_digestHour: 'Digest hour (Vietnam time)',
  em_ownIssues: 'Mail me when an issue I raised is answered or returned',
  em_needAddress: 'Enter an email address to receive notifications',
  em_save: 'Save email settings',
  em_saved: 'Email settings saved.',
  em_serverOff: 'The server does not send mail yet; the settings apply once it does.',
};
