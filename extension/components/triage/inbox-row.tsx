import type { Issue } from '@duhop/shared';
import { formatDate, formatDateTime } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { ageInDays, deadlinesOf } from '../../utils/triage/triage-table.ts';

/**
 * One row of the triage table: select box, title (opens the issue), category, origin (cell and
 * commune), status, both deadlines with the one that matters marked, age and last activity.
 */
export function InboxRow(props: {
  issue: Issue;
  href: string;
  active: boolean;
  selected: boolean;
  showBody: boolean;
  now: Date;
  onToggle: () => void;
  onFocus: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const i = props.issue;
  const d = deadlinesOf(i);
  const age = ageInDays(i.createdAt, props.now);
  const deadline = (kind: 'ack' | 'answer', date: string | null) => {
    const current = d.current === kind;
    return (
      <td
        class="deadline"
        data-deadline={kind}
        data-current={current}
        data-overdue={current && i.overdue}
      >
        {date ? formatDate(date, locale) : '—'}
        {current && <span class="sr-only"> ({t('tg_deadlineMatters')})</span>}
      </td>
    );
  };
  return (
    <tr
      class="inbox-row"
      data-active={props.active}
      data-selected={props.selected}
      data-inbox-issue={i.id}
      data-status={i.status}
      onMouseDown={props.onFocus}
    >
      <td class="check-cell">
        <input
          type="checkbox"
          checked={props.selected}
          aria-label={t('tg_selectRow', { title: i.title })}
          onChange={props.onToggle}
          tabIndex={-1}
        />
      </td>
      <th scope="row" class="title-cell">
        <a href={props.href} class="title">
          {i.title}
        </a>
        {(i.urgency === 'urgent' || i.overdue || i.escalated) && (
          <span class="flags">
            {i.urgency === 'urgent' && <span class="pill pill--bad">{t('urgency_urgent')}</span>}
            {i.overdue && <span class="pill pill--bad">{t('isOverdue')}</span>}
            {i.escalated && <span class="pill pill--warn">{t('tg_escalatedPill')}</span>}
          </span>
        )}
      </th>
      <td>{t(`cat_${i.category}` as MessageKey)}</td>
      <td class="origin">
        <span>{i.cellName ?? '—'}</span>
        {i.communeName && <span class="muted">{i.communeName}</span>}
      </td>
      {props.showBody && <td>{i.responsibleBodyName ?? '—'}</td>}
      <td>
        <span class={`pill pill--st-${i.status}`}>{t(`st_${i.status}` as MessageKey)}</span>
      </td>
      {deadline('ack', d.ack)}
      {deadline('answer', d.answer)}
      <td class="num">{age === 0 ? t('tg_ageToday') : t('tg_ageDays', { n: age })}</td>
      <td class="num">
        <time dateTime={i.updatedAt}>{formatDateTime(i.updatedAt, locale)}</time>
      </td>
    </tr>
  );
}
