import type { ReportView as View } from '@duhop/shared';
import { db } from '../../utils/db.ts';
import { formatDate, formatDateTime, formatNumber, formatSigned } from '../../utils/format.ts';
import { errorText, useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { getReport } from '../../utils/report/calls.ts';
import { useLiveQuery } from '../../utils/use-live-query.ts';
import { ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import { ReportDocxButton } from '../synthesis/report-docx-button.tsx';
import { IssueStatusList } from './issue-status-list.tsx';
import { AttendanceBreakdownFacts } from './attendance-breakdown.tsx';
import { NotApplicableList } from './not-applicable-list.tsx';

/** What the server stored for a report, read-only, with each issue's current status; cached for offline. */
export function ReportView(props: { id: string }) {
  const t = useT();
  const locale = useLocale();
  const { id } = props;
  const cached = useLiveQuery(() => db.cache.get(`report:${id}`), [id]);
  // The page shows the cached copy; the loader refreshes it and says whether that failed.
  const { state, reload: load } = useLoader(async () => {
    const res = await getReport(id);
    if (res.ok) await db.cache.put({ key: `report:${id}`, value: res.data, fetchedAt: Date.now() });
    return res;
  }, [id]);
  const busy = state.status === 'loading';
  const failure = state.status === 'error' ? state.failure : null;

  if (cached.status === 'loading') return <Loading />;
  const entry = cached.status === 'ready' ? cached.value : undefined;
  const view = entry?.value as View | undefined;
  if (!view) {
    if (busy) return <Loading />;
    return (
      <ErrorBox
        message={failure ? errorText(t, failure.code, failure.message) : t('loadFailed')}
        onRetry={load}
      />
    );
  }
  const gap =
    view.cellSelfScore != null ? Math.round((view.score - view.cellSelfScore) * 100) / 100 : null;

  return (
    <article class="report-view" data-report-view={view.id}>
      <h1>{view.cellName}</h1>
      {failure && entry && (
        <Notice kind="warn">
          {errorText(t, failure.code, failure.message)}{' '}
          {t('usingCached', { time: formatDateTime(entry.fetchedAt, locale) })}
        </Notice>
      )}
      <dl class="facts">
        <dt>{t('meetingDate')}</dt>
        <dd>
          {formatDate(view.meetingDate, locale)} · {t(`type_${view.meetingType}` as MessageKey)}
        </dd>
        <AttendanceBreakdownFacts view={view} />
        <dt>{t('score')}</dt>
        <dd>
          <strong data-testid="view-score">{formatNumber(view.score, locale)}</strong> ·{' '}
          <span class={`band band--${view.band}`}>{t(`band_${view.band}` as MessageKey)}</span>
          {gap != null && (
            <>
              {' '}
              · {t('selfScore')} {formatNumber(view.cellSelfScore!, locale)} (
              {formatSigned(gap, locale)})
            </>
          )}
        </dd>
        <dt>{t('submittedLabel')}</dt>
        <dd>
          {formatDateTime(view.submittedAt, locale)}{' '}
          <span class={`pill ${view.onTime ? 'pill--ok' : 'pill--bad'}`}>
            {view.onTime ? t('onTime') : t('late')}
          </span>
        </dd>
      </dl>
      {view.notApplicable?.length > 0 && (
        <section>
          <h2>{t('naMarkedTitle')}</h2>
          <NotApplicableList items={view.notApplicable} />
        </section>
      )}
      {view.suggestions && (
        <section>
          <h2>{t('sectionSuggestions')}</h2>
          <p class="prewrap">{view.suggestions}</p>
        </section>
      )}
      <section>
        <h2>{t('sectionIssues')}</h2>
        <IssueStatusList issues={view.issues} />
      </section>
      <p class="actions">
        <a href="#/">{t('back')}</a>
        <button type="button" onClick={load} disabled={busy}>
          {busy ? t('loading') : t('refresh')}
        </button>
        <ReportDocxButton reportId={view.id} cellId={view.cellId} meetingDate={view.meetingDate} />
      </p>
    </article>
  );
}
