import { hasRole } from '@duhop/shared';
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useT } from '../../utils/i18n/index.ts';
import { changeApiBase, checkApiAddress } from '../../utils/api-address.ts';
import {
  apiBaseItem,
  localeItem,
  managedApiUrlItem,
  sessionItem,
  staffNotifyItem,
  adminProvinceWatchItem,
  type Locale,
} from '../../utils/storage.ts';
import { useStorageItem } from '../../utils/use-storage-item.ts';
import { PasswordChangeForm } from '../auth/password-change-form.tsx';
import { SignInForm } from '../auth/sign-in-form.tsx';
import { SignOutButton } from '../auth/sign-out-button.tsx';
import { describedBy, ErrorSummary, Field } from '../ui/field.tsx';

import { Notice } from '../ui/states.tsx';

/**
 * The email settings: their own chunk, fetched once a user is signed in (the page's weight guard,
 * e2e/weight.spec.ts); the chunk shows its own loading and error states.
 */
function EmailSettings() {
  const [Loaded, setLoaded] = useState<ComponentType | null>(null);
  useEffect(
    () =>
      void import('./email-settings.tsx').then(
        (m) => setLoaded(() => m.default),
        () => {},
      ),
    [],
  );
  return Loaded ? <Loaded /> : null;
}

/**
 * Options: the API address (set by the organisation's policy and then read-only, or typed here:
 * https, or http on this computer; granted at run time when it is not the built-in one), the
 * account, the language.
 */
