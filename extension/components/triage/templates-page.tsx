import { hasRole, RESPONSIBLE_KINDS, type AnswerTemplate } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { errorText, useT } from '../../utils/i18n/index.ts';
import { sessionItem } from '../../utils/storage.ts';
import { deleteTemplate, listTemplates, saveTemplate } from '../../utils/triage/calls.ts';
import { useOrgUnits } from '../../utils/triage/org-units.ts';
import { useStorageItem } from '../../utils/use-live-query.ts';
import { describedBy, ErrorSummary, Field } from '../ui/field.tsx';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import './triage.css';

type Draft = { title: string; text: string };

/** `#/templates`: the body's answer templates (list, add, edit, delete). The admin picks the body. */
export function TemplatesPage() {
  const t = useT();
  const session = useStorageItem(sessionItem);
  const units = useOrgUnits();
  const [bodyId, setBodyId] = useState('');
  // A failed delete shows until the list is read again.
  const [deleteFailure, setFailure] = useState<ApiFailure | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const isAdmin = !!session && hasRole(session.user, 'admin');

  const { state, reload: load } = useLoader(
    () => {
      setFailure(null);
      return listTemplates(bodyId || undefined);
    },
    [session?.user.id, bodyId],
    { manual: !session || !hasRole(session.user, 'staff', 'leader', 'admin') },
  );
  const items = state.data?.items ?? null;
  const failure = state.status === 'error' ? state.failure : deleteFailure;

  if (!session) return <Loading />;
  if (!hasRole(session.user, 'staff', 'leader', 'admin'))
    return <Notice kind="info">{t('tg_staffOnly')}</Notice>;

  const remove = async (tpl: AnswerTemplate) => {
    const res = await deleteTemplate(tpl.id);
    if (!res.ok) return setFailure(res);
    setMessage(t('tpl_deleted', { title: tpl.title }));
    await load();
  };
  const saved = async (tpl: AnswerTemplate) => {
    setEditing(null);
    setMessage(t('tpl_saved', { title: tpl.title }));
    await load();
  };

  return (
    <section class="templates" aria-labelledby="h-templates">
      <h1 id="h-templates">{t('tpl_title')}</h1>
      <p class="hint">{t('tpl_intro')}</p>
      {isAdmin && (
        <Field id="tpl-bodyid" label={t('tg_body')}>
          <select id="tpl-bodyid" value={bodyId} onChange={(e) => setBodyId(e.currentTarget.value)}>
            <option value="">
              {units.find((u) => u.id === session.user.orgUnitId)?.name ?? '—'}
            </option>
            {units
              .filter((u) => RESPONSIBLE_KINDS.includes(u.kind) && u.id !== session.user.orgUnitId)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
        </Field>
      )}
      {message && <Notice kind="ok">{message}</Notice>}
      {failure &&
        (items ? (
          <Notice kind="error">{errorText(t, failure.code, failure.message)}</Notice>
        ) : (
          <ErrorBox message={errorText(t, failure.code, failure.message)} onRetry={load} />
        ))}
      {!items && !failure && <Loading />}
      {items && (
        <>
          <p>
            <button
              type="button"
              class="primary"
              onClick={() => {
                setMessage(null);
                setEditing('new');
              }}
              disabled={editing === 'new'}
            >
              {t('tpl_new')}
            </button>
          </p>
          {editing === 'new' && (
            <TemplateForm
              idPrefix="tpl-new"
              bodyId={bodyId}
              onSaved={saved}
              onCancel={() => setEditing(null)}
            />
          )}
          {items.length === 0 && editing !== 'new' && <Empty>{t('tpl_empty')}</Empty>}
          <ul class="rows templates-list">
            {items.map((tpl) =>
              editing === tpl.id ? (
                <li key={tpl.id}>
                  <TemplateForm
                    idPrefix={`tpl-${tpl.id}`}
                    template={tpl}
                    bodyId={bodyId}
                    onSaved={saved}
                    onCancel={() => setEditing(null)}
                  />
                </li>
              ) : (
                <TemplateRow
                  key={tpl.id}
                  tpl={tpl}
                  onEdit={() => {
                    setMessage(null);
                    setEditing(tpl.id);
                  }}
                  onDelete={() => void remove(tpl)}
                />
              ),
            )}
          </ul>
        </>
      )}
    </section>
  );
}

function TemplateRow(props: { tpl: AnswerTemplate; onEdit: () => void; onDelete: () => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <li class="row template-row" data-template={props.tpl.id}>
      <div class="grow">
        <strong>{props.tpl.title}</strong>
        <p class="prewrap hint">{props.tpl.text}</p>
      </div>
      <button type="button" onClick={props.onEdit}>
        {t('tpl_edit')}
      </button>
      {confirming ? (
        <>
          <button type="button" class="danger" onClick={props.onDelete}>
            {t('tpl_confirmDelete')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {t('tpl_delete')}
        </button>
      )}
    </li>
  );
}

function TemplateForm(props: {
  idPrefix: string;
  template?: AnswerTemplate;
  bodyId: string;
  onSaved: (t: AnswerTemplate) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const p = props.idPrefix;
  const [draft, setDraft] = useState<Draft>({
    title: props.template?.title ?? '',
    text: props.template?.text ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!draft.title.trim()) local.title = [t('tg_noteRequired')];
    if (!draft.text.trim()) local.text = [t('tg_noteRequired')];
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const json = {
      title: draft.title.trim(),
      text: draft.text.trim(),
      ...(props.bodyId ? { bodyId: props.bodyId } : {}),
    };
    const res = await saveTemplate(props.template?.id, json);
    setBusy(false);
    if (res.ok) return props.onSaved(res.data);
    setErrors(res.fields ?? {});
    setFailure(res);
  };

  return (
    <form noValidate class="card template-form" onSubmit={submit} aria-busy={busy}>
      <Field id={`${p}-title`} label={t('tpl_name')} errors={errors.title}>
        <input
          {...describedBy(`${p}-title`, errors.title)}
          maxLength={200}
          value={draft.title}
          onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
        />
      </Field>
      <Field id={`${p}-text`} label={t('tpl_text')} errors={errors.text}>
        <textarea
          {...describedBy(`${p}-text`, errors.text)}
          rows={5}
          value={draft.text}
          onInput={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
        />
      </Field>
      {failure && (
        <p class="errors" role="alert">
          {errorText(t, failure.code, failure.message)}
        </p>
      )}
      <ErrorSummary count={Object.values(errors).filter((m) => m?.length).length} />
      <p class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </p>
    </form>
  );
}
