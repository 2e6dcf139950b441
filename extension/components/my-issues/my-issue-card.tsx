import { localDate, type Issue, type IssueWithEvents, type OrgUnit } from '@duhop/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { reopenDeadline } from '../../utils/triage/actions.ts';
import { getIssue } from '../../utils/triage/calls.ts';
import { ActionPanel } from '../triage/action-panel.tsx';
import { IssueTimeline } from '../triage/issue-timeline.tsx';

/**
 * One of the observer's issues: status, body, deadline, the answer; the reason it was returned
 * and the clarification form; reopening while the window is open.
 */
export function MyIssueCard(props: {
  issue: Issue;
  unseen: boolean;
  /** Opened from home ("Làm rõ"): scrolled into view, the focus on its first action. */
  focus?: boolean;
  units: readonly OrgUnit[];
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const locale = useLocale();
  const [detail, setDetail] = useState<IssueWithEvents | null>(null);
  const [showTimeline, setShowTimeline] = useState(false);
  const i = detail && detail.version >= props.issue.version ? detail : props.issue;
  const needsDetail = i.status === 'returned' || showTimeline;

  const loadDetail = async () => {
    const res = await getIssue(props.issue.id);
    if (res.ok) setDetail(res.data);
  };
  useEffect(() => {
    if (needsDetail) void loadDetail();
  }, [needsDetail, props.issue.version]);

  const card = useRef<HTMLDivElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (!props.focus || focused.current || !card.current) return;
    // Once the returned issue's detail (and so its action) is there, or at once for another status.
    if (i.status === 'returned' && !detail) return;
    focused.current = true;
    card.current.scrollIntoView({ block: 'start' });
    const first = card.current.querySelector<HTMLElement>('.action-buttons button, button');
    first?.focus();
  }, [props.focus, detail, i.status]);

  const returnNote = detail?.events
    .filter((e) => e.type === 'return_for_clarification')
    .at(-1)?.note;
  const until = reopenDeadline(i);
  const reopenOpen = until !== null && Date.now() <= until;

  return (
    <div
      ref={card}
      class="my-issue"
      data-my-issue={i.id}
      data-status={i.status}
      data-unseen={props.unseen}
    >
      <strong>{i.title}</strong>
      <div class="meta">
        <span class={`pill pill--st-${i.status}`} data-testid="my-issue-status">
          {t(`st_${i.status}` as MessageKey)}
        </span>
        {props.unseen && <span class="pill pill--draft">{t('my_new')}</span>}
        <span>{t(`cat_${i.category}` as MessageKey)}</span>
        {i.cellName && <span>{i.cellName}</span>}
      </div>
      <div class="meta">
        <span data-testid="my-issue-body">
          {i.answeredAtMeeting
            ? t('answeredAtMeetingBy', { by: i.answeredAtMeeting.by })
            : t('my_body', { name: i.responsibleBodyName ?? i.responsibleBodyId })}
        </span>
        {!until && <span>{t('dueAt', { date: formatDate(i.dueAt.slice(0, 10), locale) })}</span>}
        {i.overdue && <span class="pill pill--bad">{t('isOverdue')}</span>}
      </div>
      {i.answer && (
        <div class="answer" data-testid="my-issue-answer">
          <p class="prewrap">{i.answer}</p>
          {i.documentNo && (
            <p class="meta">
              {t('tg_documentNo')}: {i.documentNo}
            </p>
          )}
        </div>
      )}
      {i.status === 'returned' && returnNote && (
        <p class="notice notice--warn prewrap">{t('my_returnReason', { note: returnNote })}</p>
      )}
      {reopenOpen && (
        <p class="hint">
          {t('my_reopenUntil', { date: formatDate(localDate(new Date(until)), locale) })}
        </p>
      )}
      {(i.status === 'returned' || reopenOpen) && (
        <ActionPanel
          issue={i}
          kinds={['author']}
          idPrefix={`my-${i.id.slice(0, 8)}`}
          hidden={reopenOpen ? [] : ['reopen']}
          labels={{ clarify: 'my_clarifyButton', reopen: 'my_reopenButton' }}
          compact
          onUpdated={() => void props.onChanged().then(loadDetail)}
          onStale={async () => {
            await props.onChanged();
            await loadDetail();
          }}
        />
      )}
      <button
        type="button"
        class="link"
        aria-expanded={showTimeline}
        onClick={() => setShowTimeline(!showTimeline)}
      >
        {showTimeline ? t('my_hideTimeline') : t('my_showTimeline')}
      </button>
      {showTimeline && detail && <IssueTimeline events={detail.events} units={props.units} />}
    </div>
  );
}
