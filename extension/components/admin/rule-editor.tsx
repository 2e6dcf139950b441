import {
  Category,
  DeadlineProfile,
  RESPONSIBLE_KINDS,
  type AdminOrgUnit,
  type RoutingRule,
  type Urgency,
} from '@duhop/shared';
import { useState } from 'preact/hooks';
import { validity } from '../../utils/admin/org-tree.ts';
import { useT, type MessageKey } from '../../utils/i18n/index.ts';
import { describedBy, ErrorSummary, Field } from '../ui/field.tsx';
import { today, UnitSelect } from './common.tsx';

type TargetKind = 'triage' | 'cell' | 'body';

/** One rule's form; "Áp dụng" changes the draft list only (the page saves the whole list). */
export function RuleEditor(props: {
  rule: RoutingRule;
  isNew?: boolean;
  units: readonly AdminOrgUnit[];
  taken: readonly string[];
  onApply: (r: RoutingRule) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const p = `rule-${props.isNew ? 'new' : props.rule.id}`;
  const [r, setR] = useState<RoutingRule>(props.rule);
  const [kind, setKind] = useState<TargetKind>(
    props.rule.targetBodyId ? 'body' : (props.rule.target ?? 'triage'),
  );
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const set = <K extends keyof RoutingRule>(k: K, v: RoutingRule[K]) => setR({ ...r, [k]: v });
  const day = today();

  const apply = (e: Event) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(r.id)) local.id = [t('adm_idInvalid')];
    else if (props.taken.includes(r.id)) local.id = [t('adm_ruleIdTaken')];
    if (kind === 'body' && !r.targetBodyId) local.targetBodyId = [t('adm_choose')];
    setErrors(local);
    if (Object.keys(local).length) return;
    props.onApply({
      ...r,
      target: kind === 'body' ? null : kind,
      targetBodyId: kind === 'body' ? r.targetBodyId : null,
    });
  };

  return (
    <form
      noValidate
      class="card admin-form rule-editor"
      onSubmit={apply}
      aria-label={props.isNew ? t('adm_ruleAdd') : t('adm_ruleEdit', { id: r.id })}
    >
      <div class="grid2">
        {props.isNew && (
          <Field id={`${p}-id`} label={t('adm_ruleId')} errors={errors.id}>
            <input
              {...describedBy(`${p}-id`, errors.id)}
              spellcheck={false}
              value={r.id}
              onInput={(e) => set('id', e.currentTarget.value.trim())}
            />
          </Field>
        )}
        <Field id={`${p}-cat`} label={t('category')}>
          <select
            id={`${p}-cat`}
            value={r.category ?? ''}
            onChange={(e) => set('category', (e.currentTarget.value || null) as Category | null)}
          >
            <option value="">{t('adm_anyCategory')}</option>
            {Category.options.map((c) => (
              <option key={c} value={c}>
                {t(`cat_${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${p}-area`} label={t('adm_ruleArea')}>
          <UnitSelect
            id={`${p}-area`}
            units={props.units}
            value={r.areaId ?? ''}
            onChange={(v) => set('areaId', v || null)}
            filter={(u) => u.kind !== 'cell' && validity(u, day) === 'open'}
            empty={t('adm_anyArea')}
          />
        </Field>
        <Field id={`${p}-urg`} label={t('urgency')}>
          <select
            id={`${p}-urg`}
            value={r.urgency ?? ''}
            onChange={(e) => set('urgency', (e.currentTarget.value || null) as Urgency | null)}
          >
            <option value="">{t('adm_anyUrgency')}</option>
            <option value="normal">{t('urgency_normal')}</option>
            <option value="urgent">{t('urgency_urgent')}</option>
          </select>
        </Field>
      </div>
      <fieldset>
        <legend>{t('adm_ruleTarget')}</legend>
        {(['triage', 'cell', 'body'] as const).map((k) => (
          <label key={k} class="check">
            <input
              type="radio"
              name={`${p}-target`}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {t(
              k === 'triage'
                ? 'adm_targetTriage'
                : k === 'cell'
                  ? 'adm_targetCell'
                  : 'adm_targetBody',
            )}
          </label>
        ))}
      </fieldset>
      <div class="grid2">
        {kind === 'body' && (
          <Field id={`${p}-body`} label={t('adm_targetBodyLabel')} errors={errors.targetBodyId}>
            <UnitSelect
              id={`${p}-body`}
              units={props.units}
              value={r.targetBodyId ?? ''}
              onChange={(v) => set('targetBodyId', v || null)}
              filter={(u) => RESPONSIBLE_KINDS.includes(u.kind) && validity(u, day) === 'open'}
              empty={t('adm_choose')}
              invalid={!!errors.targetBodyId}
            />
          </Field>
        )}
        <Field id={`${p}-profile`} label={t('adm_deadlineProfile')}>
          <select
            id={`${p}-profile`}
            value={r.deadlineProfile}
            onChange={(e) => set('deadlineProfile', e.currentTarget.value as DeadlineProfile)}
          >
            {DeadlineProfile.options.map((d) => (
              <option key={d} value={d}>
                {t(`adm_profile_${d}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={r.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
        />
        {t('adm_ruleActive')}
      </label>
      <ErrorSummary count={Object.values(errors).filter((m) => m?.length).length} />
      <p class="actions">
        <button type="submit" class="primary">
          {t('adm_apply')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </p>
    </form>
  );
}
