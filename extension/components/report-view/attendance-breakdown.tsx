import type { ReportView } from '@duhop/shared';
import { formatNumber } from '../../utils/format.ts';
import { useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';

/**
 * The meeting format and the attendance breakdown of a stored report (issue 17): online, residence
 * members present (by name) and away for work, as far as the report stated them. `dt`/`dd` pairs
 * for the `dl` of the report view (side panel) and the report context (workspace).
 */
export function AttendanceBreakdownFacts({ view }: { view: ReportView }) {
  const t = useT();
  const locale = useLocale();
  const a = view.attendance as Record<string, number | undefined>;
  const parts = (['presentOnline', 'presentResidence', 'awayForWork'] as const)
    .filter((k) => typeof a[k] === 'number')
    .map((k) => `${t(`att_${k}` as MessageKey)}: ${formatNumber(a[k]!, locale)}`);
  const names = view.residenceMembersPresent ?? [];
  return (
    <>
      <dt>{t('meetingFormat')}</dt>
      <dd data-testid="view-format">
        {t(`format_${view.meetingFormat ?? 'in_person'}` as MessageKey)}
      </dd>
      {parts.length > 0 && (
        <>
          <dt>{t('breakdownTitle')}</dt>
          <dd data-testid="view-breakdown">{parts.join(' · ')}</dd>
        </>
      )}
      {names.length > 0 && (
        <>
          <dt>{t('residencePresentNames')}</dt>
          <dd data-testid="view-residence">{names.map((m) => m.fullName).join(', ')}</dd>
        </>
      )}
    </>
  );
}
