import { localDate, type Assignment } from '@duhop/shared';
import { formatDate, formatMonth, formatTime } from '../../utils/format.ts';
import { navigate } from '../../utils/hash-route.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import type { WaitingItem } from '../../utils/home-waiting.ts';
import { blankDraft } from '../../utils/report/report-model.ts';

/**
 * "Việc cần làm", first on home: issues returned to the member for clarification, then this
 * month's reports still owed; each one click from its action (the clarification form of the issue,
 * the draft of the report). `fetchedAt`: when shown from the cache (offline or the server failed).
 */
export function WaitingList(props: {
  items: readonly WaitingItem[];
  assignments: readonly Assignment[];
  userId: string;
  today: string;
  fetchedAt: number | null;
}) {
  const t = useT();
  const locale = useLocale();

  const start = async (cellId: string, draftId?: string) => {
    if (draftId) return navigate('draft', draftId);
    const a = props.assignments.find((x) => x.cellId === cellId);
    if (!a) return;
    // Dexie comes with the draft store (prefetched with the form once home is idle).
    const { createDraft } = await import('../../utils/report/draft-store.ts');
    navigate('draft', (await createDraft(props.userId, blankDraft(a, props.today))).id);
  };

  return (
    <section aria-labelledby="h-waiting" class="waiting" data-testid="waiting">
      <h2 id="h-waiting">
        {t('wt_title')}
        {props.items.length > 0 && ` (${props.items.length})`}
      </h2>
      {props.fetchedAt !== null && (
        <p class="hint" data-testid="waiting-updated">
          {t('wt_updatedAt', {
            // dd/mm/yyyy HH:mm, the date first (the issue's wording of the note).
            time: `${formatDate(localDate(new Date(props.fetchedAt)), locale)} ${formatTime(props.fetchedAt, locale)}`,
          })}
        </p>
      )}
      {props.items.length === 0 ? (
        <p class="hint">{t('wt_none')}</p>
      ) : (
        <ul class="rows">
          {props.items.map((w) =>
            w.kind === 'clarify' ? (
              <li key={w.issue.id} class="row" data-waiting="clarify" data-issue={w.issue.id}>
                <span class="grow">
                  <strong>{w.issue.title}</strong>
                  <span class="meta">
                    <span class="pill pill--warn">{t('wt_clarify')}</span>
                    {w.issue.cellName && <span>{w.issue.cellName}</span>}
                    <span>{t(`cat_${w.issue.category}` as MessageKey)}</span>
                  </span>
                </span>
                <a
                  class="button primary"
                  href={`#/my-issues/${w.issue.id}`}
                  aria-label={`${t('wt_clarifyAction')}: ${w.issue.title}`}
                >
                  {t('wt_clarifyAction')}
                </a>
              </li>
            ) : (
              <li
                key={w.cell.cellId}
                class="row"
                data-waiting="report"
                data-waiting-cell={w.cell.cellId}
              >
                <span class="grow">
                  <strong>{w.cell.cellName}</strong>
                  <span class="meta">
                    <span>{t('wt_report', { month: formatMonth(props.today.slice(0, 7)) })}</span>
                    {w.overdue ? <span class="pill pill--bad">{t('overdue')}</span> : null}
                    <span>{t('wt_reportDue', { date: formatDate(w.cell.dueDate, locale) })}</span>
                  </span>
                </span>
                <button
                  type="button"
                  class={w.cell.draftId ? undefined : 'primary'}
                  aria-label={`${t(w.cell.draftId ? 'continueDraft' : 'newReport')}: ${w.cell.cellName}`}
                  onClick={() => void start(w.cell.cellId, w.cell.draftId)}
                >
                  {t(w.cell.draftId ? 'continueDraft' : 'newReport')}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
