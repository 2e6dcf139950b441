import type { SynthesisResponse } from '@duhop/shared';
import { formatNumber, formatPercent } from '../../utils/format.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import { groupShare, issueParts, trendBars } from '../../utils/synthesis/chart-scale.ts';
import { BarChart } from './charts/bar-chart.tsx';
import type { SeriesDef } from './charts/chart-frame.tsx';
import { StackedBars } from './charts/stacked-bars.tsx';
import { TrendChart } from './charts/trend-chart.tsx';
import { STATUS_ORDER, useLabels } from './labels.ts';

/** The synthesis' charts: bands, 6-month trend, issues by category and by status, criteria groups. */
export function SynthesisCharts(props: { s: SynthesisResponse }) {
  const t = useT();
  const locale = useLocale();
  const labels = useLabels();
  const { s } = props;

  const bands = s.bands.map((b) => ({
    key: b.band,
    label: labels.band(b.band),
    value: b.count,
    text:
      b.percent == null || b.count === 0
        ? formatNumber(b.count, locale)
        : `${formatNumber(b.count, locale)} (${formatPercent(b.percent, locale)})`,
    cls: `band-${b.band}`,
  }));
  const trendSeries: [SeriesDef, SeriesDef, SeriesDef] = [
    { key: 'on_time', label: t('sy_seriesOnTime'), cls: 'c-ok' },
    { key: 'late', label: t('sy_seriesLate'), cls: 'c-late' },
    { key: 'missing', label: t('sy_seriesMissing'), cls: 'c-miss' },
  ];
  const parts: SeriesDef[] = [
    { key: 'resolved', label: t('sy_partResolved'), cls: 'c-ok' },
    { key: 'answered', label: t('sy_partAnswered'), cls: 'c-answer' },
    { key: 'open', label: t('sy_partOpen'), cls: 'c-info' },
    { key: 'overdue', label: t('sy_partOverdue'), cls: 'c-miss' },
  ];
  const categories = s.issues.byCategory.map((c) => ({
    key: c.category,
    label: labels.category(c.category),
    values: issueParts(c),
  }));
  const statuses = STATUS_ORDER.filter((x) => (s.issues.byStatus[x.status] ?? 0) > 0).map((x) => ({
    key: x.status,
    label: labels.status(x.status),
    value: s.issues.byStatus[x.status] ?? 0,
    cls: x.cls,
  }));
  const groups = s.groups.map((g) => {
    const share = groupShare(g.average, g.maxPoints);
    return {
      key: `${g.criteriaSetId}:${g.groupId}`,
      label: g.title,
      value: share ?? 0,
      text:
        g.average == null
          ? '—'
          : `${formatNumber(g.average, locale)}${g.maxPoints != null ? `/${formatNumber(g.maxPoints, locale)}` : ''}`,
      cls:
        share == null
          ? 'c-muted'
          : share >= 90
            ? 'c-ok'
            : share >= 70
              ? 'c-info'
              : share >= 50
                ? 'c-late'
                : 'c-miss',
    };
  });
  const noData = <p class="state state--empty chart-empty">{t('sy_noData')}</p>;

  return (
    <div class="chart-grid">
      <BarChart
        id="ch-bands"
        title={t('sy_chartBands')}
        desc={t('sy_chartBandsDesc', {
          list: bands.map((b) => `${b.label} ${formatNumber(b.value, locale)}`).join(', '),
        })}
        bars={bands}
        labelChars={20}
        axisTitle={t('sy_axisReports')}
      />
      <TrendChart
        id="ch-trend"
        title={t('sy_chartTrend')}
        desc={t('sy_chartTrendDesc')}
        months={trendBars(s)}
        series={trendSeries}
        average={{ key: 'average', label: t('sy_seriesAverage'), cls: 'c-line' }}
        formatScore={(n) => formatNumber(Math.round(n * 10) / 10, locale)}
        axes={{
          count: t('sy_axisReports'),
          score: t('sy_axisScore'),
          month: t('sy_axisMonth'),
        }}
      />
      {categories.length ? (
        <StackedBars
          id="ch-categories"
          title={t('sy_chartCategories')}
          desc={t('sy_chartCategories')}
          series={parts}
          rows={categories}
          axisTitle={t('sy_axisIssues')}
        />
      ) : (
        <figure class="chart" data-chart="ch-categories">
          <figcaption>{t('sy_chartCategories')}</figcaption>
          {noData}
        </figure>
      )}
      {statuses.length ? (
        <BarChart
          id="ch-statuses"
          title={t('sy_chartStatuses')}
          desc={statuses.map((b) => `${b.label} ${formatNumber(b.value, locale)}`).join(', ')}
          bars={statuses}
          axisTitle={t('sy_axisIssues')}
        />
      ) : (
        <figure class="chart" data-chart="ch-statuses">
          <figcaption>{t('sy_chartStatuses')}</figcaption>
          {noData}
        </figure>
      )}
      {groups.length ? (
        <BarChart
          id="ch-groups"
          title={t('sy_chartGroups')}
          desc={t('sy_chartGroupsDesc')}
          bars={groups}
          max={100}
          axisTitle={t('sy_axisShare')}
        />
      ) : (
        <figure class="chart" data-chart="ch-groups">
          <figcaption>{t('sy_chartGroups')}</figcaption>
          {noData}
        </figure>
      )}
    </div>
  );
}
