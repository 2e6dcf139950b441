import { AWAITING_ACK_STATUSES, type Issue } from '@duhop/shared';
import { formatDate } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';

/** One inbox row: select box, title (opens the issue), status, category, cell, deadline. */
export function InboxRow(props: {
  issue: Issue;
  active: boolean;
  selected: boolean;
  showBody: boolean;
  onToggle: () => void;
  onFocus: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const i = props.issue;
  const waitingAck = AWAITING_ACK_STATUSES.includes(i.status) && i.ackDueAt;
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: options of the inbox listbox are not tab stops; the page's keyboard handler (j/k, x) moves the active row
    <li
      class="inbox-row"
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a row of the inbox listbox (see inbox-page), kept as a list item for its layout
      role="option"
      aria-selected={props.selected}
      data-active={props.active}
      data-inbox-issue={i.id}
      data-status={i.status}
      onMouseDown={props.onFocus}
    >
      <input
        type="checkbox"
        checked={props.selected}
        aria-label={t('tg_selectRow', { title: i.title })}
        onChange={props.onToggle}
        tabIndex={-1}
      />
      <div class="grow">
        <a href={`#/inbox/${encodeURIComponent(i.id)}`} class="title">
          {i.title}
        </a>
        <div class="meta">
          <span class={`pill pill--st-${i.status}`}>{t(`st_${i.status}` as MessageKey)}</span>
          <span>{t(`cat_${i.category}` as MessageKey)}</span>
          {i.urgency === 'urgent' && <span class="pill pill--bad">{t('urgency_urgent')}</span>}
          {i.cellName && <span>{t('tg_cellOf', { name: i.cellName })}</span>}
          {props.showBody && i.responsibleBodyName && <span>{i.responsibleBodyName}</span>}
          <span>
            {waitingAck
              ? t('tg_ackDue', { date: formatDate(i.ackDueAt!.slice(0, 10), locale) })
              : t('tg_due', { date: formatDate(i.dueAt.slice(0, 10), locale) })}
          </span>
          {i.overdue && <span class="pill pill--bad">{t('isOverdue')}</span>}
          {i.escalated && <span class="pill pill--warn">{t('tg_escalatedPill')}</span>}
        </div>
      </div>
    </li>
  );
}
