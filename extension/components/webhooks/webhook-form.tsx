import {
  WebhookEventType,
  type WebhookEndpoint,
  type WebhookEndpointPatch,
  type WebhookEndpointWithSecret,
} from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../../utils/api.ts';
import { fieldMessage, type MessageKey, useT } from '../../utils/i18n/index.ts';
import { createWebhook, patchWebhook } from '../../utils/webhooks/calls.ts';
import { FormFooter } from '../admin/common.tsx';
import { describedBy, Field } from '../ui/field.tsx';

interface Draft {
  name: string;
  url: string;
  events: WebhookEventType[];
  active: boolean;
  secretMode: 'generate' | 'give' | 'keep';
  secret: string;
}

const BOUND = ['name', 'url', 'events', 'secret', 'active'];
export const eventLabel = (t: (k: MessageKey) => string, type: string) =>
  t(`wh_ev_${type}` as MessageKey);

/** Register an endpoint or change one: name, URL, events, on/off, and its secret (generated or given). */
export function WebhookForm(props: {
  idPrefix: string;
  endpoint?: WebhookEndpoint;
  onSaved: (e: WebhookEndpointWithSecret) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const p = props.idPrefix;
  const ep = props.endpoint;
  const [draft, setDraft] = useState<Draft>({
    name: ep?.name ?? '',
    url: ep?.url ?? '',
    events: ep?.events ?? ['issue.routed', 'issue.answered'],
    active: ep?.active ?? true,
    secretMode: ep ? 'keep' : 'generate',
    secret: '',
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft({ ...draft, [k]: v });

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!draft.name.trim()) local.name = [t('required')];
    if (!/^https?:\/\/\S+$/i.test(draft.url.trim())) local.url = [t('wh_errUrl')];
    if (draft.events.length === 0) local.events = [t('wh_errEvents')];
    if (draft.secretMode === 'give' && draft.secret.length < 16) local.secret = [t('wh_errSecret')];
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) {
      document.getElementById(`${p}-${Object.keys(local)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    let res: ApiResult<WebhookEndpointWithSecret>;
    if (ep) {
      const patch: WebhookEndpointPatch = {};
      if (draft.name.trim() !== ep.name) patch.name = draft.name.trim();
      if (draft.url.trim() !== ep.url) patch.url = draft.url.trim();
      if (draft.events.join() !== ep.events.join()) patch.events = draft.events;
      if (draft.active !== ep.active) patch.active = draft.active;
      if (draft.secretMode === 'give') patch.secret = draft.secret;
      if (draft.secretMode === 'generate') patch.rotateSecret = true;
      res = await patchWebhook(ep.id, patch);
    } else {
      res = await createWebhook({
        name: draft.name.trim(),
        url: draft.url.trim(),
        events: draft.events,
        active: draft.active,
        ...(draft.secretMode === 'give' ? { secret: draft.secret } : {}),
      });
    }
    setBusy(false);
    if (res.ok) return props.onSaved(res.data);
    setErrors(res.fields ?? {});
    setFailure(res);
  };

  // Keep the shared order of events whatever order they were ticked in.
  const toggle = (ev: WebhookEventType, on: boolean) =>
    set(
      'events',
      WebhookEventType.options.filter((x) => (x === ev ? on : draft.events.includes(x))),
    );

  return (
    <form
      class="card admin-form webhook-form"
      onSubmit={submit}
      aria-busy={busy}
      aria-label={ep ? `${t('adm_edit')} ${ep.name}` : t('wh_new')}
      noValidate
    >
      <div class="grid2">
        <Field id={`${p}-name`} label={t('wh_name')} errors={errors.name}>
          <input
            {...describedBy(`${p}-name`, errors.name)}
            value={draft.name}
            maxLength={120}
            onInput={(e) => set('name', e.currentTarget.value)}
          />
        </Field>
        <Field id={`${p}-url`} label={t('wh_url')} errors={errors.url} hint={t('wh_urlHint')}>
          <input
            {...describedBy(`${p}-url`, errors.url, 'h')}
            type="url"
            inputMode="url"
            spellcheck={false}
            autoComplete="off"
            value={draft.url}
            onInput={(e) => set('url', e.currentTarget.value)}
          />
        </Field>
      </div>
      <fieldset
        id={`${p}-events`}
        tabIndex={-1}
        class={`field webhook-events ${errors.events ? 'field--invalid' : ''}`}
        aria-describedby={errors.events ? `${p}-events-err` : undefined}
      >
        <legend>{t('wh_events')}</legend>
        {WebhookEventType.options.map((ev) => (
          <label key={ev} class="check">
            <input
              type="checkbox"
              value={ev}
              checked={draft.events.includes(ev)}
              onChange={(e) => toggle(ev, e.currentTarget.checked)}
            />
            {eventLabel(t, ev)} <code>{ev}</code>
          </label>
        ))}
        {errors.events && (
          <ul id={`${p}-events-err`} class="errors">
            {errors.events.map((m) => (
              <li key={m}>{fieldMessage(t, m)}</li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset class="field">
        <legend>{t('wh_secretMode')}</legend>
        {ep && (
          <label class="check">
            <input
              type="radio"
              name={`${p}-secret-mode`}
              checked={draft.secretMode === 'keep'}
              onChange={() => set('secretMode', 'keep')}
            />
            {t('wh_secretEnds', { hint: ep.secretHint.replace('…', '') })}
          </label>
        )}
        <label class="check">
          <input
            type="radio"
            name={`${p}-secret-mode`}
            checked={draft.secretMode === 'generate'}
            onChange={() => set('secretMode', 'generate')}
          />
          {ep ? t('wh_secretRotate') : t('wh_secretGenerate')}
        </label>
        <label class="check">
          <input
            type="radio"
            name={`${p}-secret-mode`}
            checked={draft.secretMode === 'give'}
            onChange={() => set('secretMode', 'give')}
          />
          {t('wh_secretGive')}
        </label>
      </fieldset>
      {draft.secretMode === 'give' && (
        <Field id={`${p}-secret`} label={t('wh_secretInput')} errors={errors.secret}>
          <input
            {...describedBy(`${p}-secret`, errors.secret)}
            type="text"
            autoComplete="off"
            spellcheck={false}
            value={draft.secret}
            onInput={(e) => set('secret', e.currentTarget.value)}
          />
        </Field>
      )}
      <label class="check">
        <input
          id={`${p}-active`}
          type="checkbox"
          checked={draft.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
        />
        {t('wh_activeLabel')}
      </label>
      <FormFooter
        errors={errors}
        bound={BOUND}
        failure={failure}
        submitLabel={ep ? t('save') : t('adm_create')}
        busy={busy}
        onCancel={props.onCancel}
      />
    </form>
  );
}
