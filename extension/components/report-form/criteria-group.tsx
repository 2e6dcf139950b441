import type { CriteriaGroup as Group, CriteriaItem } from '@duhop/shared';
import { formatNumber } from '../../utils/format.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import { itemState } from '../../utils/report/report-model.ts';
import { pointChoices } from '../../utils/report/form-inputs.ts';
import { describedBy, Field, NumberInput } from '../ui/field.tsx';
import { useForm } from './form-context.ts';

/**
 * One group of criteria: its points so far, each item's allowed points as buttons (the proposal
 * marked, one tap to accept; typing still possible), and a note, required when the set asks for
 * the reason of reduced points (`noteWhenReduced`).
 */
export function CriteriaGroup(props: { group: Group }) {
  const t = useT();
  const locale = useLocale();
  const { data, update, facts, score, readOnly, set, errorsFor } = useForm();
  const g = props.group;
  const noteErr = errorsFor(`groupNotes.${g.id}`);
  const states = g.items.map((item) => ({ item, s: itemState(item, data, facts) }));
  const unscored = states.filter(({ s }) => s.applicable && s.value == null);

  const fillMax = () =>
    update(
      (d) => ({
        ...d,
        scores: {
          ...d.scores,
          ...Object.fromEntries(unscored.map(({ item }) => [item.id, item.maxPoints])),
        },
      }),
      unscored.map(({ item }) => `scores.${item.id}`),
    );

  return (
    <details class="group" id={`sec-group-${g.id}`} open data-group={g.id}>
      <summary>
        <span class="grow">{g.title}</span>
        <span class="points">
          {formatNumber(score?.groups[g.id] ?? 0, locale)}/{formatNumber(g.maxPoints, locale)}
        </span>
      </summary>
      {unscored.length > 0 && !readOnly && (
        <button type="button" class="link" onClick={fillMax}>
          {t('fillMax', { n: unscored.length })}
        </button>
      )}
      <ul class="items">
        {states.map(({ item, s }) => (
          <ItemRow key={item.id} item={item} state={s} />
        ))}
      </ul>
      <Field
        id={`f-note-${g.id}`}
        label={t(set?.noteWhenReduced ? 'groupNoteRequired' : 'groupNote')}
        errors={noteErr}
      >
        <textarea
          {...describedBy(`f-note-${g.id}`, noteErr)}
          rows={1}
          value={data.groupNotes[g.id] ?? ''}
          onInput={(e) =>
            update(
              (d) => ({ ...d, groupNotes: { ...d.groupNotes, [g.id]: e.currentTarget.value } }),
              [`groupNotes.${g.id}`],
            )
          }
        />
      </Field>
    </details>
  );
}

function ItemRow(props: { item: CriteriaItem; state: ReturnType<typeof itemState> }) {
  const t = useT();
  const locale = useLocale();
  const { update, errorsFor, readOnly } = useForm();
  const { item, state } = props;
  const id = `f-score-${item.id.replace(/\./g, '-')}`;
  const errs = errorsFor(`scores.${item.id}`);
  const setScore = (v: number | null) =>
    update((d) => ({ ...d, scores: { ...d.scores, [item.id]: v } }), [`scores.${item.id}`]);

  if (state.marked) return <MarkedRow item={item} />;
  if (!state.applicable) {
    const counted = item.whenNotApplicable === 'zero' ? 0 : item.maxPoints;
    return (
      <li class="item item--na">
        <span class="grow">{item.title}</span>
        <small>{t('notApplicable', { n: formatNumber(counted, locale) })}</small>
      </li>
    );
  }
  const choices = pointChoices(item);
  if (state.proposed != null && !choices.includes(state.proposed)) {
    choices.push(state.proposed);
    choices.sort((a, b) => a - b);
  }
  // The proposal is what counts when nothing was chosen: choosing it goes back to following it.
  const choose = (v: number) => setScore(v === state.proposed ? null : v);
  return (
    <li class={`item ${errs.length ? 'item--invalid' : ''}`} data-item={item.id}>
      <Field id={id} label={item.title} hint={item.hint} errors={errs}>
        <div class="item-points">
          {/* Native radios (one tab stop, arrow keys move and choose) drawn as buttons. */}
          <div
            class="point-choices"
            role="radiogroup"
            aria-label={t('pointsChoice', { title: item.title })}
            data-testid={`points-${item.id}`}
          >
            {choices.map((v) => {
              const proposed = v === state.proposed;
              const checked = state.value === v;
              return (
                <label
                  key={v}
                  class={`chip ${proposed ? 'chip--proposed' : ''} ${checked ? 'chip--on' : ''}`}
                >
                  <input
                    type="radio"
                    name={`pts-${item.id}`}
                    value={v}
                    checked={checked}
                    onChange={() => choose(v)}
                  />
                  {formatNumber(v, locale)}
                  {proposed && <small class="chip-mark"> {t('proposedMark')}</small>}
                </label>
              );
            })}
          </div>
          <div class="score-input">
            <small>{t('orType')}</small>
            <NumberInput
              id={id}
              value={state.manual ? state.value : null}
              placeholder={state.proposed != null ? formatNumber(state.proposed, locale) : ''}
              min={0}
              max={item.maxPoints}
              step={0.5}
              errors={errs}
              hint={item.hint}
              onValue={setScore}
            />
            <span class="max">/ {formatNumber(item.maxPoints, locale)}</span>
            {state.proposed != null && (
              <span class="proposal">
                {t('proposed', { n: formatNumber(state.proposed, locale) })}
                {state.manual && state.value !== state.proposed && (
                  <button type="button" class="link" onClick={() => setScore(null)}>
                    {t('acceptProposed', { n: formatNumber(state.proposed, locale) })}
                  </button>
                )}
              </span>
            )}
          </div>
          {state.markable && !readOnly && (
            <button
              type="button"
              class="na-toggle"
              aria-label={t('markNaLabel', { title: item.title })}
              data-testid={`na-${item.id}`}
              onClick={() => markNa(update, item.id, true)}
            >
              {t('markNa')}
            </button>
          )}
        </div>
      </Field>
    </li>
  );
}

