import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useT } from '../../utils/i18n/index.ts';
import { signOut } from '../../utils/session.ts';
import { apiBaseItem, localeItem, normalizeApiBase, sessionItem, type Locale } from '../../utils/storage.ts';
import { useStorageItem } from '../../utils/use-live-query.ts';
import { PasswordChangeForm } from '../auth/password-change-form.tsx';
import { SignInForm } from '../auth/sign-in-form.tsx';
import { Field } from '../ui/field.tsx';
import { Notice } from '../ui/states.tsx';

/** Options: the API address (granted at run time when it is not the default), the account, the language. */
export function OptionsApp() {
  const t = useT();
  const base = useStorageItem(apiBaseItem);
  const session = useStorageItem(sessionItem);
  const locale = useStorageItem(localeItem) ?? 'vi';
  const [address, setAddress] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(null);
  const [changing, setChanging] = useState(false);
  useEffect(() => void (base !== undefined && setAddress(base)), [base]);

  const saveAddress = async (e: Event) => {
    e.preventDefault();
    const origin = normalizeApiBase(address);
    if (!origin) return setMessage({ kind: 'error', text: t('apiAddressInvalid') });
    // Ask for the origin within the click (a user gesture) but never wait on the prompt to save:
    // the API also answers extension origins over CORS, so a refusal is a warning, not a block.
    const pattern = `${origin}/*`;
    const granted = browser.permissions.contains({ origins: [pattern] }).then((has) => has || browser.permissions.request({ origins: [pattern] }));
    await apiBaseItem.setValue(origin);
    setAddress(origin);
    setMessage({ kind: 'ok', text: t('apiAddressSaved') });
    granted.then(
      (ok) => !ok && setMessage({ kind: 'warn', text: `${t('apiAddressSaved')} ${t('permissionDenied', { origin })}` }),
      () => setMessage({ kind: 'warn', text: `${t('apiAddressSaved')} ${t('permissionDenied', { origin })}` }),
    );
  };

  return (
    <main class="options">
      <h1>
        {t('appName')} · {t('settings')}
      </h1>
      <section class="card">
        <form onSubmit={saveAddress}>
          <Field id="o-api" label={t('apiAddress')} hint={t('apiAddressHint')}>
            <input id="o-api" name="api" type="url" inputMode="url" value={address} onInput={(e) => setAddress(e.currentTarget.value)} aria-describedby="o-api-hint" />
          </Field>
          <button type="submit">{t('save')}</button>
        </form>
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
      </section>
      <section class="card" aria-labelledby="o-account">
        <h2 id="o-account">{session ? t('signedInAs', { name: session.user.displayName }) : t('signIn')}</h2>
        {session ? (
          <>
            <p class="actions">
              <button type="button" onClick={() => void signOut()}>
                {t('signOut')}
              </button>
              <button type="button" class="link" aria-expanded={changing || !!session.user.mustChangePassword} onClick={() => setChanging(!changing)}>
                {t('pw_title')}
              </button>
            </p>
            {(changing || session.user.mustChangePassword) && <PasswordChangeForm idPrefix="o-pw" required={!!session.user.mustChangePassword} />}
          </>
        ) : (
          <SignInForm idPrefix="o-signin" />
        )}
      </section>
      <section class="card">
        <fieldset>
          <legend>{t('language')}</legend>
          {(['vi', 'en'] as Locale[]).map((l) => (
            <label key={l} class="check">
              <input type="radio" name="lang" value={l} checked={locale === l} onChange={() => void localeItem.setValue(l)} />
              {l === 'vi' ? t('langVi') : t('langEn')}
            </label>
          ))}
        </fieldset>
      </section>
    </main>
  );
}
