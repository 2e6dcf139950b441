import { browser } from 'wxt/browser';
import { useHashRoute } from '../../utils/hash-route.ts';
import { useT } from '../../utils/i18n/index.ts';
import { authExpiredItem, sessionItem } from '../../utils/storage.ts';
import { useStorageItem } from '../../utils/use-live-query.ts';
import { PasswordChangeForm } from '../auth/password-change-form.tsx';
import { SignInForm } from '../auth/sign-in-form.tsx';
import { SignOutButton } from '../auth/sign-out-button.tsx';
import { Loading, Notice } from '../ui/states.tsx';
import { landingPath } from '../../utils/synthesis/months.ts';
import { PAGES, pagesFor } from './pages.tsx';

/** The full-tab workspace: navigation from the page registry, sign-in state, the current page. */
export function WorkspaceApp() {
  const t = useT();
  const [path, ...params] = useHashRoute();
  const session = useStorageItem(sessionItem);
  const expired = useStorageItem(authExpiredItem);
  const pages = pagesFor(session?.user);
  // Without a page in the address: the synthesis for leaders and admins, the inbox for staff.
  const landing = landingPath(session?.user);
  const page =
    pages.find((p) => p.path === (path ?? landing)) ??
    pages.find((p) => p.path === landing) ??
    PAGES[0]!;
  const Page = page.component;

  return (
    <div class="workspace">
      <header class="topbar">
        <span class="brand">
          {t('appName')} · {t('workspaceTitle')}
        </span>
        <nav aria-label={t('workspaceTitle')}>
          {pages.map((p) => (
            <a
              key={p.path}
              href={`#/${p.path}`}
              aria-current={p.path === page.path ? 'page' : undefined}
            >
              {t(p.title)}
            </a>
          ))}
        </nav>
        <span class="grow" />
        {session && <span class="who">{session.user.displayName}</span>}
        {session && <SignOutButton idPrefix="ws-so" />}
        <button
          type="button"
          class="icon"
          aria-label={t('openSettings')}
          onClick={() => browser.runtime.openOptionsPage()}
        >
          ⚙
        </button>
      </header>
      <main>
        {session === undefined ? (
          <Loading />
        ) : !session || expired ? (
          <section class="card narrow">
            <h1>{t('signIn')}</h1>
            {expired && <Notice kind="error">{t('sessionExpired')}</Notice>}
            <SignInForm idPrefix="w-signin" />
          </section>
        ) : session.user.mustChangePassword ? (
          <section class="card narrow">
            <PasswordChangeForm idPrefix="w-pw" required level={1} />
          </section>
        ) : (
          <Page params={params} />
        )}
      </main>
    </div>
  );
}
