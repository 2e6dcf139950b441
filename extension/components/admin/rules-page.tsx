import type { RoutingRule } from '@duhop/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { listRules, saveRules } from '../../utils/admin/calls.ts';
import {
  blankRule,
  moveItem,
  newRuleId,
  renumber,
  ruleErrors,
  rulesChanged,
} from '../../utils/admin/rules.ts';
import { localFields, useT } from '../../utils/i18n/index.ts';
import { Empty, ErrorBox, Loading, Notice } from '../ui/states.tsx';
import { failureText, useAdminUnits } from './common.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { ProvincePicker } from './province-picker.tsx';
import { RuleEditor } from './rule-editor.tsx';
import { RuleRow } from './rule-row.tsx';
import { RuleTest } from './rule-test.tsx';
import './admin.css';

/**
 * `#/admin-rules[/<provinceId>]`: the ordered routing rules. Edits make a draft on screen (reorder
 * with buttons or Alt+↑/↓, add, edit, remove); "Lưu" replaces the stored list after a confirmation.
 */
export function RulesPage(props: { params: string[] }) {
  const t = useT();
  const provinceId = props.params[0];
  const units = useAdminUnits(provinceId);
  const [saved, setSaved] = useState<RoutingRule[] | null>(null);
  const [draft, setDraft] = useState<RoutingRule[]>([]);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [errors, setErrors] = useState<Map<number, Record<string, string[]>>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [province, setProvince] = useState('');
  const focusId = useRef<string | null>(null);

  const load = async () => {
    setFailure(null);
    const res = await listRules(provinceId);
    if (!res.ok) return setFailure(res);
    setSaved(res.data.items);
    setDraft(res.data.items);
    setProvince(res.data.provinceId);
    setErrors(new Map());
  };
  useEffect(() => void load(), [provinceId]);
  useEffect(() => {
    if (!focusId.current) return;
    document.querySelector<HTMLElement>(`[data-rule="${CSS.escape(focusId.current)}"]`)?.focus();
    focusId.current = null;
  }, [draft]);

  if (!saved)
    return failure ? (
      <ErrorBox message={failureText(t, failure)} onRetry={() => void load()} />
    ) : (
      <Loading />
    );

  const changed = rulesChanged(saved, draft);
  const move = (from: number, to: number) => {
    focusId.current = draft[from]!.id;
    setDraft(moveItem(draft, from, to));
    setErrors(new Map());
    setMessage(null);
  };
  const put = (index: number | 'new', rule: RoutingRule) => {
    setDraft(index === 'new' ? [...draft, rule] : draft.map((r, i) => (i === index ? rule : r)));
    focusId.current = rule.id;
    setEditing(null);
    setMessage(null);
  };
  const save = async () => {
    setBusy(true);
    const res = await saveRules(renumber(draft), provinceId);
    setBusy(false);
    setConfirming(false);
    if (res.ok) {
      setSaved(res.data.items);
      setDraft(res.data.items);
      setErrors(new Map());
      return setMessage(t('adm_rulesSaved', { n: res.data.items.length }));
    }
    setErrors(ruleErrors(localFields(t, res.fields ?? {})));
    setFailure(res);
  };
  const added = draft.filter((r) => !saved.some((s) => s.id === r.id)).length;
  const removed = saved.filter((s) => !draft.some((r) => r.id === s.id)).length;
  const general = errors.get(-1);

  return (
    <section class="admin-page" aria-labelledby="h-rules">
      <h1 id="h-rules">{t('adm_rulesTitle')}</h1>
      {units.units && (
        <ProvincePicker page="admin-rules" provinceId={provinceId} units={units.units} />
      )}
      <p class="hint">{t('adm_rulesIntro')}</p>
      <p class="hint">{t('adm_rulesKeys')}</p>
      {message && <Notice kind="ok">{message}</Notice>}
      {failure && <Notice kind="error">{failureText(t, failure)}</Notice>}
      {general && <Notice kind="error">{Object.values(general).flat().join(' ')}</Notice>}
      {draft.length === 0 && <Empty>{t('adm_rulesEmpty')}</Empty>}
      <ol class="rule-list" aria-label={t('adm_rulesTitle')}>
        {draft.map((r, i) =>
          editing === i ? (
            <li key={r.id} class="rule-edit">
              <RuleEditor
                rule={r}
                units={units.units ?? []}
                taken={draft.filter((_, j) => j !== i).map((x) => x.id)}
                onApply={(rule) => put(i, rule)}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <RuleRow
              key={r.id}
              rule={r}
              index={i}
              count={draft.length}
              units={units.units ?? []}
              errors={errors.get(i)}
              onMove={(to) => move(i, to)}
              onEdit={() => setEditing(i)}
              onRemove={() => {
                setDraft(draft.filter((_, j) => j !== i));
                setErrors(new Map());
                setMessage(null);
              }}
            />
          ),
        )}
      </ol>
      {editing === 'new' ? (
        <RuleEditor
          rule={blankRule(newRuleId(draft, province || 'rule'))}
          isNew
          units={units.units ?? []}
          taken={draft.map((x) => x.id)}
          onApply={(rule) => put('new', rule)}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <p class="actions">
          <button type="button" onClick={() => setEditing('new')}>
            {t('adm_ruleAdd')}
          </button>
        </p>
      )}
      <div class="save-bar">
        <span class="grow">
          {changed ? t('adm_rulesUnsaved', { n: draft.length }) : t('adm_rulesUpToDate')}
        </span>
        <button
          type="button"
          onClick={() => {
            setDraft(saved);
            setErrors(new Map());
          }}
          disabled={!changed}
        >
          {t('adm_discard')}
        </button>
        <button
          type="button"
          class="primary"
          disabled={!changed || editing !== null}
          onClick={() => {
            setFailure(null);
            setConfirming(true);
          }}
        >
          {t('adm_rulesSave')}
        </button>
      </div>
      <RuleTest
        draft={draft}
        changed={changed}
        units={units.units ?? []}
        onRuleErrors={setErrors}
      />
      <ConfirmDialog
        open={confirming}
        title={t('adm_rulesConfirmTitle')}
        confirmLabel={t('adm_rulesSave')}
        danger
        busy={busy}
        onConfirm={() => void save()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('adm_rulesConfirm', { n: draft.length, added, removed })}</p>
        <p class="hint">{t('adm_rulesNewOnly')}</p>
      </ConfirmDialog>
    </section>
  );
}
