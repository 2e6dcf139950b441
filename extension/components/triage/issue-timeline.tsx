import type { IssueEvent, OrgUnit } from '@duhop/shared';
import { formatDate, formatDateTime } from '../../utils/format.ts';
import { hasMessage, useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { unitName } from '../../utils/triage/org-units.ts';

/** The issue's events, oldest first: what, who, when (vi-VN, Asia/Ho_Chi_Minh), the note, body moves. */
export function IssueTimeline(props: { events: readonly IssueEvent[]; units: readonly OrgUnit[] }) {
  const t = useT();
  const locale = useLocale();
  if (!props.events.length) return <p class="hint">{t('tg_noEvents')}</p>;
  return (
    <ol class="timeline">
      {props.events.map((e) => {
        const key = `ev_${e.type}`;
        const moved = e.fromBodyId && e.toBodyId && e.fromBodyId !== e.toBodyId;
        return (
          <li key={e.id} data-event={e.type}>
            <div class="timeline-head">
              <strong>{hasMessage(key) ? t(key as MessageKey) : e.type}</strong>
              <span class="meta">
                <span>{e.actorName ?? t('tg_system')}</span>
                <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>
                {e.toStatus && e.fromStatus !== e.toStatus && (
                  <span class={`pill pill--st-${e.toStatus}`}>
                    {t(`st_${e.toStatus}` as MessageKey)}
                  </span>
                )}
              </span>
            </div>
            {moved && (
              <div class="meta">
                {t('tg_moved', {
                  from: unitName(props.units, e.fromBodyId),
                  to: unitName(props.units, e.toBodyId),
                })}
              </div>
            )}
            {e.type === 'routed' && !moved && e.toBodyId && (
              <div class="meta">{unitName(props.units, e.toBodyId)}</div>
            )}
            {e.targetDate && (
              <div class="meta" data-testid="event-target-date">
                {t('tg_targetDateShown', { date: formatDate(e.targetDate, locale) })}
              </div>
            )}
            {e.note && <p class="prewrap note">{e.note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
