import type { WebhookDeliveryStatus, WebhookEndpoint } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { formatDate, formatNumber, formatTime } from '../../utils/format.ts';
import { type MessageKey, useLocale, useT } from '../../utils/i18n/index.ts';
import { retryDelivery, webhookDeliveries } from '../../utils/webhooks/calls.ts';
import { failureText } from '../admin/common.tsx';
import { PagedTable, useMorePages } from '../admin/paged-table.tsx';
import { eventLabel } from './webhook-form.tsx';

const STATUSES: readonly WebhookDeliveryStatus[] = ['pending', 'delivered', 'failed', 'cancelled'];
const PILL: Record<WebhookDeliveryStatus, string> = {
  pending: 'pill--warn',
  delivered: 'pill--ok',
  failed: 'pill--bad',
  cancelled: '',
};

/** An endpoint's deliveries, newest first: event, status, HTTP code, attempts, last error, time. */
export function DeliveryLog(props: { endpoint: WebhookEndpoint; refreshKey: number }) {
  const t = useT();
  const locale = useLocale();
  const ep = props.endpoint;
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const list = useMorePages(
    (cursor) => webhookDeliveries(ep.id, status, cursor),
    [ep.id, status, props.refreshKey],
  );
  // dd/mm/yyyy HH:mm (the API's instants are in +07:00, so their first ten characters are the local date).
  const when = (iso: string) =>
    `${formatDate(iso.slice(0, 10), locale)} ${formatTime(iso, locale)}`;
  const headId = `wh-log-${ep.id}`;
  const [retryFailure, setRetryFailure] = useState<string | null>(null);
  const retry = async (id: string) => {
    setRetryFailure(null);
    const res = await retryDelivery(id);
    if (!res.ok) return setRetryFailure(failureText(t, res));
    list.reload();
  };
  return (
    <section class="webhook-log" aria-labelledby={headId}>
      <h2 id={headId}>{t('wh_logTitle', { name: ep.name })}</h2>
      <div class="toolbar">
        <select
          aria-label={t('wh_colStatus')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as WebhookDeliveryStatus | '')}
        >
          <option value="">{t('wh_logAll')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`wh_status_${s}` as MessageKey)}
            </option>
          ))}
        </select>
        <button type="button" onClick={list.reload}>
          {t('wh_logReload')}
        </button>
      </div>
      {retryFailure && (
        <p class="errors" role="alert">
          {retryFailure}
        </p>
      )}
      <PagedTable
        list={list}
        labelledBy={headId}
        empty={t('wh_logEmpty')}
        testid="webhook-log"
        head={
          <>
            <th scope="col">{t('wh_colTime')}</th>
            <th scope="col">{t('wh_colEvent')}</th>
            <th scope="col">{t('wh_colStatus')}</th>
            <th scope="col">{t('wh_colHttp')}</th>
            <th scope="col">{t('wh_colAttempts')}</th>
            <th scope="col">{t('wh_colError')}</th>
            <th scope="col">
              <span class="sr-only">{t('adm_actions')}</span>
            </th>
          </>
        }
        row={(d) => (
          <tr key={d.id} data-delivery={d.id}>
            <td>
              {when(d.createdAt)}
              {d.deliveredAt && (
                <small class="hint">{t('wh_deliveredAt', { time: when(d.deliveredAt) })}</small>
              )}
              {d.nextAttemptAt && (
                <small class="hint">{t('wh_nextAttempt', { time: when(d.nextAttemptAt) })}</small>
              )}
            </td>
            <td>
              {eventLabel(t, d.type)}
              {d.issueTitle && <small class="hint">{d.issueTitle}</small>}
            </td>
            <td>
              <span class={`pill ${PILL[d.status]}`}>
                {t(`wh_status_${d.status}` as MessageKey)}
              </span>
            </td>
            <td class="num">{d.httpStatus ?? '—'}</td>
            <td class="num">{formatNumber(d.attempts, locale)}</td>
            <td>
              {d.lastError ?? '—'}
              {d.responseBody && (
                <details>
                  <summary>{t('wh_response')}</summary>
                  <pre class="response-body">{d.responseBody}</pre>
                </details>
              )}
            </td>
            <td>
              {(d.status === 'failed' || d.status === 'cancelled') && (
                <button type="button" onClick={() => void retry(d.id)}>
                  {t('wh_retry')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