/** The reason box of a marked item, and the way back to its points, take the focus in turn. */
const reasonId = (itemId: string) => `f-na-${itemId.replace(/\./g, '-')}`;

function markNa(update: ReturnType<typeof useForm>['update'], itemId: string, on: boolean) {
  update(
    (d) => {
      const next = { ...d.notApplicable };
      if (on) next[itemId] = next[itemId] ?? '';
      else delete next[itemId];
      return { ...d, notApplicable: next };
    },
    // Marking touches the points only: the empty reason is "missing" until asked (or typed).
    on ? [`scores.${itemId}`] : [`notApplicable.${itemId}`, `scores.${itemId}`],
  );
  // The row changes shape: keep the keyboard where the member is (the reason, or the points).
  requestAnimationFrame(() => {
    const target = on
      ? document.getElementById(reasonId(itemId))
      : document.querySelector<HTMLInputElement>(`input[name="pts-${CSS.escape(itemId)}"]`);
    target?.focus();
  });
}

/**
 * An item the member marked "Không áp dụng": what it counts (per the set, like an item that does
 * not apply to the meeting type), the reason (required when the set says so), and a way back.
 */
function MarkedRow(props: { item: CriteriaItem }) {
  const t = useT();
  const locale = useLocale();
  const { data, update, errorsFor, readOnly, set } = useForm();
  const { item } = props;
  const id = reasonId(item.id);
  const errs = errorsFor(`notApplicable.${item.id}`);
  const counted = item.whenNotApplicable === 'zero' ? 0 : item.maxPoints;
  return (
    <li class={`item item--marked ${errs.length ? 'item--invalid' : ''}`} data-item={item.id}>
      <p class="marked-head">
        <span class="grow">{item.title}</span>
        <strong class="na-count">{t('notApplicable', { n: formatNumber(counted, locale) })}</strong>
      </p>
      <Field
        id={id}
        label={t(set?.reasonWhenNotApplicable ? 'naReasonRequired' : 'naReason')}
        errors={errs}
      >
        <input
          type="text"
          {...describedBy(id, errs)}
          maxLength={500}
          value={data.notApplicable?.[item.id] ?? ''}
          onInput={(e) =>
            update(
              (d) => ({
                ...d,
                notApplicable: { ...d.notApplicable, [item.id]: e.currentTarget.value },
              }),
              [`notApplicable.${item.id}`],
            )
          }
        />
      </Field>
      {!readOnly && (
        <button
          type="button"
          class="link"
          aria-label={t('unmarkNaLabel', { title: item.title })}
          onClick={() => markNa(update, item.id, false)}
        >
          {t('unmarkNa')}
        </button>
      )}
    </li>
  );
}
