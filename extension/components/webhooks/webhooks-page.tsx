import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { useT } from '../../utils/i18n/index.ts';
import { listWebhooks } from '../../utils/webhooks/calls.ts';
import { failureText } from '../admin/common.tsx';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import { SecretDialog } from './secret-dialog.tsx';
import { WebhookForm } from './webhook-form.tsx';
import { WebhookRow } from './webhook-row.tsx';
import '../admin/admin.css';
import './webhooks.css';

/** `#/admin-webhooks`: the province's webhook endpoints — add, edit, test, delivery log, delete. */
export function WebhooksPage() {
  const t = useT();
  const { state, reload, update } = useLoader(() => listWebhooks(), []);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const items = state.data?.items ?? null;

  const saved = (e: WebhookEndpointWithSecret, text: string) => {
    const { secret: s, ...view } = e;
    update((d) => ({ ...d, items: d.items.map((x) => (x.id === e.id ? view : x)) }));
    setMessage(text);
    if (s) setSecret({ name: e.name, secret: s });
  };

  return (
    <section class="admin-page webhooks-page" aria-labelledby="h-webhooks">
      <h1 id="h-webhooks">{t('wh_title')}</h1>
      <p class="hint">{t('wh_intro')}</p>
      <div class="toolbar">
        <span class="grow" />
        <button
          type="button"
          class="primary"
          aria-expanded={creating}
          onClick={() => {
            setMessage(null);
            setCreating(!creating);
          }}
        >
          {t('wh_new')}
        </button>
      </div>
      {creating && (
        <WebhookForm
          idPrefix="wh-new"
          onSaved={(e) => {
            setCreating(false);
            setMessage(t('wh_created', { name: e.name }));
            if (e.secret) setSecret({ name: e.name, secret: e.secret });
            void reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {message && <Notice kind="ok">{message}</Notice>}
      {state.failure &&
        (items ? (
          <Notice kind="error">{failureText(t, state.failure)}</Notice>
        ) : (
          <ErrorBox message={failureText(t, state.failure)} onRetry={() => void reload()} />
        ))}
      {!items && !state.failure && <Loading />}
      {items && items.length === 0 && <Empty>{t('wh_empty')}</Empty>}
      {items && items.length > 0 && (
        <div class="table-scroll">
          <table class="admin-table" data-testid="webhooks-table">
            <thead>
              <tr>
                <th scope="col">{t('wh_name')}</th>
                <th scope="col">{t('wh_events')}</th>
                <th scope="col">{t('wh_colStatus')}</th>
                <th scope="col">{t('wh_colCounts')}</th>
                <th scope="col">{t('wh_secretMode')}</th>
                <th scope="col">
                  <span class="sr-only">{t('adm_actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((e: WebhookEndpoint) => (
                <WebhookRow
                  key={e.id}
                  endpoint={e}
                  onSaved={saved}
                  onTested={() => void reload()}
                  onDeleted={(gone) => {
                    update((d) => ({ ...d, items: d.items.filter((x) => x.id !== gone.id) }));
                    setMessage(t('wh_deleted', { name: gone.name }));
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {secret && (
        <SecretDialog name={secret.name} secret={secret.secret} onClose={() => setSecret(null)} />
      )}
    </section>
  );
}
