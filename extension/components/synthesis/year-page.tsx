import { localDate, type YearCounts, type YearViewResponse } from '@duhop/shared';
import { formatDateTime, formatNumber, formatPercent } from '../../utils/format.ts';
import { errorText, useLocale, useT } from '../../utils/i18n/index.ts';
import { navigate } from '../../utils/hash-route.ts';
import type { Session } from '../../utils/storage.ts';
import { summaryBodies } from '../../utils/synthesis/bodies.ts';
import { downloadYearView, loadYearView } from '../../utils/synthesis/calls.ts';
import { useOrgUnits } from '../../utils/triage/org-units.ts';
import { Empty, ErrorBox, Loading } from '../ui/states.tsx';
import { useLoader } from '../ui/use-loader.ts';
import { ExportButtons } from './export-buttons.tsx';
import { PresenceSection } from './presence-section.tsx';
import { StaffOnly } from './staff-only.tsx';
import './synthesis.css';

/** Years offered in the picker: this one and the five before it. */
const YEARS_BACK = 5;

/** `#/year/<year>/<bodyId>`: each member's year for the year-end rating, per body and in total. */
export function YearPage(props: { params: string[] }) {
  return <StaffOnly>{(session) => <YearView session={session} params={props.params} />}</StaffOnly>;
}

function YearView(props: { session: Session; params: string[] }) {
  const t = useT();
  const locale = useLocale();
  const thisYear = Number(localDate(new Date()).slice(0, 4));
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i);
  const [y, b] = props.params;
  const year = y && years.includes(Number(y)) ? Number(y) : thisYear;
  const bodyId = b || props.session.user.orgUnitId;
  const units = useOrgUnits();
  const listed = summaryBodies(units, props.session.user);
  const bodies = listed.some((x) => x.id === bodyId)
    ? listed
    : [{ id: bodyId, name: bodyId, depth: 0 }, ...listed];
  const go = (next: { year?: number; bodyId?: string }) =>
    navigate('year', String(next.year ?? year), next.bodyId ?? bodyId);
  const { state, reload } = useLoader(() => loadYearView({ year, bodyId }), [year, bodyId]);
  const v = state.data;

  return (
    <section
      class="monthly year-view"
      aria-labelledby="yv-h"
      aria-busy={state.status === 'loading'}
    >
      <h1 id="yv-h">
        {t('yv_title', { year })}
        {v && v.bodyId === bodyId && <span class="subtitle"> · {v.bodyName}</span>}
      </h1>
      <p class="hint">{t('yv_intro')}</p>
      <fieldset class="filter-row month-filter" aria-label={t('yv_filters')}>
        <span class="inline-field">
          <label for="yv-year">{t('yv_year')}</label>
          <select
            id="yv-year"
            value={String(year)}
            onChange={(e) => go({ year: Number(e.currentTarget.value) })}
          >
            {years.map((x) => (
              <option key={x} value={String(x)}>
                {x}
              </option>
            ))}
          </select>
        </span>
        {bodies.length > 1 && (
          <span class="inline-field">
            <label for="yv-body">{t('sy_body')}</label>
            <select
              id="yv-body"
              value={bodyId}
              onChange={(e) => go({ bodyId: e.currentTarget.value })}
            >
              {bodies.map((x) => (
                <option key={x.id} value={x.id}>
                  {'\u00a0\u00a0'.repeat(x.depth)}
                  {x.name}
                </option>
              ))}
            </select>
          </span>
        )}
      </fieldset>
      <ExportButtons bodyId={bodyId} download={(f) => downloadYearView({ year, bodyId }, f)} />
      {state.status === 'error' && (
        <ErrorBox
          message={errorText(t, state.failure.code, state.failure.message)}
          onRetry={reload}
        />
      )}
      {state.status === 'loading' && !v && <Loading />}
      {v && (
        <>
          <p class="hint">{t('yv_asOf', { time: formatDateTime(v.asOf, locale) })}</p>
          {v.members.length === 0 ? <Empty>{t('yv_empty')}</Empty> : <YearTables v={v} />}
          <PresenceSection
            idPrefix="yv"
            period="year"
            bodyId={v.bodyId}
            figures={v.totals.presence}
            rows={v.bodies.map((b) => ({
              bodyId: b.bodyId,
              bodyName: b.bodyName,
              figures: b.presence,
            }))}
            session={props.session}
          />
        </>
      )}
    </section>
  );
}

