import { useState } from 'preact/hooks';
import { errorText, useT } from '../../utils/i18n/index.ts';
import { changePassword } from '../../utils/auth/password-change.ts';
import { signOut } from '../../utils/session.ts';
import { describedBy, ErrorSummary, Field } from '../ui/field.tsx';
import { Notice } from '../ui/states.tsx';

const MIN = 8;

/**
 * "Đổi mật khẩu" (`POST /api/me/password`). `required`: the account holds a password someone else
 * set (new account, reset), so nothing else is reachable until it is changed; only signing out is.
 * As the whole screen (side panel, workspace) its title is the page's one `<h1>`; on the options
 * page it sits under the account's `<h2>`.
 */
export function PasswordChangeForm(props: {
  idPrefix?: string;
  required?: boolean;
  /** The heading's level: `h1` when the form is the whole screen (forced change), else `h3`. */
  level?: 1 | 3;
  onDone?: () => void;
}) {
  const t = useT();
  const p = props.idPrefix ?? 'pw';
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!current) local.currentPassword = [t('required')];
    if (next.length < MIN) local.newPassword = [t('pw_tooShort')];
    else if (next === current) local.newPassword = [t('pw_same')];
    if (again !== next) local.again = [t('pw_mismatch')];
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    const res = await changePassword(current, next);
    setBusy(false);
    if (res) {
      setErrors(res.fields ?? {});
      if (!res.fields) setFailure(errorText(t, res.code, res.message));
      return;
    }
    setCurrent('');
    setNext('');
    setAgain('');
    setDone(true);
    props.onDone?.();
  };

  return (
    <form
      noValidate
      class="password-form"
      onSubmit={submit}
      aria-labelledby={`${p}-h`}
      aria-busy={busy}
    >
      {props.level === 1 ? (
        <h1 id={`${p}-h`}>{t('pw_title')}</h1>
      ) : (
        <h3 id={`${p}-h`}>{t('pw_title')}</h3>
      )}
      {props.required && <Notice kind="warn">{t('pw_required')}</Notice>}
      {done && <Notice kind="ok">{t('pw_done')}</Notice>}
      <Field id={`${p}-current`} label={t('pw_current')} errors={errors.currentPassword}>
        <input
          {...describedBy(`${p}-current`, errors.currentPassword)}
          type="password"
          autoComplete="current-password"
          value={current}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${p}-new`} label={t('pw_new')} hint={t('pw_hint')} errors={errors.newPassword}>
        <input
          {...describedBy(`${p}-new`, errors.newPassword, 'h')}
          type="password"
          autoComplete="new-password"
          value={next}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${p}-again`} label={t('pw_again')} errors={errors.again}>
        <input
          {...describedBy(`${p}-again`, errors.again)}
          type="password"
          autoComplete="new-password"
          value={again}
          onInput={(e) => setAgain(e.currentTarget.value)}
        />
      </Field>
      {failure && (
        <p class="errors" role="alert">
          {failure}
        </p>
      )}
      <ErrorSummary count={Object.values(errors).filter((m) => m?.length).length} />
      <p class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('pw_submit')}
        </button>
        {props.required && (
          <button type="button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        )}
      </p>
    </form>
  );
}
