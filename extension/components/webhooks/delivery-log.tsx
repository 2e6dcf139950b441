import type { WebhookDeliveryStatus, WebhookEndpoint } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { formatDate, formatNumber, formatTime } from '../../utils/format.ts';
import { type MessageKey, useLocale, useT } from '../../utils/i18n/index.ts';
import { retryDelivery, webhookDeliveries } from '../../utils/webhooks/calls.ts';
import { failureText } from '../admin/common.tsx';
import { Empty, ErrorBox, Loading } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
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
  const { state, reload, more } = useLoader(
    () => webhookDeliveries(ep.id, status),
    [ep.id, status, props.refreshKey],
  );
  const items = state.data?.items ?? null;
  const next = state.data?.nextCursor ?? null;
  // dd/mm/yyyy HH:mm (the API's instants are in +07:00, so their first ten characters are the local date).
  const when = (iso: string) =>
    `${formatDate(iso.slice(0, 10), locale)} ${formatTime(iso, locale)}`;
  const headId = `wh-log-${ep.id}`;
  const [retryFailure, setRetryFailure] = useState<string | null>(null);
  const retry = async (id: string) => {
    setRetryFailure(null);
    const res = await retryDelivery(id);
    if (!res.ok) return setRetryFailure(failureText(t, res));
    void reload();
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
        <button type="button" onClick={() => void reload()}>
          {t('wh_logReload')}
        </button>
      </div>
      {retryFailure && (
        <p class="errors" role="alert">
          {retryFailure}
        </p>
      )}
      {state.failure && !items && (
        <ErrorBox message={failureText(t, state.failure)} onRetry={() => void reload()} />
      )}
      {!items && !state.failure && <Loading />}
      {items && items.length === 0 && <Empty>{t('wh_logEmpty')}</Empty>}
      {items && items.length > 0 && (
        <div class="table-scroll">
          <table class="admin-table" data-testid="webhook-log">
            <thead>
              <tr>
                <th scope="col">{t('wh_colTime')}</th>
                <th scope="col">{t('wh_colEvent')}</th>
                <th scope="col">{t('wh_colStatus')}</th>
                <th scope="col">{t('wh_colHttp')}</th>
                <th scope="col">{t('wh_colAttempts')}</th>
                <th scope="col">{t('wh_colError')}</th>
                <th scope="col">
                  <span class="sr-only">{t('adm_actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} data-delivery={d.id}>
                  <td>
                    {when(d.createdAt)}
                    {d.deliveredAt && (
                      <small class="hint">
                        {t('wh_deliveredAt', { time: when(d.deliveredAt) })}
                      </small>
                    )}
                    {d.nextAttemptAt && (
                      <small class="hint">
                        {t('wh_nextAttempt', { time: when(d.nextAttemptAt) })}
                      </small>
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
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <p>
          <button
            type="button"
            onClick={() =>
              void more(
                () => webhookDeliveries(ep.id, status, next),
                (d, page) => ({ ...page, items: [...d.items, ...page.items] }),
              )
            }
          >
            {t('tg_loadMore')}
          </button>
        </p>
      )}
    </section>
  );
}
