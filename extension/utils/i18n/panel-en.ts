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
  sv_check: 'Test connection',
  sv_checking: 'Testing…',
  sv_saveCheck: 'Save and test',
  sv_ok: 'Connected: {name} version {version}.',
  sv_okSaved: 'Connected: {name} version {version}. Address saved, now sign in.',
  sv_unreachable:
    'Could not reach {address}: the server is not running, the address is wrong, the network is down or the server’s HTTPS certificate is not valid.',
  sv_timeout: 'The server {address} did not answer within {s} seconds.',
  sv_notDuhop: '{address} answers but is not a Dự họp server. Check the address.',
  sv_unavailable: 'The Dự họp server answers but is out of service: {reason}',
  sv_managed: 'Server set by your organisation: {address}',
};
