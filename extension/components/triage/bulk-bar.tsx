import type { ActionType, BulkActionResult, Issue, OrgUnit } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { errorText, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { actionBody, checkAction } from '../../utils/triage/actions.ts';
import { describedBy, ErrorSummary, Field } from '../ui/field.tsx';

export interface BulkOutcome {
  type: ActionType;
  results: BulkActionResult['results'];
}

/** What "Sẽ giải quyết" sends for every selected issue (the target date already as yyyy-mm-dd). */
export interface BulkSchedule {
  note: string;
  targetDate: string;
  documentNo?: string;
}

/**
 * The selection's actions: acknowledge; forward with a target body and a reason; "Sẽ giải quyết"
 * with one answer and the date by which they will be settled (dd/mm/yyyy, as the single action).
 */
export function BulkBar(props: {
  selected: readonly Issue[];
  targets: readonly OrgUnit[];
  busy: boolean;
  onAcknowledge: () => void;
  onForward: (toBodyId: string, note: string) => void;
  onSchedule: (input: BulkSchedule) => void;
  onClear: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState<'forward' | 'schedule' | null>(null);
  const [toBodyId, setToBodyId] = useState('');
  const [note, setNote] = useState('');
  const [targetDate, setTargetDate] = useState('');
  const [documentNo, setDocumentNo] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'body' | 'note' | 'targetDate', string[]>>>(
    {},
  );
  const n = props.selected.length;
  if (!n) return null;

  const toggle = (which: 'forward' | 'schedule') => {
    setErrors({});
    setOpen(open === which ? null : which);
  };
  const focusFirstError = (form: HTMLFormElement) =>
    requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const submitForward = (e: Event) => {
    e.preventDefault();
    const errs = {
      ...(toBodyId ? {} : { body: [t('tg_bodyRequired')] }),
      ...(note.trim() ? {} : { note: [t('tg_noteRequired')] }),
    };
    setErrors(errs);
    if (Object.keys(errs).length) return focusFirstError(e.currentTarget as HTMLFormElement);
    props.onForward(toBodyId, note.trim());
    setOpen(null);
    setNote('');
  };

  const submitSchedule = (e: Event) => {
    e.preventDefault();
    const draft = { note, toBodyId: '', documentNo, targetDate };
    const local = checkAction('schedule', draft);
    const errs = Object.fromEntries(Object.entries(local).map(([k, v]) => [k, [t(v)]]));
    setErrors(errs);
    if (Object.keys(errs).length) return focusFirstError(e.currentTarget as HTMLFormElement);
    const body = actionBody('schedule', draft, 0);
    props.onSchedule({
      note: body.note!,
      targetDate: body.targetDate!,
      ...(body.documentNo ? { documentNo: body.documentNo } : {}),
    });
    setOpen(null);
    setNote('');
    setTargetDate('');
    setDocumentNo('');
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
        aria-expanded={open === 'forward'}
        onClick={() => toggle('forward')}
        data-bulk="forward"
      >
        {t('tg_bulkForward', { n })}
      </button>
      <button
        type="button"
        disabled={props.busy}
        aria-expanded={open === 'schedule'}
        onClick={() => toggle('schedule')}
        data-bulk="schedule"
      >
        {t('tg_bulkSchedule', { n })}
      </button>
      <button type="button" class="link" onClick={props.onClear}>
        {t('tg_clearSelection')}
      </button>
      {open === 'forward' && (
        <form noValidate class="bulk-forward" onSubmit={submitForward}>
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
      {open === 'schedule' && (
        <form noValidate class="bulk-schedule" onSubmit={submitSchedule} data-bulk-form="schedule">
          <Field id="bulk-answer" label={t('tg_noteAnswer')} errors={errors.note}>
            <textarea
              {...describedBy('bulk-answer', errors.note)}
              rows={3}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </Field>
          <Field id="bulk-target" label={t('tg_targetDate')} errors={errors.targetDate}>
            <input
              {...describedBy('bulk-target', errors.targetDate)}
              inputMode="numeric"
              autoComplete="off"
              placeholder="dd/mm/yyyy"
              maxLength={10}
              class="date-text"
              value={targetDate}
              onInput={(e) => setTargetDate(e.currentTarget.value)}
            />
          </Field>
          <Field id="bulk-doc" label={t('tg_documentNo')}>
            <input
              {...describedBy('bulk-doc', [])}
              maxLength={100}
              value={documentNo}
              onInput={(e) => setDocumentNo(e.currentTarget.value)}
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
