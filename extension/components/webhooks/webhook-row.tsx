import type { WebhookEndpoint, WebhookEndpointWithSecret, WebhookTestResult } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { formatNumber } from '../../utils/format.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import { deleteWebhook, testWebhook } from '../../utils/webhooks/calls.ts';
import { failureText } from '../admin/common.tsx';
import { ConfirmDialog } from '../admin/confirm-dialog.tsx';
import { Notice } from '../ui/states.tsx';
import { DeliveryLog } from './delivery-log.tsx';
import { eventLabel, WebhookForm } from './webhook-form.tsx';

type Mode = 'view' | 'edit' | 'log';
const COLS = 6;

/** One endpoint: its facts, then edit, send a test event (with its result), the log, delete. */
export function WebhookRow(props: {
  endpoint: WebhookEndpoint;
  onSaved: (e: WebhookEndpointWithSecret, message: string) => void;
  onDeleted: (e: WebhookEndpoint) => void;
  /** After a test event: its delivery changes the endpoint's counts. */
  onTested: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const ep = props.endpoint;
  const [mode, setMode] = useState<Mode>('view');
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<WebhookTestResult | ApiFailure | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const sendTest = async () => {
    setTesting(true);
    setTest(null);
    const res = await testWebhook(ep.id);
    setTesting(false);
    setTest(res.ok ? res.data : res);
    setRefresh((n) => n + 1);
    props.onTested();
  };
  const remove = async () => {
    setBusy(true);
    setFailure(null);
    const res = await deleteWebhook(ep.id);
    setBusy(false);
    if (!res.ok) return setFailure(res);
    setConfirming(false);
    props.onDeleted(ep);
  };
  const n = (x: number) => formatNumber(x, locale);

  return (
    <>
      <tr data-webhook={ep.name} class={ep.active ? '' : 'row--inactive'}>
        <th scope="row">
          {ep.name}
          <small class="hint mono webhook-url">{ep.url}</small>
        </th>
        <td>
          <ul class="plain-list">
            {ep.events.map((ev) => (
              <li key={ev}>{eventLabel(t, ev)}</li>
            ))}
          </ul>
        </td>
        <td>
          {ep.active ? (
            <span class="pill pill--ok">{t('wh_active')}</span>
          ) : (
            <span class="pill pill--bad">{t('wh_inactive')}</span>
          )}
        </td>
        <td class="num">
          {n(ep.counts.delivered)} / {n(ep.counts.pending)} / {n(ep.counts.failed)}
        </td>
        <td class="mono">{ep.secretHint}</td>
        <td class="row-actions">
          <button
            type="button"
            aria-expanded={mode === 'edit'}
            aria-label={`${t('adm_edit')} ${ep.name}`}
            onClick={() => setMode(mode === 'edit' ? 'view' : 'edit')}
          >
            {t('adm_edit')}
          </button>
          <button type="button" onClick={() => void sendTest()} disabled={testing || !ep.active}>
            {testing ? t('wh_testing') : t('wh_test')}
          </button>
          <button
            type="button"
            aria-expanded={mode === 'log'}
            onClick={() => setMode(mode === 'log' ? 'view' : 'log')}
          >
            {mode === 'log' ? t('wh_logHide') : t('wh_log')}
          </button>
          <button
            type="button"
            class="danger"
            onClick={() => {
              setFailure(null);
              setConfirming(true);
            }}
          >
            {t('wh_delete')}
          </button>
        </td>
      </tr>
      {(testing || test) && (
        <tr class="row-detail">
          <td colSpan={COLS}>
            <TestResult testing={testing} result={test} />
          </td>
        </tr>
      )}
      {mode === 'edit' && (
        <tr class="row-detail">
          <td colSpan={COLS}>
            <WebhookForm
              idPrefix={`wh-${ep.id}`}
              endpoint={ep}
              onSaved={(saved) => {
                setMode('view');
                props.onSaved(saved, t('wh_saved', { name: saved.name }));
              }}
              onCancel={() => setMode('view')}
            />
          </td>
        </tr>
      )}
      {mode === 'log' && (
        <tr class="row-detail">
          <td colSpan={COLS}>
            <DeliveryLog endpoint={ep} refreshKey={refresh} />
          </td>
        </tr>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('wh_deleteTitle', { name: ep.name })}
        confirmLabel={t('wh_delete')}
        danger
        busy={busy}
        error={failure && failureText(t, failure)}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('wh_deleteBody')}</p>
      </ConfirmDialog>
    </>
  );
}

function TestResult(props: { testing: boolean; result: WebhookTestResult | ApiFailure | null }) {
  const t = useT();
  const r = props.result;
  if (props.testing || !r) return <Notice kind="info">{t('wh_testing')}</Notice>;
  if (!('deliveryId' in r)) return <Notice kind="error">{failureText(t, r)}</Notice>;
  return r.ok ? (
    <Notice kind="ok">{t('wh_testOk', { status: r.httpStatus ?? '', ms: r.durationMs })}</Notice>
  ) : (
    <Notice kind="error">
      {t('wh_testFail', { error: r.error ?? '' })}
      {r.responseBody && <pre class="response-body">{r.responseBody}</pre>}
    </Notice>
  );
}
