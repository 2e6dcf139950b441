import { CellType, OrgUnitKind, type AdminOrgUnit, type OrgUnitPatchInput } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../../utils/api.ts';
import { createUnit, patchUnit } from '../../utils/admin/calls.ts';
import { parentCandidates } from '../../utils/admin/org-tree.ts';
import { useT, type MessageKey } from '../../utils/i18n/index.ts';
import { describedBy, Field, NumberInput } from '../ui/field.tsx';
import { kindLabel, today, FormFooter, UnitSelect } from './common.tsx';
import { DateInput } from '../ui/date-input.tsx';

interface Draft {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string;
  validFrom: string;
  cellType: CellType | '';
  meetingDay: number | null;
}

const BOUND = ['id', 'name', 'kind', 'parentId', 'validFrom', 'cellType', 'meetingDay'];

/** Add a unit, or correct one in place (rename, move under another parent, a cell's type and meeting day). */
export function OrgUnitForm(props: {
  idPrefix: string;
  unit?: AdminOrgUnit;
  units: readonly AdminOrgUnit[];
  onSaved: (u: AdminOrgUnit) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const p = props.idPrefix;
  const u = props.unit;
  const root = props.units.find((x) => x.parentId === null);
  const [draft, setDraft] = useState<Draft>({
    id: u?.id ?? '',
    name: u?.name ?? '',
    kind: u?.kind ?? 'commune',
    parentId: u?.parentId ?? root?.id ?? '',
    validFrom: u?.validFrom ?? today(),
    cellType: u?.cellType ?? '',
    meetingDay: u?.meetingDay ?? null,
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft({ ...draft, [k]: v });
  const allowed = new Set(parentCandidates(props.units, today(), u?.id).map((x) => x.id));
  const isCell = draft.kind === 'cell';

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!u && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(draft.id)) local.id = [t('adm_idInvalid')];
    if (!draft.name.trim()) local.name = [t('required')];
    if (!draft.parentId && (u ? u.parentId !== null : draft.kind !== 'province'))
      local.parentId = [t('required')];
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    const cell = isCell ? { cellType: draft.cellType || null, meetingDay: draft.meetingDay } : {};
    let res: ApiResult<AdminOrgUnit>;
    if (u) {
      const patch: OrgUnitPatchInput = {};
      if (draft.name.trim() !== u.name) patch.name = draft.name.trim();
      if (draft.parentId && draft.parentId !== u.parentId) patch.parentId = draft.parentId;
      if (isCell && (draft.cellType || null) !== (u.cellType ?? null))
        patch.cellType = draft.cellType || null;
      if (isCell && draft.meetingDay !== (u.meetingDay ?? null))
        patch.meetingDay = draft.meetingDay;
      if (!Object.keys(patch).length) {
        setBusy(false);
        props.onCancel();
        return;
      }
      res = await patchUnit(u.id, patch);
    } else {
      res = await createUnit({
        id: draft.id,
        name: draft.name.trim(),
        kind: draft.kind,
        parentId: draft.parentId || null,
        validFrom: draft.validFrom,
        ...cell,
      });
    }
    setBusy(false);
    if (res.ok) return props.onSaved(res.data);
    setErrors(res.fields ?? {});
    setFailure(res);
  };

  return (
    <form
      noValidate
      class="card admin-form"
      onSubmit={submit}
      aria-busy={busy}
      aria-label={u ? t('adm_unitEdit', { name: u.name }) : t('adm_unitNew')}
    >
      <div class="grid2">
        {!u && (
          <Field
            id={`${p}-id`}
            label={t('adm_unitId')}
            hint={t('adm_unitIdHint')}
            errors={errors.id}
          >
            <input
              {...describedBy(`${p}-id`, errors.id, 'h')}
              spellcheck={false}
              value={draft.id}
              onInput={(e) => set('id', e.currentTarget.value.trim())}
            />
          </Field>
        )}
        <Field id={`${p}-name`} label={t('adm_unitName')} errors={errors.name}>
          <input
            {...describedBy(`${p}-name`, errors.name)}
            value={draft.name}
            onInput={(e) => set('name', e.currentTarget.value)}
          />
        </Field>
        {!u && (
          <Field id={`${p}-kind`} label={t('adm_kind')} errors={errors.kind}>
            <select
              {...describedBy(`${p}-kind`, errors.kind)}
              value={draft.kind}
              onChange={(e) => set('kind', e.currentTarget.value as OrgUnitKind)}
            >
              {OrgUnitKind.options.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(t, k)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {(!u || u.parentId !== null) && (
          <Field
            id={`${p}-parent`}
            label={u ? t('adm_moveUnder') : t('adm_parent')}
            errors={errors.parentId}
          >
            <UnitSelect
              id={`${p}-parent`}
              units={props.units}
              value={draft.parentId}
              onChange={(v) => set('parentId', v)}
              filter={(x) => allowed.has(x.id)}
              empty={t('adm_noParent')}
              invalid={!!errors.parentId}
            />
          </Field>
        )}
        {!u && (
          <Field id={`${p}-from`} label={t('adm_validFrom')} errors={errors.validFrom}>
            <DateInput
              {...describedBy(`${p}-from`, errors.validFrom)}
              required
              value={draft.validFrom}
              onValue={(v) => set('validFrom', v)}
            />
          </Field>
        )}
        {isCell && (
          <Field id={`${p}-celltype`} label={t('adm_cellType')} errors={errors.cellType}>
            <select
              {...describedBy(`${p}-celltype`, errors.cellType)}
              value={draft.cellType}
              onChange={(e) => set('cellType', e.currentTarget.value as CellType | '')}
            >
              <option value="">{t('adm_choose')}</option>
              {CellType.options.map((c) => (
                <option key={c} value={c}>
                  {t(`adm_cellType_${c}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {isCell && (
          <Field id={`${p}-day`} label={t('adm_meetingDay')} errors={errors.meetingDay}>
            <NumberInput
              id={`${p}-day`}
              value={draft.meetingDay}
              onValue={(v) => set('meetingDay', v)}
              min={1}
              max={31}
              errors={errors.meetingDay}
            />
          </Field>
        )}
      </div>
      <FormFooter
        errors={errors}
        bound={BOUND}
        failure={failure}
        submitLabel={u ? t('save') : t('adm_create')}
        busy={busy}
        onCancel={props.onCancel}
      />
    </form>
  );
}
