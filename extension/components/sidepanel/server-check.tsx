import type { useT } from '../../utils/i18n/index.ts';
import { CHECK_TIMEOUT_MS, type ServerCheck } from '../../utils/server-check.ts';

export type ServerCheckShown = { kind: 'ok' | 'error'; text: string } | null;

/**
 * What "Kiểm tra kết nối" says about `origin` (the side panel's sign-in and the options page):
 * a duhop server and its version, or why not. `saved`: the address was saved by the check.
 */
export function serverCheckText(
  t: ReturnType<typeof useT>,
  origin: string,
  r: ServerCheck,
  okSaved?: string,
): ServerCheckShown {
  if (r.ok)
    return { kind: 'ok', text: okSaved ?? t('sv_ok', { name: r.name, version: r.version }) };
  if (r.reason === 'timeout')
    return {
      kind: 'error',
      text: t('sv_timeout', { address: origin, s: CHECK_TIMEOUT_MS / 1000 }),
    };
  if (r.reason === 'unavailable')
    return { kind: 'error', text: t('sv_unavailable', { reason: r.message }) };
  if (r.reason === 'not-duhop')
    return { kind: 'error', text: t('sv_notDuhop', { address: origin }) };
  return { kind: 'error', text: t('sv_unreachable', { address: origin }) };
}

/** The check's answer: a status line when it connects, an alert when it does not. */
export function ServerCheckResult(props: { shown: ServerCheckShown }) {
  const { shown } = props;
  if (!shown) return null;
  return (
    <p
      class={`notice ${shown.kind === 'ok' ? 'notice--ok' : 'notice--error'}`}
      role={shown.kind === 'ok' ? 'status' : 'alert'}
      data-testid="server-check"
    >
      {shown.text}
    </p>
  );
}
