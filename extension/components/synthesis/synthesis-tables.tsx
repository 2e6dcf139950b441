import type { SynthesisResponse } from '@duhop/shared';
import { formatDate, formatNumber, formatPercent, formatSigned } from '../../utils/format.ts';
import { type MessageKey, useLocale, useT } from '../../utils/i18n/index.ts';
import { Empty } from '../ui/states.tsx';

const dash = '—';

/** Reports per committee below the body: expected, filed, on time, late, missing, not yet due, rate, average. */
export function BodiesTable(props: { rows: SynthesisResponse['bodies'] }) {
  const t = useT();
  const locale = useLocale();
  if (!props.rows.length) return null;
  return (
    <section aria-labelledby="sy-bodies">
      <h2 id="sy-bodies">{t('sy_tableBodies')}</h2>
      <div class="table-scroll">
        <table class="data-table" data-table="bodies">
          <thead>
            <tr>
              <th scope="col">{t('sy_colBody')}</th>
              <th scope="col">{t('sy_colExpected')}</th>
              <th scope="col">{t('sy_colFiled')}</th>
              <th scope="col">{t('sy_colOnTime')}</th>
              <th scope="col">{t('sy_colLate')}</th>
              <th scope="col">{t('sy_colMissing')}</th>
              <th scope="col">{t('sy_colNotDue')}</th>
              <th scope="col">{t('sy_colRate')}</th>
              <th scope="col">{t('sy_colAverage')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((b) => (
              <tr key={b.bodyId} data-body={b.bodyId}>
                <th scope="row">{b.bodyName}</th>
                <td class="num">{b.expected}</td>
                <td class="num">{b.filed}</td>
                <td class="num">{b.onTime}</td>
                <td class="num">{b.late}</td>
                <td class="num">{b.missing}</td>
                <td class="num">{b.notDue ?? 0}</td>
                <td class="num">
                  {b.onTimeRate == null ? dash : formatPercent(b.onTimeRate, locale)}
                </td>
                <td class="num">
                  {b.averageScore == null ? dash : formatNumber(b.averageScore, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Reports whose cell's self-score differs from the member's score by more than the gap, largest first. */
export function GapsTable(props: { gap: number; rows: SynthesisResponse['gaps'] }) {
  const t = useT();
  const locale = useLocale();
  const gap = formatNumber(props.gap, locale);
  return (
    <section aria-labelledby="sy-gaps">
      <h2 id="sy-gaps">{t('sy_tableGaps', { gap })}</h2>
      {props.rows.length === 0 ? (
        <Empty>{t('sy_tableGapsEmpty', { gap })}</Empty>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-table="gaps">
            <thead>
              <tr>
                <th scope="col">{t('sy_colCell')}</th>
                <th scope="col">{t('sy_colObserver')}</th>
                <th scope="col">{t('sy_colMeeting')}</th>
                <th scope="col">{t('sy_colScore')}</th>
                <th scope="col">{t('sy_colSelfScore')}</th>
                <th scope="col">{t('sy_colDifference')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((g) => (
                <tr key={g.reportId} data-report={g.reportId}>
                  <th scope="row">{g.cellName}</th>
                  <td>{g.observerName}</td>
                  <td>{formatDate(g.meetingDate, locale)}</td>
                  <td class="num">{formatNumber(g.score, locale)}</td>
                  <td class="num">{formatNumber(g.cellSelfScore, locale)}</td>
                  <td class={`num ${g.difference > 0 ? 'warn-text' : ''}`}>
                    {formatSigned(g.difference, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Issues of the month per body holding them: raised, resolved, answered, open, overdue. */
export function IssuesByBodyTable(props: { rows: SynthesisResponse['issues']['byBody'] }) {
  const t = useT();
  if (!props.rows.length) return null;
  return (
    <section aria-labelledby="sy-issue-bodies">
      <h2 id="sy-issue-bodies">{t('sy_tableIssuesByBody')}</h2>
      <div class="table-scroll">
        <table class="data-table" data-table="issues-by-body">
          <thead>
            <tr>
              <th scope="col">{t('sy_colBody')}</th>
              <th scope="col">{t('sy_colRaised')}</th>
              <th scope="col">{t('sy_colResolved')}</th>
              <th scope="col">{t('sy_colAnswered')}</th>
              <th scope="col">{t('sy_colOpen')}</th>
              <th scope="col">{t('sy_colOverdue')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((b) => (
              <tr key={b.bodyId} data-body={b.bodyId}>
                <th scope="row">{b.bodyName}</th>
                <td class="num">{b.raised}</td>
                <td class="num">{b.resolved}</td>
                <td class="num">{b.answered}</td>
                <td class="num">{b.open}</td>
                <td class={`num ${b.overdue ? 'bad-text' : ''}`}>{b.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Issues several cells raised, marked as duplicates (issue 16): each group once, with its cells. */
export function DuplicateGroupsTable(props: {
  rows: SynthesisResponse['issues']['duplicateGroups'];
}) {
  const t = useT();
  if (!props.rows?.length) return null;
  return (
    <section aria-labelledby="sy-duplicate-groups">
      <h2 id="sy-duplicate-groups">{t('rel_groupsTitle')}</h2>
      <ul class="related-list" data-table="duplicate-groups">
        {props.rows.map((g) => (
          <li key={g.issueId} class="related-item" data-group={g.issueId}>
            <div class="related-head">
              <span class="related-title">{g.title}</span>
              <span class={`pill pill--st-${g.status}`}>{t(`st_${g.status}` as MessageKey)}</span>
            </div>
            <div class="meta">{t('rel_cellsRaised', { n: g.cells })}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
