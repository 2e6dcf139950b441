import type { AdminOrgUnit, RoutingRule } from '@duhop/shared';
import { moveTarget } from '../../utils/admin/rules.ts';
import { useT, type MessageKey, type Translate } from '../../utils/i18n/index.ts';

const nameOf = (units: readonly AdminOrgUnit[], id: string) =>
  units.find((u) => u.id === id)?.name ?? id;

/** "Đất đai · ở Hưng Nguyên · khẩn" — what a rule matches, in words. */
export function ruleCondition(
  t: Translate,
  r: RoutingRule,
  units: readonly AdminOrgUnit[],
): string {
  const parts = [
    r.category ? t(`cat_${r.category}` as MessageKey) : null,
    r.areaId ? t('adm_ruleIn', { area: nameOf(units, r.areaId) }) : null,
    r.urgency ? t(`urgency_${r.urgency}` as MessageKey) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : t('adm_ruleAny');
}

/** Where a rule sends an issue, in words. */
export function ruleTarget(t: Translate, r: RoutingRule, units: readonly AdminOrgUnit[]): string {
  if (r.targetBodyId) return nameOf(units, r.targetBodyId);
  return r.target === 'cell' ? t('adm_targetCell') : t('adm_targetTriage');
}

/** One rule of the ordered list: focusable, Alt+↑/↓ (Home/End) moves it; buttons do the same. */
export function RuleRow(props: {
  rule: RoutingRule;
  index: number;
  count: number;
  units: readonly AdminOrgUnit[];
  errors?: Record<string, string[]>;
  onMove: (to: number) => void;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const t = useT();
  const { rule: r, index, count } = props;
  const messages = Object.values(props.errors ?? {}).flat();
  return (
    <li
      class={`rule-row ${messages.length ? 'rule-row--error' : ''} ${r.active ? '' : 'rule-row--inactive'}`}
      data-rule={r.id}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the row is a tab stop on purpose: Alt+arrows move the rule, Enter edits it (see onKeyDown)
      tabIndex={0}
      aria-label={t('adm_ruleAria', {
        n: index + 1,
        condition: ruleCondition(t, r, props.units),
        target: ruleTarget(t, r, props.units),
      })}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        const to = moveTarget(e.key, e.altKey, index, count);
        if (to !== null) {
          e.preventDefault();
          props.onMove(to);
        } else if (e.key === 'Enter') props.onEdit();
      }}
    >
      <span class="rule-n">{index + 1}</span>
      <span class="grow">
        <span class="rule-cond">{ruleCondition(t, r, props.units)}</span> →{' '}
        <strong>{ruleTarget(t, r, props.units)}</strong>{' '}
        <span class="pill">{t(`adm_profile_${r.deadlineProfile}` as MessageKey)}</span>
        {!r.active && <span class="pill pill--warn">{t('adm_ruleInactive')}</span>}
        {messages.length > 0 && (
          <span role="alert">
            <ul class="errors">
              {messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </span>
        )}
      </span>
      <span class="row-actions">
        <button
          type="button"
          class="icon"
          aria-label={t('adm_moveUp')}
          title={t('adm_moveUp')}
          disabled={index === 0}
          onClick={() => props.onMove(index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          class="icon"
          aria-label={t('adm_moveDown')}
          title={t('adm_moveDown')}
          disabled={index === count - 1}
          onClick={() => props.onMove(index + 1)}
        >
          ↓
        </button>
        <button type="button" onClick={props.onEdit}>
          {t('adm_edit')}
        </button>
        <button type="button" class="danger" onClick={props.onRemove}>
          {t('adm_remove')}
        </button>
      </span>
    </li>
  );
}
