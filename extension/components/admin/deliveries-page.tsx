import type { DeliveryEntry, DeliveryKind, DeliveryStatus } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { listDeliveries, retryDelivery } from '../../utils/admin/calls.ts';
import { formatDateTime } from '../../utils/format.ts';
import { hashQuery, replaceHashQuery } from '../../utils/hash-route.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { Notice } from '../ui/states.tsx';
import { failureText } from './common.tsx';
import { PagedTable, Pager, useCursorPages } from './paged-table.tsx';
import './admin.css';

const KINDS: readonly DeliveryKind[] = ['email', 'webhook'];
const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed', 'cancelled'];

function initial<T extends string>(name: string, allowed: readonly T[]): T | '' {
  const v = new URLSearchParams(hashQuery()).get(name);
  return allowed.includes(v as T) ? (v as T) : '';
}

/**
 * `#/admin-deliveries?kind=&status=`: the outbox's mails and webhook calls of the admin's
 * province, newest first, with attempts and the last error; "Gửi lại" for those not delivered.
 */
export function DeliveriesPage() {
  const t = useT();
  const locale = useLocale();
  const [kind, setKind] = useState(() => initial('kind', KINDS));
  const [status, setStatus] = useState(() => initial('status', STATUSES));
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const pages = useCursorPages((cursor) => listDeliveries(cursor, kind, status), [kind, status]);
  const filter = (k: typeof kind, s: typeof status) => {
    setKind(k);
    setStatus(s);
    pages.first();
    replaceHashQuery(
      new URLSearchParams({ ...(k ? { kind: k } : {}), ...(s ? { status: s } : {}) }).toString(),
    );
  };
  const retry = async (d: DeliveryEntry) => {
    setBusy(d.id);
    setMessage(null);
    const res = await retryDelivery(d.id);
    setBusy(null);
    if (!res.ok) return setMessage({ kind: 'error', text: failureText(t, res) });
    setMessage({ kind: 'ok', text: t('adm_dlvRetried', { what: d.summary }) });
    pages.reload();
  };

  return (
    <section class="admin-page" aria-labelledby="h-dlv">
      <h1 id="h-dlv">{t('adm_dlvTitle')}</h1>
      <p class="hint">{t('adm_dlvIntro')}</p>
      <div class="toolbar">
        <select
          aria-label={t('adm_dlvKind')}
          value={kind}
          onChange={(e) => filter(e.currentTarget.value as typeof kind, status)}
        >
          <option value="">{t('adm_dlvKindAll')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`adm_dlvKind_${k}` as MessageKey)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('adm_dlvStatus')}
          value={status}
          onChange={(e) => filter(kind, e.currentTarget.value as typeof status)}
        >
          <option value="">{t('adm_dlvStatusAll')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`adm_dlvStatus_${s}` as MessageKey)}
            </option>
          ))}
        </select>
        <span class="grow" />
        <Pager pages={pages} />
      </div>
      <div aria-live="polite">{message && <Notice kind={message.kind}>{message.text}</Notice>}</div>
      <PagedTable
        list={pages}
        labelledBy="h-dlv"
        empty={t('adm_dlvEmpty')}
        testid="deliveries-table"
        head={
          <>
            <th scope="col">{t('adm_dlvCreated')}</th>
            <th scope="col">{t('adm_dlvKind')}</th>
            <th scope="col">{t('adm_dlvWhat')}</th>
            <th scope="col">{t('adm_dlvTarget')}</th>
            <th scope="col">{t('adm_dlvStatus')}</th>
            <th scope="col">{t('adm_dlvAttempts')}</th>
            <th scope="col">{t('adm_dlvError')}</th>
            <th scope="col">{t('adm_actions')}</th>
          </>
        }
        row={(d) => (
          <tr key={d.id} data-status={d.status}>
            <td>{formatDateTime(d.createdAt, locale)}</td>
            <td>{t(`adm_dlvKind_${d.kind}` as MessageKey)}</td>
            <td>{d.summary}</td>
            <td>{d.targetName ?? '—'}</td>
            <td>
              {t(`adm_dlvStatus_${d.status}` as MessageKey)}
              {d.deliveredAt && (
                <div class="hint">
                  {t('adm_dlvDelivered', { at: formatDateTime(d.deliveredAt, locale) })}
                </div>
              )}
              {d.nextAttemptAt && d.attempts > 0 && (
                <div class="hint">
                  {t('adm_dlvNext', { at: formatDateTime(d.nextAttemptAt, locale) })}
                </div>
              )}
            </td>
            <td>{d.attempts.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB')}</td>
            <td class="wrap-anywhere">{d.lastError ?? ''}</td>
            <td>
              {d.status !== 'delivered' && (
                <button
                  type="button"
                  disabled={busy === d.id}
                  aria-label={t('adm_dlvRetryLabel', { what: d.summary })}
                  onClick={() => void retry(d)}
                >
                  {t('adm_dlvRetry')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
