import type { ComponentType } from 'preact';
import type { MessageKey } from '../../utils/i18n/index.ts';
import { InboxPage } from '../triage/inbox-page.tsx';
import { TemplatesPage } from '../triage/templates-page.tsx';
import { OverviewPage } from './overview-page.tsx';

/**
 * The workspace's pages. A new screen (triage inbox, issue detail, synthesis…) is one entry here:
 * its hash path, its title key and its component; the navigation and routing follow.
 */
export interface WorkspacePage {
  path: string;
  title: MessageKey;
  component: ComponentType<{ params: string[] }>;
}

export const PAGES: readonly WorkspacePage[] = [
  { path: 'overview', title: 'navOverview', component: OverviewPage },
  { path: 'inbox', title: 'navInbox', component: InboxPage },
  { path: 'templates', title: 'navTemplates', component: TemplatesPage },
];
