import type { AdminOrgUnit, AdminUser } from '@duhop/shared';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api.ts';
import { patchUser, resetPassword } from '../../utils/admin/calls.ts';
import { useT } from '../../utils/i18n/index.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { failureText, rolesLabel } from './common.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { UserForm } from './user-form.tsx';

type Mode = 'view' | 'edit' | 'reset';

/** One account: its facts, and edit / reset password / deactivate (confirmed) / reactivate. */
export function UserRow(props: {
  user: AdminUser;
  units: readonly AdminOrgUnit[];
  onChanged: (u: AdminUser, message: string) => void;
}) {
  const t = useT();
  const u = props.user;
  const [mode, setMode] = useState<Mode>('view');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const setActive = async (active: boolean) => {
    setBusy(true);
    setFailure(null);
    const res = await patchUser(u.id, { active });
    setBusy(false);
    if (!res.ok) return setFailure(res);
    setConfirming(false);
    props.onChanged(
      res.data,
      t(active ? 'adm_userReactivated' : 'adm_userDeactivated', { name: u.displayName }),
    );
  };

  return (
    <>
      <tr data-user={u.username} class={u.active ? '' : 'row--inactive'}>
        <td>
          <code>{u.username}</code>
        </td>
        <td>{u.displayName}</td>
        <td>{rolesLabel(t, u)}</td>
        <td>{u.orgUnitName ?? props.units.find((x) => x.id === u.orgUnitId)?.name ?? '—'}</td>
        <td>
          {u.active ? (
            <span class="pill pill--ok">{t('adm_active')}</span>
          ) : (
            <span class="pill pill--bad">{t('adm_inactive')}</span>
          )}
          {u.mustChangePassword && u.active && (
            <span class="pill pill--warn">{t('adm_mustChange')}</span>
          )}
        </td>
        <td class="row-actions">
          <button
            type="button"
            aria-expanded={mode === 'edit'}
            onClick={() => setMode(mode === 'edit' ? 'view' : 'edit')}
            aria-label={`${t('adm_edit')} ${u.username}`}
          >
            {t('adm_edit')}
          </button>
          <button
            type="button"
            aria-expanded={mode === 'reset'}
            onClick={() => setMode(mode === 'reset' ? 'view' : 'reset')}
            disabled={!u.active}
          >
            {t('adm_resetPassword')}
          </button>
          {u.active ? (
            <button
              type="button"
              class="danger"
              onClick={() => {
                setFailure(null);
                setConfirming(true);
              }}
            >
              {t('adm_deactivate')}
            </button>
          ) : (
            <button type="button" onClick={() => void setActive(true)} disabled={busy}>
              {t('adm_reactivate')}
            </button>
          )}
          {failure && !confirming && (
            <small class="error-text" role="alert">
              {failureText(t, failure)}
            </small>
          )}
        </td>
      </tr>
      {mode === 'edit' && (
        <tr class="row-detail">
          <td colSpan={6}>
            <UserForm
              idPrefix={`u-${u.id}`}
              user={u}
              units={props.units}
              onSaved={(saved) => {
                setMode('view');
                props.onChanged(saved, t('adm_userSaved', { name: saved.username }));
              }}
              onCancel={() => setMode('view')}
            />
          </td>
        </tr>
      )}
      {mode === 'reset' && (
        <tr class="row-detail">
          <td colSpan={6}>
            <ResetPasswordForm
              user={u}
              onDone={(saved, password) => {
                setMode('view');
                props.onChanged(saved, t('adm_resetDone', { name: u.username, password }));
              }}
              onCancel={() => setMode('view')}
            />
          </td>
        </tr>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('adm_deactivateTitle', { name: u.username })}
        confirmLabel={t('adm_deactivate')}
        danger
        busy={busy}
        error={failure && failureText(t, failure)}
        onConfirm={() => void setActive(false)}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('adm_deactivateBody', { name: `${u.displayName} (${u.username})` })}</p>
      </ConfirmDialog>
    </>
  );
}

/** The admin types the temporary password (shown, so it can be read out); the API never returns one. */
function ResetPasswordForm(props: {
  user: AdminUser;
  onDone: (u: AdminUser, password: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const id = `u-${props.user.id}-pw`;
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (password.length < 8) return setErrors([t('pw_tooShort')]);
    setBusy(true);
    const res = await resetPassword(props.user.id, password);
    setBusy(false);
    if (res.ok) return props.onDone(res.data, password);
    setErrors(res.fields?.temporaryPassword ?? [failureText(t, res)]);
  };
  return (
    <form noValidate class="inline-form" onSubmit={submit} aria-busy={busy}>
      <Field
        id={id}
        label={t('adm_tempPassword', { name: props.user.username })}
        hint={t('adm_tempPasswordHint')}
        errors={errors}
      >
        <input
          {...describedBy(id, errors, 'hint')}
          type="text"
          autoComplete="off"
          spellcheck={false}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </Field>
      <p class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('adm_resetPassword')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </p>
    </form>
  );
}
