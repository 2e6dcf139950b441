import { useLoader } from '../ui/use-loader.ts';
import { useT } from '../../utils/i18n/index.ts';
import { loadMyYear } from '../../utils/synthesis/calls.ts';

/**
 * The member's own year in the side panel (`GET /api/me/year`): meetings attended and reported
 * of those due, on time, late, missing, and the issues they raised. Nothing is shown offline or
 * before the answer: the rest of the home works without it.
 */
export function MyYear(props: { year: number }) {
  const t = useT();
  const { state } = useLoader(() => loadMyYear(props.year), [props.year]);
  const v = state.data;
  const me = v?.totals;
  if (!me || me.expected === 0) return null;
  return (
    <section class="my-year" aria-labelledby="h-my-year" data-testid="my-year">
      <h2 id="h-my-year">{t('yv_myYear', { year: props.year })}</h2>
      <p>
        {t('yv_myYearLine', {
          attended: me.attended,
          due: me.expected - me.notDue,
          onTime: me.onTime,
          late: me.late,
          missing: me.missing,
        })}
      </p>
      {me.issues.raised > 0 && (
        <p class="hint">
          {t('yv_myIssuesLine', {
            raised: me.issues.raised,
            resolved: me.issues.resolved,
            overdue: me.issues.overdue,
          })}
        </p>
      )}
    </section>
  );
}
