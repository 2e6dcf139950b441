import type { panelVi } from './panel-vi.ts';

/** English texts of the side panel alone: same keys as panel-vi.ts. */
export const panelEn: Record<keyof typeof panelVi, string> = {
  wt_title: 'Waiting on you',
  wt_none: 'Nothing is waiting on you.',
  wt_clarify: 'Issue returned, needs clarification',
  wt_clarifyAction: 'Clarify',
  wt_report: 'Report for {month} not sent',
  wt_reportDue: 'Due {date}',
  wt_updatedAt: 'updated {time}',
  sv_title: 'Server',
  sv_none:
    'No server address yet. Type the address your organisation gave you, test the connection, then sign in.',
  sv_current: 'Server: {address}',
  sv_change: 'Change the server address',
  sv_saveCheck: 'Save and test',
  sv_okSaved: 'Connected: {name} version {version}. Address saved, now sign in.',
  sv_managed: 'Server set by your organisation: {address}',
};
