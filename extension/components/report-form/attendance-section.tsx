import { localDate, residenceActiveOn, type ResidenceMemberRecord } from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatPercent, formatTime } from '../../utils/format.ts';
import { useOnline } from '../../utils/hash-route.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import {
  ATTENDANCE_KEYS,
  BREAKDOWN_KEYS,
  type AttendanceKey,
  type BreakdownKey,
} from '../../utils/report/report-model.ts';
import { listResidence } from '../../utils/residence/calls.ts';
import { readRegister, rememberRegister } from '../../utils/residence/register-cache.ts';
import { Field, NumberInput } from '../ui/field.tsx';
import { useForm } from './form-context.ts';

/** The six counts, with the rate (exempted members excluded) and the speakers' share computed live. */
export function AttendanceSection() {
  const t = useT();
  const locale = useLocale();
  const { data, update, facts, readOnly, errorsFor } = useForm();
  const setCount = (key: AttendanceKey | BreakdownKey, v: number | null) =>
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
      <fieldset class="subsection" data-testid="attendance-breakdown">
        <legend>{t('breakdownTitle')}</legend>
        <div class="grid2">
          {BREAKDOWN_KEYS.map((k) => {
            const errs = errorsFor(`attendance.${k}`);
            return (
              <Field key={k} id={`f-att-${k}`} label={t(`att_${k}` as MessageKey)} errors={errs}>
                <NumberInput
                  id={`f-att-${k}`}
                  value={data.attendance[k] ?? null}
                  min={0}
                  max={100000}
                  errors={errs}
                  onValue={(v) => setCount(k, v)}
                />
              </Field>
            );
          })}
        </div>
        <ResidenceChecklist />
      </fieldset>
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

type ListState =
  | { kind: 'loading' }
  | { kind: 'offline' }
  | { kind: 'failed' }
  /** `fetchedAt`: from the device's copy, fetched then; null when just fetched from the server. */
  | { kind: 'ready'; members: ResidenceMemberRecord[]; fetchedAt: number | null };

/**
 * The cell's residence register (active on the meeting date) to tick who came; ticking sets the
 * number of residence members present. Fetched online (and kept on the device for the member's
 * own cells: utils/residence/register-cache.ts); offline, or when the server cannot be reached,
 * the device's copy with when it was fetched; without one, an honest note and the number typed.
 */
function ResidenceChecklist() {
  const t = useT();
  const locale = useLocale();
  const online = useOnline();
  const { data, update, errorsFor } = useForm();
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const year = Number(data.meetingDate.slice(0, 4));
  const validYear = /^\d{4}-\d{2}-\d{2}$/.test(data.meetingDate);
  useEffect(() => {
    const cellId = data.cellId;
    if (!cellId) return;
    let live = true;
    const fromDevice = async (otherwise: ListState) => {
      const cached = await readRegister(cellId);
      if (live)
        setList(
          cached
            ? { kind: 'ready', members: cached.members, fetchedAt: cached.fetchedAt }
            : otherwise,
        );
    };
    if (!online) void fromDevice({ kind: 'offline' });
    else if (validYear) {
      setList({ kind: 'loading' });
      void listResidence({ cellId, year }).then((res) => {
        if (!live) return;
        if (res.ok) {
          setList({ kind: 'ready', members: res.data.items, fetchedAt: null });
          void rememberRegister(cellId, res.data.items);
        } else if (res.status === null) void fromDevice({ kind: 'failed' });
        else setList({ kind: 'failed' });
      });
    }
    return () => {
      live = false;
    };
  }, [data.cellId, year, validYear, online]);

  const ticked = data.residenceMemberIds ?? [];
  const toggle = (id: string, on: boolean) =>
    update(
      (d) => {
        const prev = d.residenceMemberIds ?? [];
        const ids = on ? [...prev.filter((x) => x !== id), id] : prev.filter((x) => x !== id);
        return {
          ...d,
          residenceMemberIds: ids,
          attendance: { ...d.attendance, presentResidence: ids.length },
        };
      },
      ['attendance.residenceMemberIds', 'attendance.presentResidence'],
    );
  const errs = errorsFor('attendance.residenceMemberIds');

  if (list.kind === 'offline') return <p class="hint">{t('residenceOffline')}</p>;
  if (list.kind === 'failed') return <p class="hint">{t('residenceFailed')}</p>;
  if (list.kind === 'loading')
    return (
      <p class="hint" aria-live="polite">
        {t('residenceLoading')}
      </p>
    );
  const members = list.members.filter(
    (m) => residenceActiveOn(m, data.meetingDate) || ticked.includes(m.id),
  );
  if (members.length === 0) return <p class="hint">{t('residenceNone')}</p>;
  return (
    <fieldset class="checklist" data-testid="residence-checklist">
      <legend>{t('residenceTitle')}</legend>
      {list.fetchedAt !== null && (
        <p class="hint" data-testid="residence-updated">
          {t('residenceUpdatedAt', {
            time: `${formatDate(localDate(new Date(list.fetchedAt)), locale)} ${formatTime(list.fetchedAt, locale)}`,
          })}
        </p>
      )}
      {members.map((m, idx) => {
        const itemErrs = errorsFor(`attendance.residenceMemberIds.${ticked.indexOf(m.id)}`);
        return (
          <label key={m.id} class="check">
            <input
              type="checkbox"
              checked={ticked.includes(m.id)}
              onChange={(e) => toggle(m.id, e.currentTarget.checked)}
              aria-describedby={itemErrs.length ? `f-res-err-${idx}` : undefined}
            />
            <span>
              {m.fullName} <small>({m.workplace})</small>
              {itemErrs.length > 0 && (
                <span id={`f-res-err-${idx}`} class="errors">
                  {' '}
                  {itemErrs.join(' ')}
                </span>
              )}
            </span>
          </label>
        );
      })}
      <p class="computed" aria-live="polite" data-testid="residence-ticked">
        {t('residenceTicked', { n: ticked.length })}
      </p>
      {errs.length > 0 && (
        <ul class="errors">
          {errs.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
