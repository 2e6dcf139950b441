import { MeetingType } from '@duhop/shared';
import { useT, type MessageKey } from '../../utils/i18n/index.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { MaskedField } from '../ui/masked-inputs.tsx';
import { draftFormat, type MeetingFormatDraft } from '../../utils/report/report-model.ts';
import { useForm } from './form-context.ts';

const FORMATS: readonly MeetingFormatDraft[] = ['in_person', 'online', 'combined'];

/**
 * Cell, date, type, start and end with the duration computed and flagged when short. The date and
 * times are the form's own text boxes (dd/mm/yyyy, 24-hour), never the browser's pickers.
 */
export function MeetingSection() {
  const t = useT();
  const { data, update, facts, readOnly, errorsFor, assignments } = useForm();
  const set = <K extends 'cellId' | 'meetingDate' | 'meetingType' | 'startTime' | 'endTime'>(
    key: K,
    value: string,
    path: string,
  ) => update((d) => ({ ...d, [key]: value }), [path]);

  const cellErr = errorsFor('cellId');
  const dateErr = errorsFor('meetingDate');
  // A time typed while the date cannot be read is not "missing": the date says what is wrong.
  const timeErr = (path: string, time: string) =>
    time && !data.meetingDate
      ? errorsFor(path).filter((e) => e !== t('required'))
      : errorsFor(path);
  const startErr = timeErr('startedAt', data.startTime);
  const endErr = timeErr('endedAt', data.endTime);
  const short = facts.shortByMinutes;
  const formatErr = errorsFor('meetingFormat');

  return (
    <fieldset class="section" id="sec-meeting" disabled={readOnly}>
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
        <MaskedField
          kind="date"
          id="f-date"
          label={t('meetingDate')}
          errors={dateErr}
          value={data.meetingDate}
          onValue={(v) => set('meetingDate', v, 'meetingDate')}
        />
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
        <MaskedField
          kind="time"
          id="f-start"
          label={t('startTime')}
          errors={startErr}
          value={data.startTime}
          onValue={(v) => set('startTime', v, 'startedAt')}
        />
        <MaskedField
          kind="time"
          id="f-end"
          label={t('endTime')}
          errors={endErr}
          value={data.endTime}
          onValue={(v) => set('endTime', v, 'endedAt')}
        />
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
      <fieldset class="radios" aria-describedby={formatErr.length ? 'f-format-err' : undefined}>
        <legend>{t('meetingFormat')}</legend>
        {FORMATS.map((f) => (
          <label key={f} class="check">
            <input
              type="radio"
              name="meeting-format"
              value={f}
              checked={draftFormat(data) === f}
              onChange={() =>
                update(
                  (d) => ({
                    ...d,
                    meetingFormat: f,
                    online: f !== 'in_person',
                    // Everyone present was online: the count follows; in person: nobody.
                    attendance: {
                      ...d.attendance,
                      presentOnline:
                        f === 'online'
                          ? d.attendance.present
                          : f === 'in_person'
                            ? null
                            : d.attendance.presentOnline,
                    },
                  }),
                  ['meetingFormat', 'attendance.presentOnline'],
                )
              }
            />
            {t(`format_${f}` as MessageKey)}
          </label>
        ))}
        {formatErr.length > 0 && (
          <ul id="f-format-err" class="errors">
            {formatErr.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </fieldset>
    </fieldset>
  );
}
