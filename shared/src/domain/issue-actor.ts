import type { IssueStatus, Role } from '../schemas/common.ts';
import { isHeldByNobody, type ActorKind } from './lifecycle.ts';
import type { OrgIndex } from './org-graph.ts';
import { hasRole } from './roles.ts';

/** The user acting, as the API knows it from the session (the extension from its stored session). */
export interface ActingUser {
  id: string;
  role: Role;
  /** Every role of the account (includes `role`); absent means `[role]`. */
  roles?: readonly Role[] | null;
  orgUnitId: string;
}

/** The facts about an issue that decide who may act on it. */
export interface IssueForActor {
  responsibleBodyId: string;
  /** The observer who raised it (the report's author); unknown (not loaded yet) counts as nobody. */
  authorId?: string | null;
  overdue: boolean;
  /** Its status: one held by nobody (answered at the meeting) has no holder and no parent. */
  status?: IssueStatus;
}

/**
 * What the rule needs of the org graph: an `OrgIndex` over (at least) the responsible body and its
 * ancestors. The API loads that chain (`loadAncestry`); the extension indexes the province graph
 * it keeps from `GET /api/org-units`.
 */
export type Ancestry = Pick<OrgIndex, 'isAncestorOrSelf'>;

const actsForABody = (user: ActingUser) => hasRole(user, 'staff', 'leader');

/**
 * Whether `actorKindsFor` will ask the org graph: only for staff or leaders of another body while
 * the issue is overdue. The API loads the responsible body's ancestry only then; anything else is
 * decided without it (pass `NO_ANCESTRY`).
 */
export function needsAncestry(user: ActingUser, issue: IssueForActor): boolean {
  return actsForABody(user) && issue.overdue && user.orgUnitId !== issue.responsibleBodyId;
}

/** An empty graph, for calls that `needsAncestry` says will not consult it. */
export const NO_ANCESTRY: Ancestry = { isAncestorOrSelf: (a, id) => a === id };

/**
 * The kinds a user has towards an issue (possibly several, possibly none): `admin` by role;
 * `holder` for staff or leaders of the responsible body; `parent` for staff or leaders of an
 * ancestor of that body, only while the issue is overdue; `author` for the observer who raised it.
 * Pass the result to `canAct` / `availableActions`. The one implementation of this rule: the API
 * decides with it and the extension offers buttons with it.
 */
export function actorKindsFor(user: ActingUser, issue: IssueForActor, org: Ancestry): ActorKind[] {
  const kinds: ActorKind[] = [];
  if (hasRole(user, 'admin')) kinds.push('admin');
  // Answered at the meeting: its responsible body is only the cell it was raised in; no body holds it.
  const held = issue.status === undefined || !isHeldByNobody(issue.status);
  if (actsForABody(user) && held) {
    if (user.orgUnitId === issue.responsibleBodyId) kinds.push('holder');
    else if (
      needsAncestry(user, issue) &&
      org.isAncestorOrSelf(user.orgUnitId, issue.responsibleBodyId)
    )
      kinds.push('parent');
  }
  if (issue.authorId != null && user.id === issue.authorId) kinds.push('author');
  return kinds;
}
