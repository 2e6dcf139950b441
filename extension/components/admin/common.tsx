import {
  endedBefore,
  localDate,
  rolesOf,
  type AdminOrgUnit,
  type OrgUnitKind,
  type Role,
  type RoleHolder,
} from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { listUnits } from '../../utils/admin/calls.ts';
import { treeRows } from '../../utils/admin/org-tree.ts';
import {
  errorText,
  fieldMessage,
  type MessageKey,
  type Translate,
} from '../../utils/i18n/index.ts';
import { useT } from '../../utils/i18n/index.ts';
import { ErrorSummary } from '../ui/field.tsx';

/** Small pieces every admin page uses: labels, today's date, the unit list, error text. */

export const ROLES: readonly Role[] = ['observer', 'staff', 'leader', 'admin'];
export const roleLabel = (t: Translate, r: Role) => t(`adm_role_${r}` as MessageKey);
/** Every role of an account, the primary first: "Cấp ủy viên dự sinh hoạt, Cán bộ tiếp nhận, xử lý". */
export const rolesLabel = (t: Translate, u: RoleHolder) =>
  rolesOf(u)
    .map((r) => roleLabel(t, r))
    .join(', ');
export const kindLabel = (t: Translate, k: OrgUnitKind) => t(`adm_kind_${k}` as MessageKey);

/** Today in Asia/Ho_Chi_Minh (the province's calendar, whatever the laptop's zone). */
export const today = () => localDate(new Date());

/** The message of a failure: the server's own sentence for validation errors (it names the row or field). */
export function failureText(t: Translate, f: ApiFailure): string {
  return f.code === 'VALIDATION_FAILED' && f.message
    ? fieldMessage(t, f.message)
    : errorText(t, f.code, f.message);
}

/** Field errors that no control on the form shows (e.g. `_` for a refused character). */
export function UnboundErrors(props: {
  fields?: Record<string, string[]>;
  bound: readonly string[];
}) {
  const t = useT();
  const rest = Object.entries(props.fields ?? {}).filter(([k]) => !props.bound.includes(k));
  if (!rest.length) return null;
  return (
    <div role="alert">
      <ul class="errors">
        {rest.flatMap(([k, ms]) =>
          ms.map((m) => (
            <li key={k + m}>{k === '_' ? fieldMessage(t, m) : `${k}: ${fieldMessage(t, m)}`}</li>
          )),
        )}
      </ul>
    </div>
  );
}

/**
 * The end of every admin form: field errors no control shows, a failure without fields, then the
 * submit and cancel buttons.
 */
export function FormFooter(props: {
  errors?: Record<string, string[]>;
  bound: readonly string[];
  failure: ApiFailure | null;
  submitLabel: string;
  danger?: boolean;
  busy?: boolean;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <>
      <ErrorSummary count={props.bound.filter((k) => props.errors?.[k]?.length).length} />
      <UnboundErrors fields={props.errors} bound={props.bound} />
      {props.failure && !props.failure.fields && (
        <p class="errors" role="alert">
          {failureText(t, props.failure)}
        </p>
      )}
      <p class="actions">
        <button
          type="submit"
          class={props.danger ? 'primary danger-fill' : 'primary'}
          disabled={props.busy}
        >
          {props.submitLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </p>
    </>
  );
}

export interface UnitsState {
  units: AdminOrgUnit[] | null;
  failure: ApiFailure | null;
  reload: () => Promise<void>;
}

/** The province's units (closed ones included) from `GET /api/admin/org-units`. */
export function useAdminUnits(provinceId?: string): UnitsState {
  const [units, setUnits] = useState<AdminOrgUnit[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const reload = async () => {
    setFailure(null);
    const res = await listUnits(provinceId);
    if (res.ok) setUnits(res.data.items);
    else setFailure(res);
  };
  useEffect(() => void reload(), [provinceId]);
  return { units, failure, reload };
}

/**
 * A `<select>` of units in tree order, indented by depth, with the kind after the name.
 * `filter` keeps only the units that may be chosen (their ancestors still show, disabled, for context).
 */
export function UnitSelect(props: {
  id: string;
  units: readonly AdminOrgUnit[];
  value: string;
  onChange: (id: string) => void;
  filter?: (u: AdminOrgUnit) => boolean;
  empty?: string;
  required?: boolean;
  describedBy?: string;
  invalid?: boolean;
}) {
  const t = useT();
  const allowed = props.filter ? new Set(props.units.filter(props.filter).map((u) => u.id)) : null;
  const open = props.units.filter((u) => !endedBefore(u, today()) || u.id === props.value);
  const rows = treeRows(open, today());
  return (
    <select
      id={props.id}
      value={props.value}
      required={props.required}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid ? 'true' : undefined}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      {props.empty !== undefined && <option value="">{props.empty}</option>}
      {rows.map(({ unit, depth }) => (
        <option key={unit.id} value={unit.id} disabled={allowed ? !allowed.has(unit.id) : false}>
          {`${'\u00a0\u00a0'.repeat(depth)}${unit.name} · ${kindLabel(t, unit.kind)}`}
        </option>
      ))}
    </select>
  );
}
