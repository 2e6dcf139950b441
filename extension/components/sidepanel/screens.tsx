import type { ComponentType } from 'preact';
import { MyIssuesPage } from '../my-issues/my-issues-page.tsx';
import { ReportForm } from '../report-form/report-form.tsx';
import { ReportView } from '../report-view/report-view.tsx';
import { Home } from './home.tsx';

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

export const HOME: PanelScreen = { path: '', component: (p) => <Home userId={p.userId} /> };

export const SCREENS: readonly PanelScreen[] = [
  {
    path: 'draft',
    needsId: true,
    component: (p) => <ReportForm id={p.params[0]!} userId={p.userId} />,
  },
  { path: 'report', needsId: true, component: (p) => <ReportView id={p.params[0]!} /> },
  { path: 'my-issues', component: (p) => <MyIssuesPage userId={p.userId} /> },
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
