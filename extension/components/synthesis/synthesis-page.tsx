import type { SynthesisResponse } from '@duhop/shared';
import { formatDateTime, formatMonth, formatNumber, formatPercent } from '../../utils/format.ts';
import { errorText, useLocale, useT } from '../../utils/i18n/index.ts';
import type { Session } from '../../utils/storage.ts';
import { loadSynthesis } from '../../utils/synthesis/calls.ts';
import { ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import { ExportButtons } from './export-buttons.tsx';
import { MonthBodyFilter } from './month-body-filter.tsx';
import { SynthesisCharts } from './synthesis-charts.tsx';
import {
  BodiesTable,
  GapsTable,
  DuplicateGroupsTable,
  IssuesByBodyTable,
} from './synthesis-tables.tsx';
import { PresenceSection } from './presence-section.tsx';
import { TopicalTable } from './topical-table.tsx';
import { useMonthBody } from './use-month-body.ts';
import { StaffOnly } from './staff-only.tsx';
import './synthesis.css';

const DEFAULT_GAP = 10;

/** `#/synthesis/<month>/<bodyId>/<gap>`: the month's figures for a body, as charts, tables and files. */
export function SynthesisPage(props: { params: string[] }) {
  return (
    <StaffOnly>{(session) => <Synthesis session={session} params={props.params} />}</StaffOnly>
  );
}

function Synthesis(props: { session: Session; params: string[] }) {
  const t = useT();
  const locale = useLocale();
  const mb = useMonthBody('synthesis', props.params, props.session);
  const gap =
    mb.extra && /^\d{1,3}(\.\d+)?$/.test(mb.extra) && Number(mb.extra) <= 100
      ? Number(mb.extra)
      : DEFAULT_GAP;
  const { state, reload } = useLoader(
    () => loadSynthesis({ month: mb.month, bodyId: mb.bodyId, gap }),
    [mb.month, mb.bodyId, gap],
  );
  const s = state.data;

  return (
    <section
      class="monthly synthesis"
      aria-labelledby="sy-h"
      aria-busy={state.status === 'loading'}
    >
      <h1 id="sy-h">
        {t('sy_title', { month: formatMonth(mb.month) })}
        {s && s.bodyId === mb.bodyId && <span class="subtitle"> · {s.bodyName}</span>}
      </h1>
      <MonthBodyFilter idPrefix="sy" mb={mb}>
        <span class="inline-field">
          <label for="sy-gap">{t('sy_gap')}</label>
          <input
            id="sy-gap"
            type="number"
            min={0}
            max={100}
            step={1}
            value={gap}
            onChange={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isFinite(v) && v >= 0 && v <= 100) mb.go({ extra: String(v) });
            }}
          />
        </span>
      </MonthBodyFilter>
      <ExportButtons month={mb.month} bodyId={mb.bodyId} gap={gap} />
      {state.status === 'error' && (
        <ErrorBox
          message={errorText(t, state.failure.code, state.failure.message)}
          onRetry={reload}
        />
      )}
      {state.status === 'loading' && !s && <Loading />}
      {s && (
        <>
          <p class="hint">{t('sy_asOf', { time: formatDateTime(s.asOf, locale) })}</p>
          {s.reports.expected === 0 && s.reports.filed === 0 && s.issues.raised === 0 && (
            <Notice kind="info">{t('sy_empty')}</Notice>
          )}
          <Kpis s={s} />
          <SynthesisCharts s={s} />
          <BodiesTable rows={s.bodies} />
          <TopicalTable topical={s.topical} />
          <PresenceSection
            idPrefix="sy"
            period="month"
            bodyId={s.bodyId}
            figures={s.presence}
            rows={s.presence.byBody.map((b) => ({
              bodyId: b.bodyId,
              bodyName: b.bodyName,
              figures: b,
            }))}
            session={props.session}
          />
          <GapsTable gap={s.gap} rows={s.gaps} />
          <IssuesByBodyTable rows={s.issues.byBody} />
          <DuplicateGroupsTable rows={s.issues.duplicateGroups} />
        </>
      )}
    </section>
  );
}

/** The month at a glance: reports filed, on time, average score, issues, handling times. */
function Kpis(props: { s: SynthesisResponse }) {
  const t = useT();
  const locale = useLocale();
  const { reports: r, issues: i, handling: h } = props.s;
  const days = (m: { median: number | null }) =>
    m.median == null ? t('sy_none') : formatNumber(m.median, locale);
  return (
    <dl class="kpis" data-testid="kpis">
      <div data-kpi="reports">
        <dt>{t('sy_kpiReports')}</dt>
        <dd>
          {/* Assignments reported on (on time or late) out of those expected; several reports on one cell count once here. */}
          <strong>{t('sy_ofExpected', { filed: r.onTime + r.late, expected: r.expected })}</strong>
          <small>
            {t('sy_seriesLate')} {r.late} · {t('sy_seriesMissing')} {r.missing} ·{' '}
            {r.notDue ? `${t('sy_colNotDue')} ${r.notDue} · ` : ''}
            {t('sy_reportCount', { n: r.filed })}
          </small>
        </dd>
      </div>
      <div data-kpi="on-time">
        <dt>{t('sy_kpiOnTime')}</dt>
        <dd>
          <strong>
            {r.onTimeRate == null ? t('sy_none') : formatPercent(r.onTimeRate, locale)}
          </strong>
          <small>
            {r.onTime}/{r.expected}
          </small>
        </dd>
      </div>
      <div data-kpi="score">
        <dt>{t('sy_kpiScore')}</dt>
        <dd>
          <strong>
            {r.averageScore == null ? t('sy_none') : formatNumber(r.averageScore, locale)}
          </strong>
          {r.averageSelfScore != null && (
            <small>{t('sy_kpiSelfScore', { n: formatNumber(r.averageSelfScore, locale) })}</small>
          )}
        </dd>
      </div>
      <div data-kpi="issues">
        <dt>{t('sy_kpiIssues')}</dt>
        <dd>
          <strong>{i.raised}</strong>
          <small>{t('sy_kpiIssuesDetail', { resolved: i.resolved, overdue: i.overdue })}</small>
          {i.answeredAtMeeting > 0 && (
            <small data-testid="kpi-at-meeting">
              {t('sy_kpiIssuesAtMeeting', { n: i.answeredAtMeeting })}
            </small>
          )}
        </dd>
      </div>
      {props.s.topical && (
        <div data-kpi="topical">
          <dt>{t('sy_kpiTopical')}</dt>
          <dd>
            <strong>
              {props.s.topical.percent == null
                ? t('sy_none')
                : formatPercent(props.s.topical.percent, locale)}
            </strong>
            <small>
              {t('sy_kpiTopicalDetail', {
                held: props.s.topical.held,
                expected: props.s.topical.expected,
              })}
            </small>
          </dd>
        </div>
      )}
      <div data-kpi="acknowledge">
        <dt>{t('sy_kpiAck')}</dt>
        <dd>
          <strong>{days(h.acknowledge)}</strong>
          <small>{t('sy_workingDaysOf', { n: h.acknowledge.count })}</small>
        </dd>
      </div>
      <div data-kpi="resolve">
        <dt>{t('sy_kpiResolve')}</dt>
        <dd>
          <strong>{days(h.resolve)}</strong>
          <small>{t('sy_workingDaysOf', { n: h.resolve.count })}</small>
        </dd>
      </div>
    </dl>
  );
}
