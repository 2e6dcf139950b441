import type { Role } from '../schemas/common.ts';
import type { ActorKind } from './lifecycle.ts';
import type { OrgIndex } from './org-graph.ts';

/** The user acting, as the API knows it from the session. */
export interface ActingUser {
  id: string;
  role: Role;
  orgUnitId: string;
}

/** The facts about an issue that decide who may act on it. */
export interface IssueForActor {
  responsibleBodyId: string;
  /** The observer who raised it (the report's author). */
  authorId: string;
  overdue: boolean;
}

/**
 * The kinds a user has towards an issue (possibly several, possibly none): `admin` by role;
 * `holder` for staff or leaders of the responsible body; `parent` for staff or leaders of an
 * ancestor of that body, only while the issue is overdue; `author` for the observer who raised it.
 * Pass the result to `canAct`.
 */
export function actorKindsFor(user: ActingUser, issue: IssueForActor, org: OrgIndex): ActorKind[] {
  const kinds: ActorKind[] = [];
  if (user.role === 'admin') kinds.push('admin');
  if (user.role === 'staff' || user.role === 'leader') {
    if (user.orgUnitId === issue.responsibleBodyId) kinds.push('holder');
    else if (issue.overdue && org.isAncestorOrSelf(user.orgUnitId, issue.responsibleBodyId)) kinds.push('parent');
  }
  if (user.id === issue.authorId) kinds.push('author');
  return kinds;
}
