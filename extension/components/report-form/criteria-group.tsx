import type { CriteriaGroup as Group, CriteriaItem } from '@duhop/shared';
import { formatNumber } from '../../utils/format.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import { itemState } from '../../utils/report/report-model.ts';
import { Field, NumberInput } from '../ui/field.tsx';
import { useForm } from './form-context.ts';

/** One group of criteria: its points so far, each item with its maximum and proposal, and a note. */
export function CriteriaGroup(props: { group: Group }) {
  const t = useT();
  const locale = useLocale();
  const { data, update, facts, score, readOnly } = useForm();
  const g = props.group;
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
    <details class="group" open data-group={g.id}>
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
      <Field id={`f-note-${g.id}`} label={t('groupNote')}>
        <textarea
          id={`f-note-${g.id}`}
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
  const { update, errorsFor } = useForm();
  const { item, state } = props;
  const id = `f-score-${item.id.replace(/\./g, '-')}`;
  const errs = errorsFor(`scores.${item.id}`);
  const setScore = (v: number | null) =>
    update((d) => ({ ...d, scores: { ...d.scores, [item.id]: v } }), [`scores.${item.id}`]);

  if (!state.applicable) {
    const counted = item.whenNotApplicable === 'zero' ? 0 : item.maxPoints;
    return (
      <li class="item item--na">
        <span class="grow">{item.title}</span>
        <small>{t('notApplicable', { n: formatNumber(counted, locale) })}</small>
      </li>
    );
  }
  return (
    <li class={`item ${errs.length ? 'item--invalid' : ''}`} data-item={item.id}>
      <Field id={id} label={item.title} hint={item.hint} errors={errs}>
        <div class="score-input">
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
                  {t('useProposed')}
                </button>
              )}
            </span>
          )}
        </div>
      </Field>
    </li>
  );
}
