import {
  OrgUnitKind,
  type AdminOrgUnit,
  type OrgChangeResult,
  type OrgUnitMergeInput,
} from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { mergeUnits } from '../../utils/admin/calls.ts';
import { dayBefore, mergePreview, validity } from '../../utils/admin/org-tree.ts';
import { formatDate } from '../../utils/format.ts';
import { useLocale, useT } from '../../utils/i18n/index.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { Notice } from '../ui/states.tsx';
import { kindLabel, today, FormFooter } from './common.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { DateInput } from '../ui/date-input.tsx';

const byName = (a: AdminOrgUnit, b: AdminOrgUnit) => a.name.localeCompare(b.name, 'vi');

/**
 * Merging several units of one kind into an existing unit or a new one from an effective date.
 * The preview says what moves; the API answers with the counts it moved (issues, assignments…).
 */
export function OrgMergeForm(props: {
  units: readonly AdminOrgUnit[];
  onDone: (r: OrgChangeResult) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const [kind, setKind] = useState<OrgUnitKind>('commune');
  const [sources, setSources] = useState<string[]>([]);
  const [into, setInto] = useState<'existing' | 'new'>('existing');
  const [targetId, setTargetId] = useState('');
  const [newId, setNewId] = useState('');
  const [newName, setNewName] = useState('');
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const open = props.units
    .filter((u) => u.kind === kind && u.parentId !== null && validity(u, today()) === 'open')
    .sort(byName);
  const targets = open.filter((u) => !sources.includes(u.id));
  const preview = mergePreview(props.units, sources);
  const targetName =
    into === 'existing' ? (props.units.find((u) => u.id === targetId)?.name ?? '') : newName.trim();
  const toggle = (id: string, on: boolean) =>
    setSources(on ? [...sources, id] : sources.filter((s) => s !== id));

  const body = (): OrgUnitMergeInput => ({
    sourceIds: sources,
    ...(into === 'existing'
      ? { targetId }
      : { newUnit: { id: newId.trim(), name: newName.trim() } }),
    effectiveDate: date,
    ...(note.trim() ? { note: note.trim() } : {}),
  });
  const ask = (e: Event) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!sources.length) local.sourceIds = [t('adm_mergeNoSource')];
    if (into === 'existing' && !targetId) local.targetId = [t('adm_choose')];
    if (into === 'new' && !newId.trim()) local['newUnit.id'] = [t('required')];
    if (into === 'new' && !newName.trim()) local['newUnit.name'] = [t('required')];
    setErrors(local);
    setFailure(null);
    if (!Object.keys(local).length) setConfirming(true);
  };
  const run = async () => {
    setBusy(true);
    const res = await mergeUnits(body());
    setBusy(false);
    setConfirming(false);
    if (res.ok) return props.onDone(res.data);
    setErrors(res.fields ?? {});
    setFailure(res);
  };
  const sourceError = Object.entries(errors)
    .filter(([k]) => k.startsWith('sourceIds'))
    .flatMap(([, m]) => m);

  return (
    <form noValidate class="card admin-form merge-form" onSubmit={ask} aria-labelledby="merge-h">
      <h2 id="merge-h">{t('adm_mergeTitle')}</h2>
      <Field id="merge-kind" label={t('adm_kind')}>
        <select
          id="merge-kind"
          value={kind}
          onChange={(e) => {
            setKind(e.currentTarget.value as OrgUnitKind);
            setSources([]);
            setTargetId('');
          }}
        >
          {OrgUnitKind.options
            .filter((k) => k !== 'province')
            .map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
        </select>
      </Field>
      <fieldset
        class="source-list"
        aria-describedby={sourceError.length ? 'merge-src-err' : undefined}
      >
        <legend>{t('adm_mergeSources')}</legend>
        {open.map((u) => (
          <label key={u.id} class="check">
            <input
              type="checkbox"
              value={u.id}
              checked={sources.includes(u.id)}
              onChange={(e) => toggle(u.id, e.currentTarget.checked)}
            />
            {u.name}
          </label>
        ))}
        {sourceError.length > 0 && (
          <ul id="merge-src-err" class="errors">
            {sourceError.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('adm_mergeInto')}</legend>
        <label class="check">
          <input
            type="radio"
            name="merge-into"
            checked={into === 'existing'}
            onChange={() => setInto('existing')}
          />
          {t('adm_mergeExisting')}
        </label>
        <label class="check">
          <input
            type="radio"
            name="merge-into"
            checked={into === 'new'}
            onChange={() => setInto('new')}
          />
          {t('adm_mergeNew')}
        </label>
      </fieldset>
      <div class="grid2">
        {into === 'existing' ? (
          <Field id="merge-target" label={t('adm_mergeTarget')} errors={errors.targetId}>
            <select
              {...describedBy('merge-target', errors.targetId)}
              value={targetId}
              onChange={(e) => setTargetId(e.currentTarget.value)}
            >
              <option value="">{t('adm_choose')}</option>
              {targets.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <>
            <Field id="merge-new-id" label={t('adm_unitId')} errors={errors['newUnit.id']}>
              <input
                {...describedBy('merge-new-id', errors['newUnit.id'])}
                spellcheck={false}
                value={newId}
                onInput={(e) => setNewId(e.currentTarget.value)}
              />
            </Field>
            <Field id="merge-new-name" label={t('adm_unitName')} errors={errors['newUnit.name']}>
              <input
                {...describedBy('merge-new-name', errors['newUnit.name'])}
                value={newName}
                onInput={(e) => setNewName(e.currentTarget.value)}
              />
            </Field>
          </>
        )}
        <Field
          id="merge-date"
          label={t('adm_effectiveDate')}
          errors={errors.effectiveDate}
          hint={t('adm_effectiveHint', {
            date: formatDate(dayBefore(/^\d{4}-\d{2}-\d{2}$/.test(date) ? date : today()), locale),
          })}
        >
          <DateInput
            {...describedBy('merge-date', errors.effectiveDate, 'h')}
            value={date}
            onValue={setDate}
          />
        </Field>
        <Field id="merge-note" label={t('adm_note')} errors={errors.note}>
          <input
            {...describedBy('merge-note', errors.note)}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </Field>
      </div>
      {sources.length > 0 && (
        <Notice kind="info">
          <div data-testid="merge-preview">
            <p>
              {t('adm_mergePreviewHead', {
                names: preview.sources.map((s) => s.name).join(', '),
                target: targetName || '…',
                date: formatDate(date || today(), locale),
              })}
            </p>
            <p>
              {t('adm_mergePreviewGraph', { children: preview.children, cells: preview.cells })}
            </p>
            <p>{t('adm_whatMoves')}</p>
          </div>
        </Notice>
      )}
      <FormFooter
        errors={errors}
        bound={[
          'targetId',
          'newUnit.id',
          'newUnit.name',
          'effectiveDate',
          'note',
          ...Object.keys(errors).filter((k) => k.startsWith('sourceIds')),
        ]}
        failure={failure}
        submitLabel={`${t('adm_merge')}…`}
        danger
        onCancel={props.onCancel}
      />
      <ConfirmDialog
        open={confirming}
        title={t('adm_mergeTitle')}
        confirmLabel={t('adm_mergeConfirm')}
        danger
        busy={busy}
        onConfirm={() => void run()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {t('adm_mergePreviewHead', {
            names: preview.sources.map((s) => s.name).join(', '),
            target: targetName,
            date: formatDate(date || today(), locale),
          })}
        </p>
        <p>{t('adm_mergePreviewGraph', { children: preview.children, cells: preview.cells })}</p>
        <p class="hint">{t('adm_whatMoves')}</p>
      </ConfirmDialog>
    </form>
  );
}
