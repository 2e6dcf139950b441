import { localDate, type OrgUnit } from '@duhop/shared';
import { useEffect, useRef } from 'preact/hooks';
import type { DraftRecord } from '../../utils/db.ts';
import { formatDate, formatDateTime } from '../../utils/format.ts';
import { navigate } from '../../utils/hash-route.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { sentSummary, type SentLine } from '../../utils/report/sent-summary.ts';

const TITLE: Record<string, MessageKey> = {
  sent: 'sentTitle',
  sending: 'sentSendingTitle',
  queued: 'sentQueuedTitle',
  returned: 'sentReturnedTitle',
};
const KIND: Record<string, string> = {
  sent: 'ok',
  sending: 'info',
  queued: 'warn',
  returned: 'error',
};

/**
 * Shown on home right after "Gửi báo cáo" (`#/sent/<id>`): where each issue went, from the
 * server's answer, or that it will go once the network (or a sign-in) allows. It follows the
 * outbox live: "Đang gửi…" turns into the bodies' names the moment the server answers.
 */
export function SentNotice(props: { record: DraftRecord; orgUnits: readonly OrgUnit[] }) {
  const t = useT();
  const locale = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = sentSummary(props.record, props.orgUnits);
  useEffect(() => heading.current?.focus(), [props.record.id]);
  if (!summary) return null;

  const lineText = (l: SentLine): string => {
    switch (l.state) {
      case 'to':
        return [
          t('sentTo', { name: l.bodyName ?? '' }),
          l.ackDueAt &&
            t('sentAckDue', { date: formatDate(localDate(new Date(l.ackDueAt)), locale) }),
          l.dueAt && t('sentDue', { date: formatDate(localDate(new Date(l.dueAt)), locale) }),
        ]
          .filter(Boolean)
          .join(' · ');
      case 'toUnknown':
        return t('sentToUnknown');
      case 'answered':
        return t('sentAnswered');
      case 'sending':
        return t('sentSending');
      case 'willGoTo':
        return t('sentWillGoTo', { name: l.bodyName ?? '' });
      case 'willGoAuth':
        return t('sentWillGoAuth');
      case 'willGoLimit':
        return t('sentWillGoLimit');
      default:
        return t('sentWillGo');
    }
  };

  return (
    <section
      class={`notice notice--${KIND[summary.phase]} sent-notice`}
      aria-labelledby="h-sent"
      data-sent={summary.phase}
    >
      <h2 id="h-sent" tabIndex={-1} ref={heading}>
        {t(TITLE[summary.phase]!)}
      </h2>
      <p>
        {t('sentIntro', {
          cell: summary.cellName,
          date: formatDate(summary.meetingDate, locale),
        })}
        {props.record.submittedAt &&
          ` ${t('submittedAt', { time: formatDateTime(props.record.submittedAt, locale) })}`}
      </p>
      {summary.phase === 'returned' ? (
        <p>{t('sentReturned')}</p>
      ) : summary.lines.length === 0 ? (
        <p>{t('sentNoIssues')}</p>
      ) : (
        <>
          <h3>{t('sentIssues')}</h3>
          <ol class="sent-issues" aria-live="polite">
            {summary.lines.map((l) => (
              <li key={l.id} data-sent-issue={l.state}>
                <strong>{l.title}</strong>
                <div class="meta">{lineText(l)}</div>
              </li>
            ))}
          </ol>
        </>
      )}
      <div class="actions">
        {summary.phase === 'sent' && (
          <button type="button" onClick={() => navigate('report', props.record.id)}>
            {t('sentView')}
          </button>
        )}
        {summary.phase === 'returned' && (
          <button type="button" onClick={() => navigate('draft', props.record.id)}>
            {t('continueDraft')}
          </button>
        )}
        <button type="button" class="link" onClick={() => navigate('')}>
          {t('sentClose')}
        </button>
      </div>
    </section>
  );
}
