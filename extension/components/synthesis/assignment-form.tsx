import type { AssignmentFrequency, AssignmentRecord } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { errorText, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { createAssignment } from '../../utils/synthesis/calls.ts';
import { describedBy, ErrorSummary, Field } from '../ui/field.tsx';
import { Notice } from '../ui/states.tsx';
import { DateInput } from '../ui/date-input.tsx';

export interface Choice {
  id: string;
  name: string;
}

/** A new assignment: member, cell, decision, period, frequency. The server checks scope and overlaps. */
export function AssignmentForm(props: {
  members: Choice[];
  cells: Choice[];
  today: string;
  onSaved: (a: AssignmentRecord) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [form, setForm] = useState({
    userId: '',
    cellId: '',
    decisionNo: '',
    validFrom: props.today,
    validTo: '',
    frequency: 'monthly' as AssignmentFrequency,
    every: '2',
    rotaPosition: '1',
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const errs = (k: string) => failure?.fields?.[k] ?? [];
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const { every, rotaPosition, ...rest } = form;
    const res = await createAssignment({
      ...rest,
      validTo: form.validTo || null,
      ...(form.frequency === 'every_n' ? { every: Number(every) } : {}),
      ...(form.frequency === 'rota' ? { rotaPosition: Number(rotaPosition) } : {}),
    });
    setBusy(false);
    if (!res.ok) return setFailure(res);
    setFailure(null);
    props.onSaved(res.data);
  };

  return (
    <form
      noValidate
      class="card assignment-form"
      onSubmit={save}
      aria-labelledby="as-add-h"
      data-testid="assignment-form"
    >
      <h2 id="as-add-h" style={{ gridColumn: '1 / -1' }}>
        {t('as_add')}
      </h2>
      <Field id="as-user" label={t('as_member')} errors={errs('userId')} hint={t('as_memberHint')}>
        <select
          {...describedBy('as-user', errs('userId'), t('as_memberHint'))}
          required
          value={form.userId}
          onChange={set('userId')}
        >
          <option value="">{t('as_chooseMember')}</option>
          {props.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="as-cell" label={t('as_cell')} errors={errs('cellId')}>
        <select
          {...describedBy('as-cell', errs('cellId'))}
          required
          value={form.cellId}
          onChange={set('cellId')}
        >
          <option value="">{t('as_chooseCell')}</option>
          {props.cells.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="as-decision" label={t('as_decision')} errors={errs('decisionNo')}>
        <input
          {...describedBy('as-decision', errs('decisionNo'))}
          required
          maxLength={100}
          value={form.decisionNo}
          onInput={set('decisionNo')}
        />
      </Field>
      <Field id="as-from" label={t('as_from')} errors={errs('validFrom')}>
        <DateInput
          {...describedBy('as-from', errs('validFrom'))}
          required
          value={form.validFrom}
          onValue={(v) => setForm({ ...form, validFrom: v })}
        />
      </Field>
      <Field id="as-to" label={t('as_to')} errors={errs('validTo')}>
        <DateInput
          {...describedBy('as-to', errs('validTo'))}
          value={form.validTo}
          onValue={(v) => setForm({ ...form, validTo: v })}
        />
      </Field>
      <Field id="as-frequency" label={t('as_frequency')} errors={errs('frequency')}>
        <select
          {...describedBy('as-frequency', errs('frequency'))}
          value={form.frequency}
          onChange={set('frequency')}
        >
          {(['monthly', 'every_n', 'rota'] as const).map((f) => (
            <option key={f} value={f}>
              {t(`freq_${f}` as MessageKey, { n: f === 'every_n' ? 'N' : '…' })}
            </option>
          ))}
        </select>
      </Field>
      {form.frequency === 'every_n' && (
        <Field id="as-every" label={t('as_every')} errors={errs('every')} hint={t('as_everyHint')}>
          <input
            {...describedBy('as-every', errs('every'), t('as_everyHint'))}
            type="number"
            min={2}
            max={12}
            required
            value={form.every}
            onInput={set('every')}
          />
        </Field>
      )}
      {form.frequency === 'rota' && (
        <Field
          id="as-rota"
          label={t('as_rotaPosition')}
          errors={errs('rotaPosition')}
          hint={t('as_rotaHint')}
        >
          <input
            {...describedBy('as-rota', errs('rotaPosition'), t('as_rotaHint'))}
            type="number"
            min={1}
            max={99}
            required
            value={form.rotaPosition}
            onInput={set('rotaPosition')}
          />
        </Field>
      )}
      {failure && !failure.fields && (
        <Notice kind="error">{errorText(t, failure.code, failure.message)}</Notice>
      )}
      {failure?.code === 'ASSIGNMENT_OVERLAP' && <Notice kind="error">{failure.message}</Notice>}
      <ErrorSummary count={Object.keys(failure?.fields ?? {}).length} />
      <p class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('cancel')}
        </button>
      </p>
    </form>
  );
}
