import type { ReportView } from '@duhop/shared';
import { formatDate, formatNumber, formatSigned } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { AttendanceBreakdownFacts } from '../report-view/attendance-breakdown.tsx';
import { NotApplicableList } from '../report-view/not-applicable-list.tsx';

/** Where an issue comes from: the cell, the meeting, the observer, their suggestions and score. */
export function ReportContext(props: { report: ReportView | null | undefined }) {
  const t = useT();
  const locale = useLocale();
  const r = props.report;
  if (r === undefined) return null;
  if (r === null) return <p class="hint">{t('tg_contextUnavailable')}</p>;
  const gap = r.cellSelfScore != null ? Math.round((r.score - r.cellSelfScore) * 100) / 100 : null;
  return (
    <dl class="facts" data-testid="report-context">
      <dt>{t('cell')}</dt>
      <dd>{r.cellName}</dd>
      <dt>{t('meetingDate')}</dt>
      <dd>
        {formatDate(r.meetingDate, locale)} · {t(`type_${r.meetingType}` as MessageKey)}
      </dd>
      <AttendanceBreakdownFacts view={r} />
      <dt>{t('tg_observer')}</dt>
      <dd>{r.authorName}</dd>
      <dt>{t('score')}</dt>
      <dd>
        <strong>{formatNumber(r.score, locale)}</strong> ·{' '}
        <span class={`band band--${r.band}`}>{t(`band_${r.band}` as MessageKey)}</span>
        {gap != null && (
          <>
            {' '}
            · {t('selfScore')} {formatNumber(r.cellSelfScore!, locale)} ({formatSigned(gap, locale)}
            )
          </>
        )}
      </dd>
      {r.notApplicable?.length > 0 && (
        <>
          <dt>{t('naMarkedTitle')}</dt>
          <dd>
            <NotApplicableList items={r.notApplicable} />
          </dd>
        </>
      )}
      {r.suggestions && (
        <>
          <dt>{t('sectionSuggestions')}</dt>
          <dd class="prewrap">{r.suggestions}</dd>
        </>
      )}
    </dl>
  );
}