export function OptionsApp() {
  const t = useT();
  const base = useStorageItem(apiBaseItem);
  const managedRaw = useStorageItem(managedApiUrlItem);
  const session = useStorageItem(sessionItem);
  const locale = useStorageItem(localeItem) ?? 'vi';
  const staffNotify = useStorageItem(staffNotifyItem) ?? false;
  const provinceWatch = useStorageItem(adminProvinceWatchItem) ?? true;
  // An administrator who is not also staff or leader: the watch is over the whole province.
  const adminWatch =
    !!session && hasRole(session.user, 'admin') && !hasRole(session.user, 'staff', 'leader');
  const [address, setAddress] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(
    null,
  );
  const [changing, setChanging] = useState(false);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const managedCheck =
    typeof managedRaw === 'string' && managedRaw.trim() ? checkApiAddress(managedRaw) : null;
  const managed = managedCheck?.ok ? managedCheck.origin : null;
  useEffect(
    () => void ((managed ?? base) !== undefined && setAddress(managed ?? base ?? '')),
    [base, managed],
  );

  const saveAddress = async (e: Event) => {
    e.preventDefault();
    if (managed) return;
    setMessage(null);
    const checked = checkApiAddress(address);
    if (!checked.ok)
      return setFieldError(
        t(checked.reason === 'insecure' ? 'apiAddressInsecure' : 'apiAddressInvalid'),
      );
    setFieldError(null);
    const origin = checked.origin;
    // Ask for the origin within the click (a user gesture) but never wait on the prompt to save:
    // the API also answers extension origins over CORS, so a refusal is a warning, not a block.
    const pattern = `${origin}/*`;
    const granted = browser.permissions
      .contains({ origins: [pattern] })
      .then((has) => has || browser.permissions.request({ origins: [pattern] }));
    const changed = await changeApiBase(origin);
    if (changed.managed) return setMessage({ kind: 'error', text: t('apiAddressManagedRefused') });
    setAddress(origin);
    const saved = changed.signedOut
      ? `${t('apiAddressSaved')} ${t('apiAddressSignedOut')}`
      : t('apiAddressSaved');
    setMessage({ kind: changed.signedOut ? 'warn' : 'ok', text: saved });
    granted.then(
      (ok) =>
        !ok && setMessage({ kind: 'warn', text: `${saved} ${t('permissionDenied', { origin })}` }),
      () => setMessage({ kind: 'warn', text: `${saved} ${t('permissionDenied', { origin })}` }),
    );
  };
  /** "Kiểm tra kết nối": asks the typed (or managed) address's /health; saves nothing. */
  const testAddress = async () => {
    setChecked(null);
    const checkedAddress = managed
      ? { ok: true as const, origin: managed }
      : checkApiAddress(address);
    if (!checkedAddress.ok)
      return setFieldError(
        t(checkedAddress.reason === 'insecure' ? 'apiAddressInsecure' : 'apiAddressInvalid'),
      );
    setFieldError(null);
    const origin = checkedAddress.origin;
    // Within the click (a user gesture), never awaited: the API answers extension origins over CORS.
    if (!managed) void browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
    setChecking(true);
    try {
      const run = (await import('./server-check-run.ts')).default;
      setChecked(await run(t, origin));
    } catch {
      setChecked({ kind: 'error', text: t('loadFailed') });
    } finally {
      setChecking(false);
    }
  };
  const errors = fieldError ? [fieldError] : [];

  return (
    <main class="options">
      <h1>
        {t('appName')} · {t('settings')}
      </h1>
      <section class="card">
        <form onSubmit={saveAddress} noValidate>
          <Field
            id="o-api"
            label={t('apiAddress')}
            hint={managed ? t('apiAddressManaged') : t('apiAddressHint')}
            errors={errors}
          >
            <input
              {...describedBy('o-api', errors, 'hint')}
              name="api"
              type="url"
              inputMode="url"
              value={address}
              readOnly={!!managed}
              data-managed={managed ? 'true' : undefined}
              onInput={(e) => {
                setAddress(e.currentTarget.value);
                setFieldError(null);
                setChecked(null);
              }}
            />
          </Field>
          <ErrorSummary count={errors.length ? 1 : 0} />
          <div class="actions actions--wrap">
            {!managed && <button type="submit">{t('save')}</button>}
            <button
              type="button"
              disabled={checking}
              aria-busy={checking}
              onClick={() => void testAddress()}
            >
              {checking ? t('sv_checking') : t('sv_check')}
            </button>
          </div>
        </form>
        {checked && (
          <p
            class={`notice ${checked.kind === 'ok' ? 'notice--ok' : 'notice--error'}`}
            role={checked.kind === 'ok' ? 'status' : 'alert'}
            data-testid="server-check"
          >
            {checked.text}
          </p>
        )}
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
      </section>
      <section class="card" aria-labelledby="o-account">
        <h2 id="o-account">
          {session ? t('signedInAs', { name: session.user.displayName }) : t('signIn')}
        </h2>
        {session ? (
          <>
            <div class="actions actions--wrap">
              <SignOutButton idPrefix="o-so" />
              <button
                type="button"
                class="link"
                aria-expanded={changing || !!session.user.mustChangePassword}
                onClick={() => setChanging(!changing)}
              >
                {t('pw_title')}
              </button>
            </div>
            {(changing || session.user.mustChangePassword) && (
              <PasswordChangeForm idPrefix="o-pw" required={!!session.user.mustChangePassword} />
            )}
          </>
        ) : (
          <SignInForm idPrefix="o-signin" />
        )}
      </section>
      {session && hasRole(session.user, 'staff', 'leader', 'admin') && (
        <section class="card">
          <fieldset>
            <legend>{t('sn_optionTitle')}</legend>
            {adminWatch && (
              <label class="check">
                <input
                  type="checkbox"
                  name="adminProvinceWatch"
                  aria-describedby="o-province-hint"
                  checked={provinceWatch}
                  onChange={(e) => void adminProvinceWatchItem.setValue(e.currentTarget.checked)}
                />
                {t('sn_provinceLabel')}
              </label>
            )}
            {adminWatch && (
              <p id="o-province-hint" class="hint">
                {t('sn_provinceHint')}
              </p>
            )}
            <label class="check">
              <input
                type="checkbox"
                name="staffNotify"
                aria-describedby="o-notify-hint"
                checked={staffNotify}
                disabled={adminWatch && !provinceWatch}
                onChange={(e) => void staffNotifyItem.setValue(e.currentTarget.checked)}
              />
              {t('sn_optionLabel')}
            </label>
            <p id="o-notify-hint" class="hint">
              {t('sn_optionHint')}
            </p>
          </fieldset>
        </section>
      )}
      {session && !session.user.mustChangePassword && <EmailSettings />}
      <section class="card">
        <fieldset>
          <legend>{t('language')}</legend>
          {(['vi', 'en'] as Locale[]).map((l) => (
            <label key={l} class="check">
              <input
                type="radio"
                name="lang"
                value={l}
                checked={locale === l}
                onChange={() => void localeItem.setValue(l)}
              />
              {l === 'vi' ? t('langVi') : t('langEn')}
            </label>
          ))}
        </fieldset>
      </section>
    </main>
  );
}