function YearTables(props: { v: YearViewResponse }) {
  const t = useT();
  const locale = useLocale();
  const { v } = props;
  const tot = v.totals;
  const pct = (n: number | null) => (n == null ? t('sy_none') : formatPercent(n, locale));
  /** Counts in the reader's number format (12.000 in Vietnamese, 12,000 in English). */
  const num = (n: number) => formatNumber(n, locale);
  const countHead = (
    <>
      <th scope="col" class="num">
        {t('yv_colExpected')}
      </th>
      <th scope="col" class="num">
        {t('yv_colAttended')}
      </th>
      <th scope="col" class="num">
        {t('sy_colOnTime')}
      </th>
      <th scope="col" class="num">
        {t('sy_colLate')}
      </th>
      <th scope="col" class="num">
        {t('sy_colMissing')}
      </th>
      <th scope="col" class="num">
        {t('yv_colNotDue')}
      </th>
      <th scope="col" class="num">
        {t('sy_colRate')}
      </th>
    </>
  );
  const countCells = (c: YearCounts) => (
    <>
      <td class="num">{num(c.expected)}</td>
      <td class="num">{num(c.attended)}</td>
      <td class="num">{num(c.onTime)}</td>
      <td class="num">{num(c.late)}</td>
      <td class="num">{num(c.missing)}</td>
      <td class="num">{num(c.notDue)}</td>
      <td class="num">{pct(c.onTimeRate)}</td>
    </>
  );
  const issueHead = (
    <>
      <th scope="col" class="num">
        {t('yv_colIssues')}
      </th>
      <th scope="col" class="num">
        {t('sy_colResolved')}
      </th>
      <th scope="col" class="num">
        {t('yv_colOtherAnswer')}
      </th>
      <th scope="col" class="num">
        {t('sy_colOpen')}
      </th>
      <th scope="col" class="num">
        {t('sy_colOverdue')}
      </th>
    </>
  );
  const issueCells = (i: YearViewResponse['totals']['issues']) => (
    <>
      <td class="num">{num(i.raised)}</td>
      <td class="num">{num(i.resolved)}</td>
      <td class="num">{num(i.otherAnswer)}</td>
      <td class="num">{num(i.inProgress)}</td>
      <td class="num">{num(i.overdue)}</td>
    </>
  );
  const topical = (c: { held: number; expected: number; percent: number | null }) =>
    `${t('yv_topicalOf', { held: c.held, expected: c.expected })} · ${pct(c.percent)}`;

  return (
    <>
      <dl class="kpis" data-testid="year-totals">
        <div data-kpi="attended">
          <dt>{t('yv_kpiAttended')}</dt>
          <dd>
            <strong>
              {t('sy_ofExpected', { filed: num(tot.attended), expected: num(tot.expected) })}
            </strong>
            <small>
              {t('sy_seriesLate')} {num(tot.late)} · {t('sy_seriesMissing')} {num(tot.missing)} ·{' '}
              {t('yv_colNotDue')} {num(tot.notDue)}
            </small>
          </dd>
        </div>
        <div data-kpi="on-time">
          <dt>{t('sy_kpiOnTime')}</dt>
          <dd>
            <strong>{pct(tot.onTimeRate)}</strong>
          </dd>
        </div>
        <div data-kpi="issues">
          <dt>{t('sy_kpiIssues')}</dt>
          <dd>
            <strong>{num(tot.issues.raised)}</strong>
            <small>
              {t('sy_kpiIssuesDetail', {
                resolved: num(tot.issues.resolved),
                overdue: num(tot.issues.overdue),
              })}
            </small>
          </dd>
        </div>
        <div data-kpi="topical">
          <dt>{t('yv_kpiTopical')}</dt>
          <dd>
            <strong>{pct(tot.topical.percent)}</strong>
            <small>
              {t('yv_topicalOf', { held: tot.topical.held, expected: tot.topical.expected })}
            </small>
          </dd>
        </div>
      </dl>

      <h2 id="yv-members">{t('yv_members')}</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the page scrolls in its region, which the keyboard must reach to scroll it (axe scrollable-region-focusable) */}
      <section class="table-scroll" tabIndex={0} aria-labelledby="yv-members">
        <table class="data-table" aria-labelledby="yv-members" data-table="members">
          <thead>
            <tr>
              <th scope="col">{t('sy_colObserver')}</th>
              <th scope="col">{t('yv_colCells')}</th>
              {countHead}
              {issueHead}
            </tr>
          </thead>
          <tbody>
            {v.members.map((m) => (
              <tr key={m.observerId} data-member={m.observerId}>
                <th scope="row">{m.observerName}</th>
                <td>{m.cells.join('; ')}</td>
                {countCells(m)}
                {issueCells(m.issues)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('sy_total')}</th>
              <td />
              {countCells(tot)}
              {issueCells(tot.issues)}
            </tr>
          </tfoot>
        </table>
      </section>

      <h2 id="yv-bodies">{t('yv_bodies')}</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the page scrolls in its region, which the keyboard must reach to scroll it (axe scrollable-region-focusable) */}
      <section class="table-scroll" tabIndex={0} aria-labelledby="yv-bodies">
        <table class="data-table" aria-labelledby="yv-bodies" data-table="bodies">
          <thead>
            <tr>
              <th scope="col">{t('sy_colBody')}</th>
              <th scope="col" class="num">
                {t('yv_colMembers')}
              </th>
              {countHead}
              {issueHead}
            </tr>
          </thead>
          <tbody>
            {v.bodies.map((b) => (
              <tr key={b.bodyId} data-body={b.bodyId}>
                <th scope="row">{b.bodyName}</th>
                <td class="num">{num(b.members)}</td>
                {countCells(b)}
                {issueCells(b.issues)}
              </tr>
            ))}
          </tbody>
          {v.bodies.length > 1 && (
            <tfoot>
              <tr>
                <th scope="row">{t('sy_total')}</th>
                <td class="num">{num(tot.members)}</td>
                {countCells(tot)}
                {issueCells(tot.issues)}
              </tr>
            </tfoot>
          )}
        </table>
      </section>

      <h2 id="yv-topical">{t('yv_topical')}</h2>
      <p class="hint">{t('yv_topicalHint')}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the page scrolls in its region, which the keyboard must reach to scroll it (axe scrollable-region-focusable) */}
      <section class="table-scroll" tabIndex={0} aria-labelledby="yv-topical">
        <table class="data-table" aria-labelledby="yv-topical" data-table="topical">
          <thead>
            <tr>
              <th scope="col">{t('sy_colBody')}</th>
              {tot.topical.quarters.map((q) => (
                <th scope="col" key={q.quarter}>
                  {t(q.ended ? 'yv_quarter' : 'yv_quarterOpen', { q: q.quarter })}
                </th>
              ))}
              <th scope="col">{t('yv_wholeYear')}</th>
            </tr>
          </thead>
          <tbody>
            {v.bodies.map((b) => (
              <tr key={b.bodyId} data-body={b.bodyId}>
                <th scope="row">{b.bodyName}</th>
                {b.topical.quarters.map((q) => (
                  <td key={q.quarter}>{topical(q)}</td>
                ))}
                <td>{topical(b.topical)}</td>
              </tr>
            ))}
          </tbody>
          {v.bodies.length > 1 && (
            <tfoot>
              <tr>
                <th scope="row">{t('sy_total')}</th>
                {tot.topical.quarters.map((q) => (
                  <td key={q.quarter}>{topical(q)}</td>
                ))}
                <td>{topical(tot.topical)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </section>
    </>
  );
}
