import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { useT } from '../../utils/i18n/index.ts';
import { listWebhooks } from '../../utils/webhooks/calls.ts';
import { PagedTable, useMorePages } from '../admin/paged-table.tsx';
import { Notice } from '../ui/states.tsx';
import { SecretDialog } from './secret-dialog.tsx';
import { WebhookForm } from './webhook-form.tsx';
import { WebhookRow } from './webhook-row.tsx';
import '../admin/admin.css';
import './webhooks.css';

/** `#/admin-webhooks`: the province's webhook endpoints — add, edit, test, delivery log, delete. */
export function WebhooksPage() {
  const t = useT();
  const list = useMorePages(() => listWebhooks(), []);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);

  const saved = (e: WebhookEndpointWithSecret, text: string) => {
    const { secret: s, ...view } = e;
    list.update((items) => items.map((x) => (x.id === e.id ? view : x)));
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
            list.reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {message && <Notice kind="ok">{message}</Notice>}
      <PagedTable
        list={list}
        labelledBy="h-webhooks"
        empty={t('wh_empty')}
        testid="webhooks-table"
        head={
          <>
            <th scope="col">{t('wh_name')}</th>
            <th scope="col">{t('wh_events')}</th>
            <th scope="col">{t('wh_colStatus')}</th>
            <th scope="col">{t('wh_colCounts')}</th>
            <th scope="col">{t('wh_secretMode')}</th>
            <th scope="col">
              <span class="sr-only">{t('adm_actions')}</span>
            </th>
          </>
        }
        row={(e: WebhookEndpoint) => (
          <WebhookRow
            key={e.id}
            endpoint={e}
            onSaved={saved}
            onTested={list.reload}
            onDeleted={(gone) => {
              list.update((items) => items.filter((x) => x.id !== gone.id));
              setMessage(t('wh_deleted', { name: gone.name }));
            }}
          />
        )}
      />
      {secret && (
        <SecretDialog name={secret.name} secret={secret.secret} onClose={() => setSecret(null)} />
      )}
    </section>
  );
}
