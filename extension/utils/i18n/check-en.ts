import type { checkVi } from './check-vi.ts';

/** English texts of the connection check: same keys as check-vi.ts. */
export const checkEn: Record<keyof typeof checkVi, string> = {
  sv_ok: 'Connected: {name} version {version}.',
  sv_unreachable:
    'Could not reach {address}: the server is not running, the address is wrong, the network is down or the server’s HTTPS certificate is not valid.',
  sv_timeout: 'The server {address} did not answer within {s} seconds.',
  sv_notDuhop: '{address} answers but is not a Dự họp server. Check the address.',
  sv_unavailable: 'The Dự họp server answers but is out of service: {reason}',
};
