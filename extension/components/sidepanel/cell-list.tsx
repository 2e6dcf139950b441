import type { Assignment } from '@duhop/shared';
import { formatDate } from '../../utils/format.ts';
import { navigate } from '../../utils/hash-route.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import type { CellMonth, CellStatus } from '../../utils/month-status.ts';
import { blankDraft } from '../../utils/report/report-model.ts';

const STATUS_KEY: Record<CellStatus, MessageKey> = {
  none: 'statusNone',
  draft: 'statusDraft',
  queued: 'statusQueued',
  submitted: 'statusSubmitted',
};

/** Each assigned cell with this month's status and the one action that moves it forward. */
export function CellList(props: {
  cells: CellMonth[];
  assignments: Assignment[];
  userId: string;
  today: string;
}) {
  const t = useT();
  const locale = useLocale();

  const start = async (cellId: string) => {
    const a = props.assignments.find((x) => x.cellId === cellId);
    if (!a) return;
    // Dexie comes with the draft store (prefetched with the form once home is idle).
    const { createDraft } = await import('../../utils/report/draft-store.ts');
    const rec = await createDraft(props.userId, blankDraft(a, props.today));
    navigate('draft', rec.id);
  };

  return (
    <ul class="cells">
      {props.cells.map((c) => (
        <li key={c.cellId} class="cell-row" data-cell={c.cellId} data-status={c.status}>
          <div class="cell-main">
            <strong>{c.cellName}</strong>
            <span class="meta">
              <span class={`pill pill--${c.status}`}>{t(STATUS_KEY[c.status])}</span>
              {c.status === 'submitted' && c.onTime !== null && (
                <span class={`pill ${c.onTime ? 'pill--ok' : 'pill--bad'}`}>
                  {c.onTime ? t('onTime') : t('late')}
                </span>
              )}
              {c.status !== 'submitted' && c.late && (
                <span class="pill pill--bad">{t('overdue')}</span>
              )}
              {c.expected || c.status === 'submitted' ? (
                <span>{t('dueBy', { date: formatDate(c.dueDate, locale) })}</span>
              ) : (
                <span class="pill" data-not-expected>
                  {t('notExpectedThisMonth')}
                </span>
              )}
            </span>
          </div>
          {c.status === 'none' && (
            <button type="button" class="primary" onClick={() => start(c.cellId)}>
              {t('newReport')}
            </button>
          )}
          {c.status === 'draft' && c.draftId && (
            <button type="button" onClick={() => navigate('draft', c.draftId!)}>
              {t('continueDraft')}
            </button>
          )}
          {c.status === 'queued' && c.draftId && (
            <button type="button" onClick={() => navigate('draft', c.draftId!)}>
              {t('view')}
            </button>
          )}
          {c.status === 'submitted' && c.reportId && (
            <button type="button" onClick={() => navigate('report', c.reportId!)}>
              {t('view')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
