import type { DraftRecord } from '../../utils/db.ts';
import { formatDate, formatNumber } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import type { ReportSummary } from '../../utils/reference-data.ts';
import { Empty } from '../ui/states.tsx';

/** Submitted reports: the server's list, plus any delivered from here that the list does not show yet. */
export function SubmittedList(props: { local: DraftRecord[]; server: ReportSummary[] }) {
  const t = useT();
  const locale = useLocale();
  const known = new Set(props.server.map((r) => r.id));
  const rows: ReportSummary[] = [
    ...props.local
      .filter((r) => r.result && !known.has(r.id))
      .map((r) => ({
        id: r.id,
        cellId: r.data.cellId,
        cellName: r.data.cellName,
        meetingDate: r.data.meetingDate,
        score: r.result!.score,
        band: r.result!.band,
        onTime: r.result!.onTime,
        submittedAt: r.result!.submittedAt,
      })),
    ...props.server,
  ];
  return (
    <section aria-labelledby="h-submitted">
      <h2 id="h-submitted">{t('submittedReports')}</h2>
      {rows.length === 0 && <Empty>{t('noSubmitted')}</Empty>}
      <ul class="rows">
        {rows.map((r) => (
          <li key={r.id} class="row" data-report={r.id}>
            <a class="grow" href={`#/report/${r.id}`}>
              <strong>{r.cellName}</strong> · {formatDate(r.meetingDate, locale)}
              <div class="meta">
                <span>
                  {formatNumber(r.score, locale)} · {t(`band_${r.band}` as MessageKey)}
                </span>
                <span class={`pill ${r.onTime ? 'pill--ok' : 'pill--bad'}`}>
                  {r.onTime ? t('onTime') : t('late')}
                </span>
              </div>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
