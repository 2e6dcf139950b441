import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useHashRoute, useOnline } from '../../utils/hash-route.ts';
import { useT } from '../../utils/i18n/index.ts';
import { sendMessage } from '../../utils/messaging.ts';
import { authExpiredItem, sessionItem } from '../../utils/storage.ts';
import { useStorageItem } from '../../utils/use-live-query.ts';
import { PasswordChangeForm } from '../auth/password-change-form.tsx';
import { SignInForm } from '../auth/sign-in-form.tsx';
import { MyIssuesPage } from '../my-issues/my-issues-page.tsx';
import { ReportForm } from '../report-form/report-form.tsx';
import { ReportView } from '../report-view/report-view.tsx';
import { Loading, Notice } from '../ui/states.tsx';
import { Home } from './home.tsx';

/** The observer's side panel: header, sign-in state and the three screens. */
export function PanelApp() {
  const t = useT();
  const route = useHashRoute();
  const session = useStorageItem(sessionItem);
  const expired = useStorageItem(authExpiredItem);
  const online = useOnline();
  const wasOnline = useRef(online);

  useEffect(() => {
    // Coming back online sends what waits at once; opening the panel sends only what is due.
    void sendMessage('outbox/flush', { force: online && !wasOnline.current });
    wasOnline.current = online;
  }, [online]);

  let screen;
  if (session === undefined) screen = <Loading />;
  else if (!session) {
    screen = (
      <section class="card">
        <p>{t('signInNeeded')}</p>
        <SignInForm />
      </section>
    );
  } else if (session.user.mustChangePassword) screen = <PasswordChangeForm idPrefix="p-pw" required />;
  else if (route[0] === 'draft' && route[1]) screen = <ReportForm key={route[1]} id={route[1]} userId={session.user.id} />;
  else if (route[0] === 'report' && route[1]) screen = <ReportView key={route[1]} id={route[1]} />;
  else if (route[0] === 'my-issues') screen = <MyIssuesPage userId={session.user.id} />;
  else screen = <Home userId={session.user.id} />;

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
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/workspace.html') })}
        >
          ▦
        </button>
        <button type="button" class="icon" title={t('openSettings')} aria-label={t('openSettings')} onClick={() => browser.runtime.openOptionsPage()}>
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
