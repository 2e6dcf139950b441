import {
  normalizeRoles,
  type AdminOrgUnit,
  type AdminUser,
  type Role,
  type UserPatchInput,
} from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../../utils/api.ts';
import { createUser, patchUser } from '../../utils/admin/calls.ts';
import { validity } from '../../utils/admin/org-tree.ts';
import { fieldMessage, useT } from '../../utils/i18n/index.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { roleLabel, ROLES, today, FormFooter, UnitSelect } from './common.tsx';

interface Draft {
  username: string;
  displayName: string;
  role: Role;
  /** Roles held besides `role` (a member attending cells who also handles the body's issues). */
  also: Role[];
  orgUnitId: string;
  password: string;
  mustChangePassword: boolean;
}

const BOUND = ['username', 'displayName', 'role', 'roles', 'orgUnitId', 'password'];

/** Create an account (with a temporary password) or edit one (display name, roles, body). */
export function UserForm(props: {
  idPrefix: string;
  user?: AdminUser;
  units: readonly AdminOrgUnit[];
  onSaved: (u: AdminUser) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const p = props.idPrefix;
  const u = props.user;
  const [draft, setDraft] = useState<Draft>({
    username: u?.username ?? '',
    displayName: u?.displayName ?? '',
    role: u?.role ?? 'observer',
    also: (u?.roles ?? []).filter((r) => r !== u?.role),
    orgUnitId: u?.orgUnitId ?? '',
    password: '',
    mustChangePassword: true,
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft({ ...draft, [k]: v });

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!u && draft.username.trim().length < 3) local.username = [t('adm_usernameShort')];
    if (!draft.displayName.trim()) local.displayName = [t('required')];
    if (!draft.orgUnitId) local.orgUnitId = [t('required')];
    if (!u && draft.password.length < 8) local.password = [t('pw_tooShort')];
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    const { also, ...fields } = draft;
    const roles = normalizeRoles(draft.role, also);
    let res: ApiResult<AdminUser>;
    if (u) {
      const patch: UserPatchInput = {};
      if (draft.displayName.trim() !== u.displayName) patch.displayName = draft.displayName.trim();
      if (draft.role !== u.role) patch.role = draft.role;
      if (roles.join() !== normalizeRoles(u.role, u.roles).join()) patch.roles = roles;
      if (draft.orgUnitId !== u.orgUnitId) patch.orgUnitId = draft.orgUnitId;
      if (!Object.keys(patch).length) {
        setBusy(false);
        props.onCancel();
        return;
      }
      res = await patchUser(u.id, patch);
    } else {
      res = await createUser({
        ...fields,
        roles,
        username: draft.username.trim(),
        displayName: draft.displayName.trim(),
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
      aria-label={u ? t('adm_userEdit', { name: u.username }) : t('adm_userNew')}
    >
      <div class="grid2">
        {!u && (
          <Field
            id={`${p}-username`}
            label={t('username')}
            errors={errors.username}
            hint={t('adm_usernameHint')}
          >
            <input
              {...describedBy(`${p}-username`, errors.username, 'h')}
              autoComplete="off"
              spellcheck={false}
              value={draft.username}
              onInput={(e) => set('username', e.currentTarget.value)}
            />
          </Field>
        )}
        <Field id={`${p}-name`} label={t('adm_displayName')} errors={errors.displayName}>
          <input
            {...describedBy(`${p}-name`, errors.displayName)}
            value={draft.displayName}
            onInput={(e) => set('displayName', e.currentTarget.value)}
          />
        </Field>
        <Field id={`${p}-role`} label={t('adm_role')} errors={errors.role}>
          <select
            {...describedBy(`${p}-role`, errors.role)}
            value={draft.role}
            onChange={(e) => set('role', e.currentTarget.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(t, r)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset
          class={`field roles ${errors.roles ? 'field--invalid' : ''}`}
          aria-describedby={`${p}-roles-hint${errors.roles ? ` ${p}-roles-err` : ''}`}
        >
          <legend>{t('adm_roles')}</legend>
          {ROLES.filter((r) => r !== draft.role).map((r) => (
            <label key={r} class="check">
              <input
                type="checkbox"
                value={r}
                checked={draft.also.includes(r)}
                onChange={(e) =>
                  set(
                    'also',
                    e.currentTarget.checked
                      ? [...draft.also, r]
                      : draft.also.filter((x) => x !== r),
                  )
                }
              />
              {roleLabel(t, r)}
            </label>
          ))}
          <small id={`${p}-roles-hint`} class="hint">
            {t('adm_rolesHint')}
          </small>
          {errors.roles && (
            <ul id={`${p}-roles-err`} class="errors">
              {errors.roles.map((m) => (
                <li key={m}>{fieldMessage(t, m)}</li>
              ))}
            </ul>
          )}
        </fieldset>
        <Field id={`${p}-unit`} label={t('adm_unit')} errors={errors.orgUnitId}>
          <UnitSelect
            id={`${p}-unit`}
            units={props.units}
            value={draft.orgUnitId}
            onChange={(v) => set('orgUnitId', v)}
            filter={(x) => validity(x, today()) === 'open'}
            empty={t('adm_choose')}
            invalid={!!errors.orgUnitId}
          />
        </Field>
        {!u && (
          <Field
            id={`${p}-password`}
            label={t('adm_tempPasswordLabel')}
            errors={errors.password}
            hint={t('adm_tempPasswordHint')}
          >
            <input
              {...describedBy(`${p}-password`, errors.password, 'h')}
              type="text"
              autoComplete="off"
              spellcheck={false}
              value={draft.password}
              onInput={(e) => set('password', e.currentTarget.value)}
            />
          </Field>
        )}
      </div>
      {!u && (
        <label class="check">
          <input
            type="checkbox"
            checked={draft.mustChangePassword}
            onChange={(e) => set('mustChangePassword', e.currentTarget.checked)}
          />
          {t('adm_mustChangeAtSignIn')}
        </label>
      )}
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
