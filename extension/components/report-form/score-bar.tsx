import type { ScoreResult } from '@duhop/shared';
import { formatNumber, formatSigned } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { unscoredItems } from '../../utils/report/report-model.ts';
import { useForm } from './form-context.ts';

/**
 * Always visible at the bottom: total, band, the cell's self-score gap, and the submit button.
 * Until every applicable item is scored the band reads "Chưa chấm" (never a red "Kém" for an empty
 * form) and no self-score gap is shown.
 */
export function ScoreBar(props: {
  score: ScoreResult | null;
  selfScore: number | null;
  problems: number;
  canSubmit: boolean;
  saving: boolean;
  readOnly: boolean;
  onShowProblems: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const { score, selfScore } = props;
  const form = useForm();
  const left = unscoredItems(form.set, form.data, form.facts);
  const complete = !!score && left === 0;
  return (
    <section class="score-bar" aria-label={t('total')}>
      <div class="score-line" aria-live="polite" data-testid="score-bar">
        <span>
          {t('total')}:{' '}
          <strong data-testid="total">{score ? formatNumber(score.total, locale) : '–'}</strong>/100
        </span>
        {score && complete && (
          <span class={`band band--${score.band}`} data-testid="band">
            {t(`band_${score.band}` as MessageKey)}
          </span>
        )}
        {score && !complete && (
          <span class="band band--none" data-testid="band">
            {t('notScored')}
            {Number.isFinite(left) && ` (${t('notScoredLeft', { n: left })})`}
          </span>
        )}
        {score && complete && selfScore != null && (
          <span title={t('selfScore')}>
            {t('selfScore')} {formatNumber(selfScore, locale)} (
            {formatSigned(Math.round((score.total - selfScore) * 100) / 100, locale)})
          </span>
        )}
        <span class="grow" />
        <small class="save-state">{props.saving ? t('saving') : t('autosaved')}</small>
      </div>
      {!props.readOnly && (
        <div class="submit-line">
          <small>
            {/* The form's one live region for its problems; each field's own are linked to it. */}
            <span role="status">
              {props.problems > 0 ? t('cannotSubmit', { n: props.problems }) : ''}
            </span>{' '}
            {props.problems > 0 && (
              <button type="button" class="link" onClick={props.onShowProblems}>
                {t('showProblems')}
              </button>
            )}
          </small>
          <span class="grow" />
          <button type="submit" form="report-form" class="primary" disabled={!props.canSubmit}>
            {t('submit')}
          </button>
        </div>
      )}
    </section>
  );
}
