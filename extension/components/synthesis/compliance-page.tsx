import type { ComplianceResponse, ComplianceStatus } from '@duhop/shared';
import { useState } from 'preact/hooks';
import { formatDate, formatDateTime, formatMonth, formatPercent } from '../../utils/format.ts';
import { errorText, useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import type { Session } from '../../utils/storage.ts';
import { loadCompliance } from '../../utils/synthesis/calls.ts';
import { Empty, ErrorBox, Loading } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import { MonthBodyFilter } from './month-body-filter.tsx';
import { useMonthBody } from './use-month-body.ts';
import { StaffOnly } from './staff-only.tsx';
import './synthesis.css';

const STATUSES: readonly ComplianceStatus[] = ['on_time', 'late', 'missing', 'not_due'];
type Counts = {
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  notDue?: number | undefined;
  onTimeRate: number | null;
};
const countOf = (c: Counts, s: ComplianceStatus) =>
  s === 'on_time'
    ? c.onTime
    : s === 'late'
      ? c.late
      : s === 'missing'
        ? c.missing
        : (c.notDue ?? 0);

/** `#/compliance/<month>/<bodyId>`: who reported on which cell that month, and whether on time. */
export function CompliancePage(props: { params: string[] }) {
  return (
    <StaffOnly>{(session) => <Compliance session={session} params={props.params} />}</StaffOnly>
  );
}

function Compliance(props: { session: Session; params: string[] }) {
  const t = useT();
  const mb = useMonthBody('compliance', props.params, props.session);
  const { state, reload } = useLoader(
    () => loadCompliance({ month: mb.month, bodyId: mb.bodyId }),
    [mb.month, mb.bodyId],
  );
  const data = state.data;
  return (
    <section
      class="monthly compliance"
      aria-labelledby="cp-h"
      aria-busy={state.status === 'loading'}
    >
      <h1 id="cp-h">
        {t('cp_title', { month: formatMonth(mb.month) })}
        {data?.bodyName && <span class="subtitle"> · {data.bodyName}</span>}
      </h1>
      <p class="hint">{t('cp_intro')}</p>
      <MonthBodyFilter idPrefix="cp" mb={mb} />
      {state.status === 'error' && (
        <ErrorBox
          message={errorText(t, state.failure.code, state.failure.message)}
          onRetry={reload}
        />
      )}
      {state.status === 'loading' && !data && <Loading />}
      {data && <ComplianceView data={data} />}
    </section>
  );
}

function ComplianceView(props: { data: ComplianceResponse }) {
  const t = useT();
  const locale = useLocale();
  const [shown, setShown] = useState<ComplianceStatus | null>(null);
  const { items } = props.data;
  const totals: Counts = props.data.totals ?? {
    expected: items.length,
    onTime: 0,
    late: 0,
    missing: 0,
    onTimeRate: null,
  };
  if (!items.length) return <Empty>{t('cp_empty')}</Empty>;
  const manyBodies = (props.data.bodies?.length ?? 0) > 1;
  const rows = shown ? items.filter((i) => i.status === shown) : items;
  const rate = (c: Counts) => (c.onTimeRate == null ? '—' : formatPercent(c.onTimeRate, locale));
  const countCells = (c: Counts) => (
    <>
      <td class="num">{c.expected}</td>
      <td class="num">{c.onTime}</td>
      <td class="num">{c.late}</td>
      <td class="num">{c.missing}</td>
      <td class="num">{c.notDue ?? 0}</td>
      <td class="num">{rate(c)}</td>
    </>
  );
  const countHead = (
    <>
      <th scope="col">{t('sy_colExpected')}</th>
      <th scope="col">{t('sy_colOnTime')}</th>
      <th scope="col">{t('sy_colLate')}</th>
      <th scope="col">{t('sy_colMissing')}</th>
      <th scope="col">{t('sy_colNotDue')}</th>
      <th scope="col">{t('sy_colRate')}</th>
    </>
  );

  return (
    <>
      <dl class="kpis" data-testid="compliance-totals">
        <div>
          <dt>{t('sy_colExpected')}</dt>
          <dd>
            <strong>{totals.expected}</strong>
          </dd>
        </div>
        {STATUSES.map((s) => (
          <div key={s} data-kpi={s}>
            <dt>{t(`cp_status_${s}` as MessageKey)}</dt>
            <dd>
              <strong>{countOf(totals, s)}</strong>
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('sy_colRate')}</dt>
          <dd>
            <strong>{rate(totals)}</strong>
          </dd>
        </div>
      </dl>

      <h2 id="cp-members">{t('cp_members')}</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the page scrolls in its region, which the keyboard must reach to scroll it (axe scrollable-region-focusable) */}
      <section class="table-scroll" tabIndex={0} aria-labelledby="cp-members">
        <table class="data-table" aria-labelledby="cp-members" data-table="members">
          <thead>
            <tr>
              <th scope="col">{t('sy_colObserver')}</th>
              {countHead}
            </tr>
          </thead>
          <tbody>
            {(props.data.members ?? []).map((m) => (
              <tr key={m.observerId} data-member={m.observerId}>
                <th scope="row">{m.observerName}</th>
                {countCells(m)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('sy_total')}</th>
              {countCells(totals)}
            </tr>
          </tfoot>
        </table>
      </section>

      {manyBodies && (
        <>
          <h2 id="cp-bodies">{t('cp_bodies')}</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the page scrolls in its region, which the keyboard must reach to scroll it (axe scrollable-region-focusable) */}
          <section class="table-scroll" tabIndex={0} aria-labelledby="cp-bodies">
            <table class="data-table" aria-labelledby="cp-bodies" data-table="bodies">
              <thead>
                <tr>
                  <th scope="col">{t('sy_colBody')}</th>
                  {countHead}
                </tr>
              </thead>
              <tbody>
                {props.data.bodies!.map((b) => (
                  <tr key={b.bodyId} data-body={b.bodyId}>
                    <th scope="row">{b.bodyName}</th>
                    {countCells(b)}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}

      <h2 id="cp-cells">{t('cp_cells')}</h2>
      <fieldset class="status-chips" aria-label={t('cp_colStatus')}>
        <button type="button" aria-pressed={shown === null} onClick={() => setShown(null)}>
          {t('cp_all')} ({items.length})
        </button>
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={shown === s}
            onClick={() => setShown(shown === s ? null : s)}
          >
            {t(`cp_status_${s}` as MessageKey)} ({items.filter((i) => i.status === s).length})
          </button>
        ))}
      </fieldset>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the page scrolls in its region, which the keyboard must reach to scroll it (axe scrollable-region-focusable) */}
      <section class="table-scroll" tabIndex={0} aria-labelledby="cp-cells">
        <table class="data-table" aria-labelledby="cp-cells" data-table="cells">
          <thead>
            <tr>
              <th scope="col">{t('sy_colCell')}</th>
              {manyBodies && <th scope="col">{t('sy_colBody')}</th>}
              <th scope="col">{t('sy_colObserver')}</th>
              <th scope="col">{t('cp_colDecision')}</th>
              <th scope="col">{t('sy_colMeeting')}</th>
              <th scope="col">{t('cp_colDue')}</th>
              <th scope="col">{t('cp_colStatus')}</th>
              <th scope="col">{t('cp_colSubmitted')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr
                key={`${i.cellId}:${i.observerId}:${i.reportId ?? ''}`}
                data-cell={i.cellId}
                data-status={i.status}
              >
                <th scope="row">{i.cellName}</th>
                {manyBodies && <td>{i.bodyName ?? ''}</td>}
                <td>{i.observerName}</td>
                <td>{i.decisionNo ?? ''}</td>
                <td>{i.meetingDate ? formatDate(i.meetingDate, locale) : ''}</td>
                <td>{i.dueDate ? formatDate(i.dueDate, locale) : ''}</td>
                <td>
                  <span class={`pill pill--${i.status}`}>
                    {t(`cp_status_${i.status}` as MessageKey)}
                  </span>
                </td>
                <td>{i.submittedAt ? formatDateTime(i.submittedAt, locale) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
