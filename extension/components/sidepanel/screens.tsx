import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { lazyScreen } from '../ui/lazy-screen.tsx';
import { Home } from './home.tsx';

// Home is in the panel's first load; the other screens are chunks of their own, fetched when
// opened (the form, with zod for its checks, is also fetched as soon as the home screen is idle,
// so "Tiếp tục" opens it without waiting: HomeScreen).
export const ReportForm = lazyScreen(() =>
  import('../report-form/report-form.tsx').then((m) => m.ReportForm),
);
const ReportView = lazyScreen(() =>
  import('../report-view/report-view.tsx').then((m) => m.ReportView),
);
const MyIssuesPage = lazyScreen(() =>
  import('../my-issues/my-issues-page.tsx').then((m) => m.MyIssuesPage),
);
// Opened on a draft (a reopened panel): fetch the form while the session is read, not after.
if (location.hash.startsWith('#/draft/')) void ReportForm.preload().catch(() => {});

/** What a side-panel screen receives: the address after its path, and the signed-in member. */
export interface PanelScreenProps {
  params: string[];
  userId: string;
}

/**
 * The side panel's screens, as the workspace's pages (workspace/pages.tsx): a new screen is one
 * entry, its hash path and its component. `needsId`: shown only with an id after the path.
 */
export interface PanelScreen {
  path: string;
  component: ComponentType<PanelScreenProps>;
  needsId?: boolean;
}

/** Home; once the browser is idle, it fetches the form's chunk so a draft opens without waiting. */
function HomeScreen(props: PanelScreenProps) {
  useEffect(() => {
    const id = requestIdleCallback(() => void ReportForm.preload().catch(() => {}), {
      timeout: 1000,
    });
    return () => cancelIdleCallback(id);
  }, []);
  return <Home userId={props.userId} />;
}

export const HOME: PanelScreen = { path: '', component: HomeScreen };

export const SCREENS: readonly PanelScreen[] = [
  {
    path: 'draft',
    needsId: true,
    component: (p) => <ReportForm id={p.params[0]!} userId={p.userId} />,
  },
  { path: 'report', needsId: true, component: (p) => <ReportView id={p.params[0]!} /> },
  // `#/my-issues/<id>`: that issue's card in view with its action (home's "Làm rõ").
  {
    path: 'my-issues',
    component: (p) => <MyIssuesPage userId={p.userId} focusId={p.params[0]} />,
  },
  // Home with the confirmation of a report just submitted first (where each issue went).
  {
    path: 'sent',
    needsId: true,
    component: (p) => <Home userId={p.userId} sentId={p.params[0]!} />,
  },
];

/** The screen for `#/<path>/<params>`; home for an unknown path or a missing id. */
export function screenFor([path, ...params]: readonly string[]): {
  screen: PanelScreen;
  params: string[];
} {
  const screen = SCREENS.find((s) => s.path === path && (!s.needsId || params[0]));
  return screen ? { screen, params } : { screen: HOME, params: [] };
}
