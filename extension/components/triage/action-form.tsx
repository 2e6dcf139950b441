import type { ActionType, AnswerTemplate, Issue, OrgUnit } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { errorText, useT, type MessageKey } from '../../utils/i18n/index.ts';
import {
  actionBody,
  actionFields,
  checkAction,
  withTemplate,
  type ActionDraft,
} from '../../utils/triage/actions.ts';
import { postAction } from '../../utils/triage/calls.ts';
import { describedBy, ErrorSummary, Field } from '../ui/field.tsx';

/**
 * The fields of one action (answer text with a template picker and document number; reason;
 * target body) and its submission. The typed text survives a reload after a version conflict:
 * the form stays mounted and sends with the issue's new version.
 */
export function ActionForm(props: {
  issue: Issue;
  type: ActionType;
  idPrefix: string;
  targets?: readonly OrgUnit[];
  templates?: readonly AnswerTemplate[] | null;
  onDone: (issue: Issue) => void;
  onFailure: (failure: ApiFailure) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { type, idPrefix: p } = props;
  const fields = actionFields(type);
  const [draft, setDraft] = useState<ActionDraft>({
    note: '',
    toBodyId: '',
    documentNo: '',
    targetDate: '',
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ActionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const noTemplates = props.templates?.length === 0 ? t('tg_noTemplates') : undefined;

  const submit = async (e: Event) => {
    e.preventDefault();
    const local = checkAction(type, draft);
    if (Object.keys(local).length) {
      setErrors(Object.fromEntries(Object.entries(local).map(([k, v]) => [k, [t(v)]])));
      const form = e.currentTarget as HTMLFormElement;
      requestAnimationFrame(() =>
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setBusy(true);
    setErrors({});
    const res = await postAction(props.issue.id, actionBody(type, draft, props.issue.version));
    setBusy(false);
    if (res.ok) return props.onDone(res.data);
    if (res.fields) setErrors(res.fields);
    props.onFailure(res);
  };

  return (
    <form
      noValidate
      class="action-form card"
      data-action-form={type}
      onSubmit={submit}
      aria-busy={busy}
    >
      <h3>{t(`act_${type}` as MessageKey)}</h3>
      {fields.body && (
        <Field id={`${p}-body`} label={t('tg_targetBody')} errors={errors.toBodyId}>
          <select
            {...describedBy(`${p}-body`, errors.toBodyId)}
            value={draft.toBodyId}
            onChange={(e) => set({ toBodyId: e.currentTarget.value })}
          >
            <option value="">{t('tg_chooseBody')}</option>
            {(props.targets ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {fields.answer && props.templates !== undefined && (
        <Field id={`${p}-tpl`} label={t('tg_template')} hint={noTemplates}>
          <select
            {...describedBy(`${p}-tpl`, [], noTemplates)}
            value=""
            disabled={!props.templates?.length}
            onChange={(e) => {
              const tpl = props.templates?.find((x) => x.id === e.currentTarget.value);
              if (tpl) set({ note: withTemplate(draft.note, tpl.text) });
            }}
          >
            <option value="">
              {props.templates === null ? t('loading') : t('tg_chooseTemplate')}
            </option>
            {(props.templates ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.title}
              </option>
            ))}
          </select>
        </Field>
      )}
      {fields.note && (
        <Field id={`${p}-note`} label={t(fields.note)} errors={errors.note}>
          <textarea
            {...describedBy(`${p}-note`, errors.note)}
            rows={fields.answer ? 6 : 3}
            value={draft.note}
            onInput={(e) => set({ note: e.currentTarget.value })}
          />
        </Field>
      )}
      {fields.targetDate && (
        <Field id={`${p}-target`} label={t('tg_targetDate')} errors={errors.targetDate}>
          <input
            {...describedBy(`${p}-target`, errors.targetDate)}
            inputMode="numeric"
            autoComplete="off"
            placeholder="dd/mm/yyyy"
            maxLength={10}
            class="date-text"
            value={draft.targetDate}
            onInput={(e) => set({ targetDate: e.currentTarget.value })}
          />
        </Field>
      )}
      {fields.answer && (
        <Field id={`${p}-doc`} label={t('tg_documentNo')} errors={errors.documentNo}>
          <input
            {...describedBy(`${p}-doc`, errors.documentNo)}
            maxLength={100}
            value={draft.documentNo}
            onInput={(e) => set({ documentNo: e.currentTarget.value })}
          />
        </Field>
      )}
      <ErrorSummary count={Object.values(errors).filter((m) => m.length).length} />
      <p class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('tg_sending') : t('tg_confirm')}
        </button>
        <button type="button" onClick={props.onCancel} disabled={busy}>
          {t('cancel')}
        </button>
      </p>
    </form>
  );
}

/** The text of a failed action, with the lifecycle's own message for a stale issue. */
export function actionFailureText(t: ReturnType<typeof useT>, f: ApiFailure): string {
  if (f.code === 'VERSION_CONFLICT') return t('tg_versionConflict');
  if (f.code === 'TRANSITION_NOT_ALLOWED') return t('tg_transitionRefused');
  return errorText(t, f.code, f.message);
}
