import type { MeResponse } from '@duhop/shared';
import { useEffect } from 'preact/hooks';
import { formatDate, formatMonth } from '../../utils/format.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import { sendMessage } from '../../utils/messaging.ts';
import type { CellMonth } from '../../utils/month-status.ts';
import { deadlineLine } from '../../utils/synthesis/reminders.ts';
import './synthesis.css';

/**
 * The side panel's "Hạn nộp: …" line above the assigned cells, with the cells still owing a report
 * while the deadline runs. Opening the panel also asks the background to check the reminders.
 */
export function DeadlineBanner(props: {
  me: MeResponse | null;
  cells: readonly CellMonth[];
  today: string;
}) {
  const t = useT();
  const locale = useLocale();
  useEffect(() => void sendMessage('deadline/check', {}), [props.me?.user.id]);
  const line = deadlineLine(props.cells, props.today);
  if (!props.me || !line) return null;
  return (
    <div class="deadline" data-testid="deadline">
      <p>
        <strong>
          {t('rm_dueLine', {
            month: formatMonth(props.today.slice(0, 7)),
            date: formatDate(line.dueDate, locale),
          })}
        </strong>
        {line.daysLeft > 0 && <span class="hint"> · {t('rm_daysLeft', { n: line.daysLeft })}</span>}
        {line.daysLeft === 0 && <span class="warn-text"> · {t('rm_today')}</span>}
        {line.daysLeft < 0 && <span class="hint"> · {t('rm_passed')}</span>}
      </p>
      {line.pending.length > 0 && line.daysLeft >= 0 && (
        <p class="warn-text" data-testid="deadline-pending">
          {t('rm_pending', { cells: line.pending.join(', ') })}
        </p>
      )}
    </div>
  );
}
