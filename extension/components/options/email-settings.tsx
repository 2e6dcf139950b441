import type { NotificationSettings } from '@duhop/shared';
import { useEffect, useState } from 'preact/hooks';
import { request, type ApiFailure } from '../../utils/api.ts';
import { emailVi } from '../../utils/i18n/email-vi.ts';
import { addMessages, errorText, useT } from '../../utils/i18n/index.ts';
import { describedBy, ErrorSummary, Field } from '../ui/field.tsx';
import { ErrorBox, Loading, Notice } from '../ui/states.tsx';

// This chunk's texts (kept off the options page's first load).
addMessages('vi', emailVi);

type Form = Pick<
  NotificationSettings,
  'email' | 'immediate' | 'digest' | 'digestHour' | 'ownIssues'
>;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * "Thông báo qua thư" on the options page (`/api/me/notification-settings`): the address, and the
 * options that apply to the account: staff get the immediate mail and the daily digest at an
 * hour of Vietnam time, members the mail about their own issues.
 */
export default function EmailSettings() {
  const t = useT();
  const [loaded, setLoaded] = useState<NotificationSettings | null>(null);
  const [loadFailure, setLoadFailure] = useState<ApiFailure | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setLoadFailure(null);
    const res = await request((c) => c.api.me['notification-settings'].$get());
    if (!res.ok) return setLoadFailure(res);
    setLoaded(res.data);
    setForm(res.data);
  };
  useEffect(() => void load(), []);

  if (loadFailure)
    return (
      <section class="card">
        <ErrorBox message={errorText(t, loadFailure.code, loadFailure.message)} onRetry={load} />
      </section>
    );
  if (!loaded || !form)
    return (
      <section class="card">
        <Loading />
      </section>
    );
  if (!loaded.staff && !loaded.member) return null;

  const set = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setMessage(null);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const email = form.email?.trim() || null;
    const local: Record<string, string[]> = {};
    if (!email && (form.immediate || form.digest || form.ownIssues))
      local.email = [t('em_needAddress')];
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const res = await request((c) =>
      c.api.me['notification-settings'].$put({
        json: {
          email,
          immediate: form.immediate,
          digest: form.digest,
          digestHour: form.digestHour,
          ownIssues: form.ownIssues,
        },
      }),
    );
    setBusy(false);
    if (!res.ok) {
      setErrors(res.fields ?? {});
      if (!res.fields) setMessage({ kind: 'error', text: errorText(t, res.code, res.message) });
      return;
    }
    setLoaded(res.data);
    setForm(res.data);
    setMessage({ kind: 'ok', text: t('em_saved') });
  };
  const count = Object.values(errors).flat().length;

  return (
    <section class="card" data-testid="email-settings">
      <form onSubmit={save} noValidate aria-busy={busy}>
        <fieldset>
          <legend>{t('em_title')}</legend>
          {!loaded.emailEnabled && <Notice kind="warn">{t('em_serverOff')}</Notice>}
          <Field
            id="o-em-address"
            label={t('em_address')}
            hint={t('em_addressHint')}
            errors={errors.email}
          >
            <input
              {...describedBy('o-em-address', errors.email, 'hint')}
              name="email"
              type="email"
              autoComplete="email"
              inputMode="email"
              value={form.email ?? ''}
              onInput={(e) => set({ email: e.currentTarget.value })}
            />
          </Field>
          {loaded.staff && (
            <>
              <label class="check">
                <input
                  type="checkbox"
                  name="immediate"
                  checked={form.immediate}
                  onChange={(e) => set({ immediate: e.currentTarget.checked })}
                />
                {t('em_immediate')}
              </label>
              {errors.immediate && <p class="errors">{errors.immediate.join(' ')}</p>}
              <label class="check">
                <input
                  type="checkbox"
                  name="digest"
                  checked={form.digest}
                  onChange={(e) => set({ digest: e.currentTarget.checked })}
                />
                {t('em_digest')}
              </label>
              <Field id="o-em-hour" label={t('em_digestHour')} errors={errors.digestHour}>
                <select
                  {...describedBy('o-em-hour', errors.digestHour)}
                  name="digestHour"
                  value={String(form.digestHour)}
                  disabled={!form.digest}
                  onChange={(e) => set({ digestHour: Number(e.currentTarget.value) })}
                >
                  {HOURS.map((h) => (
                    <option key={h} value={String(h)}>
                      {hh(h)}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          )}
          {loaded.member && (
            <label class="check">
              <input
                type="checkbox"
                name="ownIssues"
                checked={form.ownIssues}
                onChange={(e) => set({ ownIssues: e.currentTarget.checked })}
              />
              {t('em_ownIssues')}
            </label>
          )}
          <ErrorSummary count={count} />
          <button type="submit" disabled={busy}>
            {t('em_save')}
          </button>
          <div aria-live="polite">
            {message && <Notice kind={message.kind}>{message.text}</Notice>}
          </div>
        </fieldset>
      </form>
    </section>
  );
}
