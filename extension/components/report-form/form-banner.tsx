import type { DraftRecord } from '../../utils/db.ts';
import { reissueDraft } from '../../utils/report/draft-store.ts';
import { navigate } from '../../utils/hash-route.ts';
import { formatDateTime } from '../../utils/format.ts';
import { errorText, fieldMessage, useLocale, useT } from '../../utils/i18n/index.ts';
import { sendMessage } from '../../utils/messaging.ts';
import { Notice } from '../ui/states.tsx';

/** Where the report stands: queued, sent, or returned by the server (with what to do about it). */
export function FormBanner(props: { record: DraftRecord }) {
  const t = useT();
  const locale = useLocale();
  const r = props.record;
  if (r.status === 'queued') {
    return (
      <Notice kind="info">
        <p>{t('queuedNotice')}</p>
        {r.lastError && (
          <p class="error-text">{errorText(t, r.lastError.code, r.lastError.message)}</p>
        )}
        {r.lastError?.kind === 'limit' && r.nextAttemptAt && (
          <p>{t('dailyLimitNotice', { time: formatDateTime(r.nextAttemptAt, locale) })}</p>
        )}
        <button type="button" onClick={() => void sendMessage('outbox/flush', { force: true })}>
          {t('sendNow')}
        </button>
      </Notice>
    );
  }
  if (r.status === 'submitted') {
    return (
      <Notice kind="ok">
        <button type="button" onClick={() => navigate('report', r.id)}>
          {t('reportTitle')}
        </button>
      </Notice>
    );
  }
  if (r.status === 'draft' && r.lastError?.kind === 'rejected') {
    const conflict = r.lastError.status === 409;
    const other = Object.entries(r.serverErrors ?? {}).filter(
      ([path]) => !path.includes('.') && !['startedAt', 'endedAt', 'cellSelfScore'].includes(path),
    );
    return (
      <Notice kind="error">
        <p>
          {t('returnedNotice', { message: errorText(t, r.lastError.code, r.lastError.message) })}
        </p>
        {conflict && <p>{t('conflictNotice')}</p>}
        {other.length > 0 && (
          <ul>
            {other.map(([path, msgs]) => (
              <li key={path}>{msgs.map((m) => fieldMessage(t, m)).join('; ')}</li>
            ))}
          </ul>
        )}
        {conflict && (
          <button
            type="button"
            onClick={async () => await reissueDraft(r.id).then((id) => id && navigate('draft', id))}
          >
            {t('sendAsNew')}
          </button>
        )}
      </Notice>
    );
  }
  return null;
}
