import type { Issue } from '@duhop/shared';
import { formatDate } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { Empty } from '../ui/states.tsx';

/** Issues of a stored report with where they sit, their status and due date. */
export function IssueStatusList(props: { issues: readonly Issue[] }) {
  const t = useT();
  const locale = useLocale();
  if (!props.issues.length) return <Empty>{t('noIssues')}</Empty>;
  return (
    <ol class="issue-status">
      {props.issues.map((i) => (
        <li key={i.id} data-issue={i.id} data-status={i.status}>
          <strong>{i.title}</strong>
          <div class="meta">
            <span class={`pill pill--st-${i.status}`}>{t(`st_${i.status}` as MessageKey)}</span>
            <span>{t(`cat_${i.category}` as MessageKey)}</span>
            {i.urgency === 'urgent' && <span class="pill pill--bad">{t('urgency_urgent')}</span>}
          </div>
          {i.answeredAtMeeting ? (
            <div class="meta" data-testid="issue-answered-at-meeting">
              <span>{t('answeredAtMeetingBy', { by: i.answeredAtMeeting.by })}</span>
              <span>{i.answeredAtMeeting.answer}</span>
            </div>
          ) : (
            <div class="meta">
              <span data-testid="issue-body">{i.responsibleBodyName ?? i.responsibleBodyId}</span>
              <span>{t('dueAt', { date: formatDate(i.dueAt.slice(0, 10), locale) })}</span>
              {i.overdue && <span class="pill pill--bad">{t('isOverdue')}</span>}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
