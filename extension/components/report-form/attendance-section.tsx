import { formatPercent } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { ATTENDANCE_KEYS, type AttendanceKey } from '../../utils/report/report-model.ts';
import { Field, NumberInput } from '../ui/field.tsx';
import { useForm } from './form-context.ts';

/** The six counts, with the rate (exempted members excluded) and the speakers' share computed live. */
export function AttendanceSection() {
  const t = useT();
  const locale = useLocale();
  const { data, update, facts, readOnly, errorsFor } = useForm();
  const setCount = (key: AttendanceKey, v: number | null) =>
    update((d) => ({ ...d, attendance: { ...d.attendance, [key]: v } }), [`attendance.${key}`]);
  const namesErr = errorsFor('attendance.absentWithoutReasonNames');

  return (
    <fieldset class="section" disabled={readOnly}>
      <legend>{t('sectionAttendance')}</legend>
      <div class="grid2">
        {ATTENDANCE_KEYS.map((k) => {
          const errs = errorsFor(`attendance.${k}`);
          return (
            <Field key={k} id={`f-att-${k}`} label={t(`att_${k}` as MessageKey)} errors={errs}>
              <NumberInput
                id={`f-att-${k}`}
                value={data.attendance[k]}
                min={0}
                max={100000}
                errors={errs}
                onValue={(v) => setCount(k, v)}
              />
            </Field>
          );
        })}
      </div>
      <p class="computed" data-testid="attendance-facts" aria-live="polite">
        {facts.expected != null && facts.expected >= 0 && (
          <span>{t('expected', { n: facts.expected })}</span>
        )}
        {facts.attendanceConflict ? (
          // Counts that contradict each other: no rate, no "Đạt", nothing proposed from them.
          <span class="conflict" data-testid="figures-conflict">
            {t('rate', { rate: '—' })} · {t('speakersShare', { share: '—' })} (
            {t('figuresConflict')})
          </span>
        ) : (
          <>
            {facts.attendanceRate != null && (
              <span class={facts.meetsHd12 ? 'ok' : 'warn'}>
                {t('rate', { rate: formatPercent(facts.attendanceRate, locale) })} (
                {facts.meetsHd12 ? t('rateBar') : t('rateBelowBar')})
              </span>
            )}
            {facts.speakersShare != null && (
              <span>
                {t('speakersShare', { share: formatPercent(facts.speakersShare, locale) })}
              </span>
            )}
          </>
        )}
      </p>
      {(data.attendance.absentWithoutReason ?? 0) > 0 && (
        <Field id="f-absent-names" label={t('absentNames')} errors={namesErr}>
          <textarea
            id="f-absent-names"
            rows={2}
            value={data.absentNames}
            onInput={(e) =>
              update(
                (d) => ({ ...d, absentNames: e.currentTarget.value }),
                ['attendance.absentWithoutReasonNames'],
              )
            }
          />
        </Field>
      )}
    </fieldset>
  );
}
