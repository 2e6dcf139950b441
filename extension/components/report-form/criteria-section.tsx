import { provenanceLabel, vnDate } from '@duhop/shared';
import { formatNumber, formatSigned } from '../../utils/format.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import { usesTargets } from '../../utils/report/report-model.ts';
import { Field, NumberInput } from '../ui/field.tsx';
import { Notice } from '../ui/states.tsx';
import { CriteriaGroup } from './criteria-group.tsx';
import { useForm } from './form-context.ts';

/** The checklist of the criteria set in force for the cell and date, and the cell's self-score. */
export function CriteriaSection() {
  const t = useT();
  const locale = useLocale();
  const { data, update, set, setsLoaded, score, readOnly, errorsFor } = useForm();
  const local = set ? provenanceLabel(set) : null;
  const selfErr = errorsFor('cellSelfScore');
  const targetsErr = errorsFor('targetsMetPercent');

  return (
    <fieldset class="section" disabled={readOnly}>
      <legend>{t('sectionCriteria')}</legend>
      {!set ? (
        <Notice kind="warn">
          <span data-testid="no-criteria-set">
            {setsLoaded && data.meetingDate
              ? t('noCriteriaSetOnDate', { date: vnDate(data.meetingDate) })
              : t('noCriteriaSet')}
          </span>
        </Notice>
      ) : (
        <>
          <p class="hint" data-testid="criteria-set">
            {t('criteriaSet', { name: set.name })}
            {local && (
              <>
                {' '}
                <span
                  class="provenance-mark"
                  data-testid="criteria-provenance"
                  title={t('provenanceLocalHint', { source: set.source ?? '' })}
                >
                  {t('provenanceLocal')}
                </span>
              </>
            )}
          </p>
          {usesTargets(set) && (
            <Field id="f-targets" label={t('targetsMet')} errors={targetsErr}>
              <NumberInput
                id="f-targets"
                value={data.targetsMetPercent}
                min={0}
                max={100}
                step={0.1}
                errors={targetsErr}
                onValue={(v) =>
                  update((d) => ({ ...d, targetsMetPercent: v }), ['targetsMetPercent'])
                }
              />
            </Field>
          )}
          {set.groups.map((g) => (
            <CriteriaGroup key={g.id} group={g} />
          ))}
        </>
      )}
      <div class="self-score">
        <Field id="f-self" label={t('selfScore')} errors={selfErr}>
          <NumberInput
            id="f-self"
            value={data.cellSelfScore}
            min={0}
            max={100}
            step={0.5}
            errors={selfErr}
            onValue={(v) => update((d) => ({ ...d, cellSelfScore: v }), ['cellSelfScore'])}
          />
        </Field>
        {score && (
          <p class="computed" data-testid="score-compare">
            {t('total')}: <strong>{formatNumber(score.total, locale)}</strong>
            {data.cellSelfScore != null && (
              <>
                {' '}
                ·{' '}
                {t('difference', {
                  n: formatSigned(round2(score.total - data.cellSelfScore), locale),
                })}
              </>
            )}
          </p>
        )}
      </div>
    </fieldset>
  );
}

const round2 = (x: number) => Math.round(x * 100) / 100;
