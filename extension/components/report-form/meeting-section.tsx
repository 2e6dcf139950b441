import { localDate, MeetingType } from '@duhop/shared';
import { useT, type MessageKey } from '../../utils/i18n/index.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { useForm } from './form-context.ts';

/** Cell, date, type, start and end with the duration computed and flagged when short. */
export function MeetingSection() {
  const t = useT();
  const { data, update, facts, readOnly, errorsFor, assignments } = useForm();
  const today = localDate(new Date());
  const set = <K extends 'cellId' | 'meetingDate' | 'meetingType' | 'startTime' | 'endTime'>(
    key: K,
    value: string,
    path: string,
  ) => update((d) => ({ ...d, [key]: value }), [path]);

  const cellErr = errorsFor('cellId');
  const dateErr = errorsFor('meetingDate');
  const startErr = errorsFor('startedAt');
  const endErr = errorsFor('endedAt');
  const short = facts.shortByMinutes;

  return (
    <fieldset class="section" disabled={readOnly}>
      <legend>{t('sectionMeeting')}</legend>
      <Field id="f-cell" label={t('cell')} errors={cellErr}>
        <select
          {...describedBy('f-cell', cellErr)}
          value={data.cellId}
          onChange={(e) => {
            const a = assignments.find((x) => x.cellId === e.currentTarget.value);
            if (a) update((d) => ({ ...d, cellId: a.cellId, cellName: a.cellName }), ['cellId']);
          }}
        >
          {!assignments.some((a) => a.cellId === data.cellId) && (
            <option value={data.cellId}>{data.cellName}</option>
          )}
          {assignments.map((a) => (
            <option key={a.cellId} value={a.cellId}>
              {a.cellName}
            </option>
          ))}
        </select>
      </Field>
      <div class="grid2">
        <Field id="f-date" label={t('meetingDate')} errors={dateErr}>
          <input
            type="date"
            {...describedBy('f-date', dateErr)}
            max={today}
            value={data.meetingDate}
            onInput={(e) => set('meetingDate', e.currentTarget.value, 'meetingDate')}
          />
        </Field>
        <Field id="f-type" label={t('meetingType')}>
          <select
            id="f-type"
            value={data.meetingType}
            onChange={(e) => set('meetingType', e.currentTarget.value, 'meetingType')}
          >
            {MeetingType.options.map((m) => (
              <option key={m} value={m}>
                {t(`type_${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-start" label={t('startTime')} errors={startErr}>
          <input
            type="time"
            {...describedBy('f-start', startErr)}
            value={data.startTime}
            onInput={(e) => set('startTime', e.currentTarget.value, 'startedAt')}
          />
        </Field>
        <Field id="f-end" label={t('endTime')} errors={endErr}>
          <input
            type="time"
            {...describedBy('f-end', endErr)}
            value={data.endTime}
            onInput={(e) => set('endTime', e.currentTarget.value, 'endedAt')}
          />
        </Field>
      </div>
      {facts.durationMinutes != null && (
        <p
          class={`computed ${short ? 'computed--warn' : 'computed--ok'}`}
          data-testid="duration"
          aria-live="polite"
        >
          {t('duration', { n: facts.durationMinutes })} ·{' '}
          {short
            ? t('durationShort', { n: short, req: facts.requiredMinutes })
            : t('durationOk', { req: facts.requiredMinutes })}
        </p>
      )}
      <label class="check">
        <input
          type="checkbox"
          checked={data.online}
          onChange={(e) => update((d) => ({ ...d, online: e.currentTarget.checked }), ['online'])}
        />
        {t('online')}
      </label>
    </fieldset>
  );
}
