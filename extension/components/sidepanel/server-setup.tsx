import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  changeApiBase,
  checkApiAddress,
  getApiBase,
  getManagedApiBase,
  isApiBaseChosen,
} from '../../utils/api-address.ts';
import { useT } from '../../utils/i18n/index.ts';
import { checkServer, type ServerCheck } from '../../utils/server-check.ts';
import { describedBy, Field } from '../ui/field.tsx';
import { ServerCheckResult, type ServerCheckShown, serverCheckText } from './server-check.tsx';

type Shown = ServerCheckShown;

/**
 * The server address on the side panel's sign-in screen. A first run (no address chosen) shows the
 * field at once; otherwise one line with the address and a way to change it, opened by itself when
 * signing in says the server cannot be reached (`reachFailed`). "Kiểm tra kết nối" asks the
 * address's /health and, when a duhop server answers, saves it where the options page does. An
 * address set by the organisation's policy is shown read only (it can still be tested).
 */
export function ServerSetup(props: { reachFailed: boolean; onSaved: () => void }) {
  const t = useT();
  const [state, setState] = useState<{ base: string; chosen: boolean; managed: boolean } | null>(
    null,
  );
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void Promise.all([getApiBase(), isApiBaseChosen(), getManagedApiBase()]).then(
      ([base, chosen, managed]) => {
        setState({ base, chosen, managed: !!managed });
        setAddress(base);
        if (!chosen) setOpen(true);
      },
    );
  }, []);
  useEffect(() => {
    if (props.reachFailed && state && !state.managed) {
      setOpen(true);
      requestAnimationFrame(() => input.current?.focus());
    }
  }, [props.reachFailed, state?.managed]);

  if (!state) return null;

  const answer = (origin: string, r: ServerCheck, saved: boolean): Shown =>
    serverCheckText(
      t,
      origin,
      r,
      r.ok && saved ? t('sv_okSaved', { name: r.name, version: r.version }) : undefined,
    );

  const test = async (e: Event) => {
    e.preventDefault();
    setShown(null);
    const origin = state.managed ? state.base : checkApiAddress(address);
    if (typeof origin !== 'string' && !origin.ok) {
      setFieldError(t(origin.reason === 'insecure' ? 'apiAddressInsecure' : 'apiAddressInvalid'));
      input.current?.focus();
      return;
    }
    const target = typeof origin === 'string' ? origin : origin.origin;
    setFieldError(null);
    // Asked within the click (a user gesture), never awaited: the API answers extension origins
    // over CORS, the permission only matters for reading what another server answers.
    if (!state.managed)
      void browser.permissions.request({ origins: [`${target}/*`] }).catch(() => false);
    setBusy(true);
    const result = await checkServer(target);
    let saved = false;
    if (result.ok && !state.managed) {
      saved = !(await changeApiBase(target)).managed;
      if (saved) {
        setState({ ...state, base: target, chosen: true });
        setAddress(target);
      }
    }
    setBusy(false);
    setShown(answer(target, result, saved));
    if (saved) props.onSaved();
  };

  const errors = fieldError ? [fieldError] : [];
  const result = <ServerCheckResult shown={shown} />;

  if (state.managed)
    return (
      <form noValidate class="server-setup" onSubmit={test} aria-busy={busy}>
        <p data-managed="true">{t('sv_managed', { address: state.base })}</p>
        <button type="submit" disabled={busy}>
          {busy ? t('sv_checking') : t('sv_check')}
        </button>
        {result}
      </form>
    );

  if (!open)
    return (
      <p class="server-setup meta">
        <span>{t('sv_current', { address: state.base })}</span>
        <button type="button" class="link" aria-expanded="false" onClick={() => setOpen(true)}>
          {t('sv_change')}
        </button>
      </p>
    );

  return (
    <form class="server-setup" onSubmit={test} noValidate aria-busy={busy}>
      {!state.chosen && <p>{t('sv_none')}</p>}
      <Field id="p-api" label={t('apiAddress')} hint={t('apiAddressHint')} errors={errors}>
        <input
          ref={input}
          {...describedBy('p-api', errors, 'hint')}
          name="api"
          type="url"
          inputMode="url"
          autoComplete="url"
          value={address}
          onInput={(e) => {
            setAddress(e.currentTarget.value);
            setFieldError(null);
            setShown(null);
          }}
        />
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? t('sv_checking') : t('sv_check')}
      </button>
      {result}
    </form>
  );
}
