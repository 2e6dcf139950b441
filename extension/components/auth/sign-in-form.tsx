import { useState } from 'preact/hooks';
import { errorText, useT } from '../../utils/i18n/index.ts';
import { signIn } from '../../utils/session.ts';
import { describedBy, Field } from '../ui/field.tsx';

/** Username and password against the configured API; used by the panel, options and workspace. */
export function SignInForm(props: {
  onDone?: () => void;
  /** Told the code of each refused sign-in (the panel opens the server address on a network error). */
  onFailure?: (code: string) => void;
  idPrefix?: string;
}) {
  const t = useT();
  const p = props.idPrefix ?? 'signin';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Empty boxes are said here, in the app's language (not by the browser's own bubble, in its).
  const [missing, setMissing] = useState<{ user: boolean; pass: boolean } | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const empty = { user: !username.trim(), pass: !password };
    if (empty.user || empty.pass) {
      setMissing(empty);
      document.getElementById(empty.user ? `${p}-user` : `${p}-pass`)?.focus();
      return;
    }
    setMissing(null);
    setBusy(true);
    const failure = await signIn(username.trim(), password);
    setBusy(false);
    if (failure) {
      setError(errorText(t, failure.code, failure.message));
      props.onFailure?.(failure.code);
    } else {
      setPassword('');
      props.onDone?.();
    }
  };

  const userErrors = missing?.user && !username.trim() ? [t('required')] : [];
  const passErrors = missing?.pass && !password ? [t('required')] : [];
  return (
    <form noValidate class="sign-in" onSubmit={submit} aria-busy={busy}>
      <Field id={`${p}-user`} label={t('username')} errors={userErrors}>
        <input
          {...describedBy(`${p}-user`, userErrors)}
          name="username"
          autoComplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${p}-pass`} label={t('password')} errors={passErrors}>
        <input
          {...describedBy(`${p}-pass`, passErrors)}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </Field>
      {error && (
        <p class="errors" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}
