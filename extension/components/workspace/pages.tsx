import { hasRole, type Role, type RoleHolder } from '@duhop/shared';
import type { ComponentType } from 'preact';
import type { MessageKey } from '../../utils/i18n/index.ts';
import { AuditPage } from '../admin/audit-page.tsx';
import { CriteriaPage } from '../admin/criteria-page.tsx';
import { DeliveriesPage } from '../admin/deliveries-page.tsx';
import { OrgPage } from '../admin/org-page.tsx';
import { RulesPage } from '../admin/rules-page.tsx';
import { UsersPage } from '../admin/users-page.tsx';
import { AssignmentsPage } from '../synthesis/assignments-page.tsx';
import { CompliancePage } from '../synthesis/compliance-page.tsx';
import { SynthesisPage } from '../synthesis/synthesis-page.tsx';
import { YearPage } from '../synthesis/year-page.tsx';
import { ResidencePage } from '../residence/residence-page.tsx';
import { InboxPage } from '../triage/inbox-page.tsx';
import { WebhooksPage } from '../webhooks/webhooks-page.tsx';
import { TemplatesPage } from '../triage/templates-page.tsx';

/**
 * The workspace's pages. A new screen (triage inbox, issue detail, synthesis…) is one entry here:
 * its hash path, its title key and its component; the navigation and routing follow.
 */
export interface WorkspacePage {
  path: string;
  title: MessageKey;
  component: ComponentType<{ params: string[] }>;
  /** Who sees the page (in the navigation and at its address); everyone when absent. */
  roles?: readonly Role[];
}

export const PAGES: readonly WorkspacePage[] = [
  { path: 'inbox', title: 'navInbox', component: InboxPage },
  { path: 'templates', title: 'navTemplates', component: TemplatesPage },
  {
    path: 'synthesis',
    title: 'navSynthesis',
    component: SynthesisPage,
    roles: ['staff', 'leader', 'admin'],
  },
  {
    path: 'compliance',
    title: 'navCompliance',
    component: CompliancePage,
    roles: ['staff', 'leader', 'admin'],
  },
  {
    path: 'year',
    title: 'navYear',
    component: YearPage,
    roles: ['staff', 'leader', 'admin'],
  },
  {
    path: 'assignments',
    title: 'navAssignments',
    component: AssignmentsPage,
    roles: ['staff', 'leader', 'admin'],
  },
  {
    path: 'residence',
    title: 'navResidence',
    component: ResidencePage,
    roles: ['staff', 'leader', 'admin'],
  },
  { path: 'admin-users', title: 'nav_adminUsers', component: UsersPage, roles: ['admin'] },
  { path: 'admin-org', title: 'nav_adminOrg', component: OrgPage, roles: ['admin'] },
  { path: 'admin-rules', title: 'nav_adminRules', component: RulesPage, roles: ['admin'] },
  { path: 'admin-criteria', title: 'nav_adminCriteria', component: CriteriaPage, roles: ['admin'] },
  { path: 'admin-audit', title: 'nav_adminAudit', component: AuditPage, roles: ['admin'] },
  {
    path: 'admin-deliveries',
    title: 'nav_adminDeliveries',
    component: DeliveriesPage,
    roles: ['admin'],
  },
  { path: 'admin-webhooks', title: 'nav_adminWebhooks', component: WebhooksPage, roles: ['admin'] },
];

/** The pages a user may open (any of their roles allowing it), in registry order. */
export const pagesFor = (user: RoleHolder | undefined): WorkspacePage[] =>
  PAGES.filter((p) => !p.roles || (user !== undefined && hasRole(user, ...p.roles)));
