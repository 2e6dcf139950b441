import type { ResidenceMemberRecord, ResidenceStatus } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { errorText, localFields, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { createResidenceMember, updateResidenceMember } from '../../utils/residence/calls.ts';
import { describedBy, ErrorSummary, Field } from '../ui/field.tsx';
import { Notice } from '../ui/states.tsx';
import { DateInput } from '../ui/date-input.tsx';

export interface Choice {
  id: string;
  name: string;
}

export const STATUSES: readonly ResidenceStatus[] = ['active', 'moved', 'transferred', 'left'];

/**
 * Adds a residence member or edits one (status and its date included). The workplace is a unit
 * of the graph or a name typed; the server checks the dates against each other and the scope.
 */
export function ResidenceForm(props: {
  member: ResidenceMemberRecord | null;
  cells: Choice[];
  workplaces: Choice[];
  today: string;
  onSaved: (m: ResidenceMemberRecord, created: boolean) => void;
  onClose: () => void;
}) {
  const t = useT();
  const m = props.member;
  const [form, setForm] = useState({
    fullName: m?.fullName ?? '',
    birthYear: m?.birthYear ? String(m.birthYear) : '',
    cellId: m?.cellId ?? (props.cells.length === 1 ? props.cells[0]!.id : ''),
    kind: m && !m.workplaceUnitId ? 'text' : ('unit' as 'unit' | 'text'),
    workplaceUnitId: m?.workplaceUnitId ?? '',
    workplaceName: m?.workplaceName ?? '',
    introducedOn: m?.introducedOn ?? props.today,
    receivedOn: m?.receivedOn ?? '',
    status: m?.status ?? ('active' as ResidenceStatus),
    statusOn: m?.statusOn ?? '',
    note: m?.note ?? '',
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const fields = failure?.fields ? localFields(t, failure.fields) : {};
  const errs = (k: string) => fields[k] ?? [];
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  const p = m ? `rm-edit-${m.id}` : 'rm-add';

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const body = {
      fullName: form.fullName,
      birthYear: form.birthYear ? Number(form.birthYear) : null,
      cellId: form.cellId,
      workplaceUnitId: form.kind === 'unit' ? form.workplaceUnitId || null : null,
      workplaceName: form.kind === 'text' ? form.workplaceName || null : null,
      introducedOn: form.introducedOn,
      receivedOn: form.receivedOn || null,
      status: form.status,
      statusOn: form.status === 'active' ? null : form.statusOn || null,
      note: form.note || null,
    };
    const res = m ? await updateResidenceMember(m.id, body) : await createResidenceMember(body);
    setBusy(false);
    if (!res.ok) return setFailure(res);
    setFailure(null);
    props.onSaved(res.data, !m);
  };

  const title = m ? t('rm_editOf', { name: m.fullName }) : t('rm_formAdd');
  return (
    <form
      noValidate
      class="card assignment-form residence-form"
      onSubmit={save}
      aria-labelledby={`${p}-h`}
      data-testid="residence-form"
    >
      <h2 id={`${p}-h`} style={{ gridColumn: '1 / -1' }}>
        {title}
      </h2>
      <Field id={`${p}-name`} label={t('rm_fullName')} errors={errs('fullName')}>
        <input
          {...describedBy(`${p}-name`, errs('fullName'))}
          required
          maxLength={120}
          autoComplete="off"
          value={form.fullName}
          onInput={set('fullName')}
        />
      </Field>
      <Field id={`${p}-birth`} label={t('rm_birthYear')} errors={errs('birthYear')}>
        <input
          {...describedBy(`${p}-birth`, errs('birthYear'))}
          type="number"
          min={1920}
          max={2010}
          inputMode="numeric"
          value={form.birthYear}
          onInput={set('birthYear')}
        />
      </Field>
      <Field id={`${p}-cell`} label={t('rm_colCell')} errors={errs('cellId')}>
        <select
          {...describedBy(`${p}-cell`, errs('cellId'))}
          required
          value={form.cellId}
          onChange={set('cellId')}
        >
          <option value="">{t('rm_choose')}</option>
          {props.cells.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <fieldset class="field radio-row">
        <legend>{t('rm_workplaceKind')}</legend>
        {(['unit', 'text'] as const).map((k) => (
          <label key={k} class="check">
            <input
              type="radio"
              name={`${p}-kind`}
              value={k}
              checked={form.kind === k}
              onChange={() => setForm({ ...form, kind: k })}
            />
            {t(k === 'unit' ? 'rm_workplaceUnit' : 'rm_workplaceText')}
          </label>
        ))}
      </fieldset>
      {form.kind === 'unit' ? (
        <Field
          id={`${p}-unit`}
          label={t('rm_workplaceUnitPick')}
          errors={[...errs('workplaceUnitId'), ...errs('workplaceName')]}
        >
          <select
            {...describedBy(`${p}-unit`, [...errs('workplaceUnitId'), ...errs('workplaceName')])}
            required
            value={form.workplaceUnitId}
            onChange={set('workplaceUnitId')}
          >
            <option value="">{t('rm_choose')}</option>
            {props.workplaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <Field id={`${p}-wname`} label={t('rm_workplaceName')} errors={errs('workplaceName')}>
          <input
            {...describedBy(`${p}-wname`, errs('workplaceName'))}
            required
            maxLength={200}
            value={form.workplaceName}
            onInput={set('workplaceName')}
          />
        </Field>
      )}
      <Field id={`${p}-intro`} label={t('rm_introducedOn')} errors={errs('introducedOn')}>
        <DateInput
          {...describedBy(`${p}-intro`, errs('introducedOn'))}
          required
          value={form.introducedOn}
          onValue={(v) => setForm({ ...form, introducedOn: v })}
        />
      </Field>
      <Field id={`${p}-recv`} label={t('rm_receivedOn')} errors={errs('receivedOn')}>
        <DateInput
          {...describedBy(`${p}-recv`, errs('receivedOn'))}
          value={form.receivedOn}
          onValue={(v) => setForm({ ...form, receivedOn: v })}
        />
      </Field>
      <Field id={`${p}-status`} label={t('rm_status')} errors={errs('status')}>
        <select
          {...describedBy(`${p}-status`, errs('status'))}
          value={form.status}
          onChange={set('status')}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`rms_${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      {form.status !== 'active' && (
        <Field id={`${p}-statusOn`} label={t('rm_statusOn')} errors={errs('statusOn')}>
          <DateInput
            {...describedBy(`${p}-statusOn`, errs('statusOn'))}
            required
            value={form.statusOn}
            onValue={(v) => setForm({ ...form, statusOn: v })}
          />
        </Field>
      )}
      <Field id={`${p}-note`} label={t('rm_note')} errors={errs('note')}>
        <input
          {...describedBy(`${p}-note`, errs('note'))}
          maxLength={1000}
          value={form.note}
          onInput={set('note')}
        />
      </Field>
      {failure && !failure.fields && (
        <Notice kind="error">{errorText(t, failure.code, failure.message)}</Notice>
      )}
      <ErrorSummary count={Object.keys(fields).length} />
      <p class="actions" style={{ gridColumn: '1 / -1' }}>
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
