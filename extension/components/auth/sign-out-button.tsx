import { useState } from 'preact/hooks';
import { useT } from '../../utils/i18n/index.ts';
import { deviceReports, signOut, type DeviceReports } from '../../utils/session.ts';
import { sessionItem } from '../../utils/storage.ts';

/**
 * "Đăng xuất": when this device still holds the user's reports, asks first whether to remove
 * them (a shared office computer), warning that reports not yet sent would be lost; with nothing
 * stored it signs out at once.
 */
export function SignOutButton(props: { idPrefix?: string }) {
  const t = useT();
  const p = props.idPrefix ?? 'so';
  const [held, setHeld] = useState<DeviceReports | null>(null);
  const [removeDrafts, setRemoveDrafts] = useState(false);
  const [removeUnsent, setRemoveUnsent] = useState(false);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    const session = await sessionItem.getValue();
    const found = session ? await deviceReports(session.user.id) : { local: 0, unsent: 0 };
    if (found.local + found.unsent === 0) return void (await signOut('none'));
    setRemoveDrafts(false);
    setRemoveUnsent(false);
    setHeld(found);
  };
  const confirm = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    await signOut(removeDrafts ? (removeUnsent ? 'all' : 'drafts') : 'none');
    setBusy(false);
    setHeld(null);
  };

  if (!held)
    return (
      <button type="button" onClick={() => void start()}>
        {t('signOut')}
      </button>
    );
  return (
    <form
      noValidate
      class="card sign-out"
      aria-labelledby={`${p}-title`}
      onSubmit={confirm}
      aria-busy={busy}
    >
      <h3 id={`${p}-title`}>{t('signOutTitle')}</h3>
      {held.local + held.unsent > 0 && <p>{t('signOutLocal', { n: held.local + held.unsent })}</p>}
      <label class="check">
        <input
          id={`${p}-drafts`}
          type="checkbox"
          checked={removeDrafts}
          onChange={(e) => setRemoveDrafts(e.currentTarget.checked)}
        />
        {t('signOutRemoveDrafts')}
      </label>
      {held.unsent > 0 && (
        <div class="notice notice--warn" role="status">
          <p>{t('signOutUnsent', { n: held.unsent })}</p>
          <label class="check">
            <input
              id={`${p}-unsent`}
              type="checkbox"
              checked={removeDrafts && removeUnsent}
              disabled={!removeDrafts}
              onChange={(e) => setRemoveUnsent(e.currentTarget.checked)}
            />
            {t('signOutRemoveUnsent', { n: held.unsent })}
          </label>
        </div>
      )}
      <p class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('signOutConfirm')}
        </button>
        <button type="button" onClick={() => setHeld(null)}>
          {t('cancel')}
        </button>
      </p>
    </form>
  );
}
