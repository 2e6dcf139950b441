import type { SynthesisResponse } from '@duhop/shared';
import { formatPercent } from '../../utils/format.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';

/**
 * Topical meetings of the month per committee: "x/y chi bộ tổ chức sinh hoạt chuyên đề, đạt z %"
 * (y: cells a report is expected from this month; x: those with a topical or combined meeting).
 */
export function TopicalTable(props: { topical: SynthesisResponse['topical'] | undefined }) {
  const t = useT();
  const locale = useLocale();
  const tp = props.topical;
  if (!tp || tp.byBody.length === 0) return null;
  const pct = (n: number | null) => (n == null ? '—' : formatPercent(n, locale));
  return (
    <section aria-labelledby="sy-topical">
      <h2 id="sy-topical">{t('sy_kpiTopical')}</h2>
      <div class="table-scroll">
        <table class="data-table" data-table="topical">
          <thead>
            <tr>
              <th scope="col">{t('sy_colBody')}</th>
              <th scope="col">{t('yv_colCellsExpected')}</th>
              <th scope="col">{t('yv_colTopicalHeld')}</th>
              <th scope="col">{t('yv_colPercent')}</th>
            </tr>
          </thead>
          <tbody>
            {tp.byBody.map((b) => (
              <tr key={b.bodyId} data-body={b.bodyId}>
                <th scope="row">{b.bodyName}</th>
                <td class="num">{b.expected}</td>
                <td class="num">{b.held}</td>
                <td class="num">{pct(b.percent)}</td>
              </tr>
            ))}
          </tbody>
          {tp.byBody.length > 1 && (
            <tfoot>
              <tr>
                <th scope="row">{t('sy_total')}</th>
                <td class="num">{tp.expected}</td>
                <td class="num">{tp.held}</td>
                <td class="num">{pct(tp.percent)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </section>
  );
}
