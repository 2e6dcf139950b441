import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useHashRoute, useOnline } from '../../utils/hash-route.ts';
import { useT } from '../../utils/i18n/index.ts';
import { sendMessage } from '../../utils/messaging.ts';
import { authExpiredItem, sessionItem } from '../../utils/storage.ts';
import { useStorageItem } from '../../utils/use-storage-item.ts';
import { PasswordChangeForm } from '../auth/password-change-form.tsx';
import { SignInForm } from '../auth/sign-in-form.tsx';
import { Loading, Notice } from '../ui/states.tsx';
import { screenFor } from './screens.tsx';
import { ServerSetup } from './server-setup.tsx';

/** Sign-in failures that say the server address is wrong or down, not the password. */
const UNREACHABLE = new Set(['NETWORK_ERROR', 'TIMEOUT', 'HTTP_404', 'HTTP_405']);

/** The observer's side panel: header, sign-in state and the screen of the address (screens.tsx). */
export function PanelApp() {
  const t = useT();
  const route = useHashRoute();
  const session = useStorageItem(sessionItem);
  const expired = useStorageItem(authExpiredItem);
  const online = useOnline();
  const wasOnline = useRef(online);
  const [reachFailed, setReachFailed] = useState(0);

  useEffect(() => {
    // Coming back online sends what waits at once; opening the panel sends only what is due.
    void sendMessage('outbox/flush', { force: online && !wasOnline.current });
    wasOnline.current = online;
  }, [online]);

  let screen: VNode;
  if (session === undefined) screen = <Loading />;
  else if (!session) {
    screen = (
      <section class="card">
        <h1>{t('signIn')}</h1>
        <p>{t('signInNeeded')}</p>
        <ServerSetup
          reachFailed={reachFailed > 0}
          key={reachFailed}
          onSaved={() => document.getElementById('signin-user')?.focus()}
        />
        <SignInForm onFailure={(code) => UNREACHABLE.has(code) && setReachFailed((n) => n + 1)} />
      </section>
    );
  } else if (session.user.mustChangePassword)
    screen = <PasswordChangeForm idPrefix="p-pw" required level={1} />;
  else {
    // Keyed by the address: another draft or report is a fresh screen, not the old one updated.
    const { screen: Screen, params } = screenFor(route);
    screen = (
      <Screen.component
        key={`${Screen.path}/${params[0] ?? ''}`}
        params={params}
        userId={session.user.id}
      />
    );
  }

  return (
    <div class="panel">
      <header class="topbar">
        <a href="#/" class="brand">
          {t('appName')}
        </a>
        {!online && (
          <span class="pill pill--warn" title={t('offline')}>
            {t('offlineShort')}
          </span>
        )}
        <span class="grow" />
        {session && <span class="who">{session.user.displayName}</span>}
        <button
          type="button"
          class="icon"
          title={t('openWorkspace')}
          aria-label={t('openWorkspace')}
          onClick={() =>
            void browser.tabs.create({ url: browser.runtime.getURL('/workspace.html') })
          }
        >
          ▦
        </button>
        <button
          type="button"
          class="icon"
          title={t('openSettings')}
          aria-label={t('openSettings')}
          onClick={() => browser.runtime.openOptionsPage()}
        >
          ⚙
        </button>
      </header>
      {!online && <Notice kind="warn">{t('offline')}</Notice>}
      {session && expired && !session.user.mustChangePassword && (
        <Notice kind="error">
          <p>{t('sessionExpired')}</p>
          <SignInForm idPrefix="reauth" />
        </Notice>
      )}
      <main>{screen}</main>
    </div>
  );
}
