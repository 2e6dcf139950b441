import type { ActionType, BulkActionResult, Issue, OrgUnit } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { errorText, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { describedBy, ErrorSummary, Field } from '../ui/field.tsx';

export interface BulkOutcome {
  type: ActionType;
  results: BulkActionResult['results'];
}

/** The selection's actions: acknowledge, or forward with a target body and a reason. */
export function BulkBar(props: {
  selected: readonly Issue[];
  targets: readonly OrgUnit[];
  busy: boolean;
  onAcknowledge: () => void;
  onForward: (toBodyId: string, note: string) => void;
  onClear: () => void;
}) {
  const t = useT();
  const [forwarding, setForwarding] = useState(false);
  const [toBodyId, setToBodyId] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ body?: string[]; note?: string[] }>({});
  const n = props.selected.length;
  if (!n) return null;

  const submit = (e: Event) => {
    e.preventDefault();
    const errs = {
      ...(toBodyId ? {} : { body: [t('tg_bodyRequired')] }),
      ...(note.trim() ? {} : { note: [t('tg_noteRequired')] }),
    };
    setErrors(errs);
    if (Object.keys(errs).length) return;
    props.onForward(toBodyId, note.trim());
    setForwarding(false);
    setNote('');
  };

  return (
    <section class="bulk-bar" aria-label={t('tg_selected', { n })}>
      <strong>{t('tg_selected', { n })}</strong>
      <button
        type="button"
        class="primary"
        disabled={props.busy}
        onClick={props.onAcknowledge}
        data-bulk="acknowledge"
      >
        {t('tg_bulkAck', { n })}
      </button>
      <button
        type="button"
        disabled={props.busy}
        aria-expanded={forwarding}
        onClick={() => setForwarding(!forwarding)}
        data-bulk="forward"
      >
        {t('tg_bulkForward', { n })}
      </button>
      <button type="button" class="link" onClick={props.onClear}>
        {t('tg_clearSelection')}
      </button>
      {forwarding && (
        <form class="bulk-forward" onSubmit={submit}>
          <Field id="bulk-body" label={t('tg_targetBody')} errors={errors.body}>
            <select
              {...describedBy('bulk-body', errors.body)}
              value={toBodyId}
              onChange={(e) => setToBodyId(e.currentTarget.value)}
            >
              <option value="">{t('tg_chooseBody')}</option>
              {props.targets.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="bulk-note" label={t('tg_noteReason')} errors={errors.note}>
            <textarea
              {...describedBy('bulk-note', errors.note)}
              rows={2}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </Field>
          <ErrorSummary count={Object.values(errors).filter((m) => m?.length).length} />
          <button type="submit" class="primary" disabled={props.busy}>
            {t('tg_confirm')}
          </button>
        </form>
      )}
    </section>
  );
}

/** "Tiếp nhận: 3 thành công" and the items that failed, with the reason for each. */
export function BulkSummary(props: {
  outcome: BulkOutcome;
  titles: ReadonlyMap<string, string>;
  onClose: () => void;
}) {
  const t = useT();
  const { outcome } = props;
  const ok = outcome.results.filter((r) => r.ok).length;
  const failed = outcome.results.filter((r) => !r.ok);
  return (
    <div
      class={`notice notice--${failed.length ? 'warn' : 'ok'}`}
      role="status"
      data-testid="bulk-summary"
    >
      <p>{t('tg_bulkDone', { action: t(`act_${outcome.type}` as MessageKey), ok })}</p>
      {failed.length > 0 && (
        <>
          <p>{t('tg_bulkFailed', { n: failed.length })}</p>
          <ul>
            {failed.map((r) => (
              <li key={r.id}>
                {props.titles.get(r.id) ?? r.id}:{' '}
                {r.error ? errorText(t, r.error.code, r.error.message) : r.status}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" class="link" onClick={props.onClose}>
        {t('close')}
      </button>
    </div>
  );
}
