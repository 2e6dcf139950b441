import type { ResidenceMemberRecord, ResidenceRating } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { errorText, localFields, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { correctAssessment, recordAssessment } from '../../utils/residence/calls.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { Notice } from '../ui/states.tsx';

/**
 * The cell's assessment of a member for the year: completed well or not (then with the reasons).
 * Records it the first time, corrects it afterwards (the server keeps what it said in the audit).
 */
export function AssessmentForm(props: {
  member: ResidenceMemberRecord;
  year: number;
  onSaved: (m: ResidenceMemberRecord) => void;
  onClose: () => void;
}) {
  const t = useT();
  const m = props.member;
  const [rating, setRating] = useState<ResidenceRating>(m.assessment?.rating ?? 'good');
  const [reasons, setReasons] = useState(m.assessment?.reasons ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const fields = failure?.fields ? localFields(t, failure.fields) : {};
  const p = `rm-assess-${m.id}`;

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const body = { rating, reasons: reasons.trim() || null };
    const res = m.assessment
      ? await correctAssessment(m.id, props.year, body)
      : await recordAssessment(m.id, { year: props.year, ...body });
    setBusy(false);
    if (!res.ok) return setFailure(res);
    props.onSaved(res.data);
  };

  return (
    <form noValidate class="card assessment-form" onSubmit={save} aria-labelledby={`${p}-h`}>
      <h2 id={`${p}-h`}>
        {t('rm_assessOf', { name: m.fullName })} — {props.year}
      </h2>
      <fieldset class="radio-row">
        <legend class="sr-only">{t('rm_colAssessment', { year: props.year })}</legend>
        {(['good', 'not_good'] as const).map((r) => (
          <label key={r} class="check">
            <input
              type="radio"
              name={`${p}-rating`}
              value={r}
              checked={rating === r}
              onChange={() => setRating(r)}
            />
            {t(`rmr_${r}Long` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <Field id={`${p}-reasons`} label={t('rm_reasons')} errors={fields.reasons ?? []}>
        <textarea
          {...describedBy(`${p}-reasons`, fields.reasons ?? [])}
          rows={2}
          maxLength={2000}
          required={rating === 'not_good'}
          value={reasons}
          onInput={(e) => setReasons(e.currentTarget.value)}
        />
      </Field>
      {fields.year && <Notice kind="error">{fields.year.join(' ')}</Notice>}
      {failure && !failure.fields && (
        <Notice kind="error">{errorText(t, failure.code, failure.message)}</Notice>
      )}
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
