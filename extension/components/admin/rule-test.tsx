import {
  Category,
  type AdminOrgUnit,
  type RoutingRule,
  type RoutingTestResult,
  type Urgency,
} from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { testRules } from '../../utils/admin/calls.ts';
import { validity } from '../../utils/admin/org-tree.ts';
import { renumber, ruleErrors } from '../../utils/admin/rules.ts';
import { formatDateTime } from '../../utils/format.ts';
import { localFields, useLocale, useT, type MessageKey } from '../../utils/i18n/index.ts';
import { Field } from '../ui/field.tsx';
import { failureText, today, UnitSelect } from './common.tsx';
import { ruleCondition } from './rule-row.tsx';

/** "Thử quy tắc": where an issue raised now in a cell would go, with the stored rules or the draft. */
export function RuleTest(props: {
  draft: readonly RoutingRule[];
  changed: boolean;
  units: readonly AdminOrgUnit[];
  onRuleErrors: (e: Map<number, Record<string, string[]>>) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const [cellId, setCellId] = useState('');
  const [category, setCategory] = useState<Category>('dat_dai');
  const [urgency, setUrgency] = useState<Urgency>('normal');
  const [useDraft, setUseDraft] = useState(true);
  const [result, setResult] = useState<RoutingTestResult | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const draft = props.changed && useDraft;

  const run = async (e: Event) => {
    e.preventDefault();
    if (!cellId) return;
    setBusy(true);
    setFailure(null);
    const res = await testRules({
      cellId,
      category,
      urgency,
      ...(draft ? { rules: renumber(props.draft) } : {}),
    });
    setBusy(false);
    if (res.ok) return setResult(res.data);
    setResult(null);
    setFailure(res);
    if (res.fields) props.onRuleErrors(ruleErrors(localFields(t, res.fields)));
  };
  const index = result?.ruleId ? props.draft.findIndex((r) => r.id === result.ruleId) : -1;

  return (
    <section class="card rule-test" aria-labelledby="rule-test-h">
      <h2 id="rule-test-h">{t('adm_ruleTestTitle')}</h2>
      <form noValidate onSubmit={run} class="grid3">
        <Field id="rt-cell" label={t('adm_cell')}>
          <UnitSelect
            id="rt-cell"
            units={props.units}
            value={cellId}
            onChange={setCellId}
            filter={(u) => u.kind === 'cell' && validity(u, today()) === 'open'}
            empty={t('adm_choose')}
            required
          />
        </Field>
        <Field id="rt-cat" label={t('category')}>
          <select
            id="rt-cat"
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value as Category)}
          >
            {Category.options.map((c) => (
              <option key={c} value={c}>
                {t(`cat_${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="rt-urg" label={t('urgency')}>
          <select
            id="rt-urg"
            value={urgency}
            onChange={(e) => setUrgency(e.currentTarget.value as Urgency)}
          >
            <option value="normal">{t('urgency_normal')}</option>
            <option value="urgent">{t('urgency_urgent')}</option>
          </select>
        </Field>
        <p class="actions span-all">
          {props.changed && (
            <label class="check">
              <input
                type="checkbox"
                checked={useDraft}
                onChange={(e) => setUseDraft(e.currentTarget.checked)}
              />
              {t('adm_ruleTestDraft')}
            </label>
          )}
          <button type="submit" class="primary" disabled={!cellId || busy}>
            {busy ? t('adm_working') : t('adm_ruleTestRun')}
          </button>
        </p>
      </form>
      {failure && (
        <p class="errors" role="alert">
          {failureText(t, failure)}
        </p>
      )}
      {result && (
        <dl class="facts" data-testid="rule-test-result">
          <dt>{t('adm_ruleTestGoesTo')}</dt>
          <dd>
            <strong>{result.bodyName}</strong>
          </dd>
          <dt>{t('adm_ruleTestBy')}</dt>
          <dd>
            {result.rule
              ? t('adm_ruleTestRule', {
                  n: index >= 0 ? index + 1 : '?',
                  condition: ruleCondition(t, result.rule, props.units),
                })
              : t('adm_ruleTestDefault')}
            {draft && <span class="pill pill--warn">{t('adm_ruleTestDraftPill')}</span>}
          </dd>
          <dt>{t('adm_deadlineProfile')}</dt>
          <dd>
            {t('adm_ruleTestDays', {
              profile: t(`adm_profile_${result.profile}` as MessageKey),
              n: result.answerDays,
            })}
          </dd>
          <dt>{t('adm_ackDue')}</dt>
          <dd>{formatDateTime(result.ackDueAt, locale)}</dd>
          <dt>{t('adm_answerDue')}</dt>
          <dd>{formatDateTime(result.dueAt, locale)}</dd>
        </dl>
      )}
    </section>
  );
}
