import {
  actorKindsFor,
  hasRole,
  NO_ANCESTRY,
  normalizeRoles,
  Role,
  ROLE_ORDER,
  rolesOf,
  type ActingUser,
} from '@duhop/shared';
import { describe, expect, it } from 'vitest';

describe('one account, several roles', () => {
  it("keeps ROLE_ORDER (zod-free, for the extension's pages) equal to Role's options", () => {
    expect(ROLE_ORDER).toEqual(Role.options);
  });

  const both = { role: 'observer', roles: ['observer', 'staff'] } as const;

  it('hasRole: any of the roles counts, the primary one always', () => {
    expect(hasRole(both, 'staff')).toBe(true);
    expect(hasRole(both, 'observer')).toBe(true);
    expect(hasRole(both, 'leader', 'admin')).toBe(false);
    expect(hasRole({ role: 'staff' }, 'staff')).toBe(true);
    expect(hasRole({ role: 'staff' }, 'observer')).toBe(false);
    // A list that forgot the primary role still has it.
    expect(hasRole({ role: 'admin', roles: ['staff'] }, 'admin')).toBe(true);
  });

  it('rolesOf / normalizeRoles: the primary first, each once, in a fixed order', () => {
    expect(rolesOf({ role: 'staff' })).toEqual(['staff']);
    expect(rolesOf({ role: 'staff', roles: ['admin', 'observer', 'staff'] })).toEqual([
      'staff',
      'observer',
      'admin',
    ]);
    expect(normalizeRoles('leader', ['leader', 'leader'])).toEqual(['leader']);
    expect(normalizeRoles('observer', null)).toEqual(['observer']);
  });

  it('actorKindsFor: staff of the body and author of the issue at once', () => {
    const user: ActingUser = { id: 'u1', orgUnitId: 'dien-chau', ...both };
    const issue = { responsibleBodyId: 'dien-chau', authorId: 'u1', overdue: false };
    expect(actorKindsFor(user, issue, NO_ANCESTRY)).toEqual(['holder', 'author']);
    // The same person as an observer only: the author, never the holder.
    expect(actorKindsFor({ ...user, roles: ['observer'] }, issue, NO_ANCESTRY)).toEqual(['author']);
    expect(
      actorKindsFor({ ...user, role: 'staff', roles: ['staff', 'admin'] }, issue, NO_ANCESTRY),
    ).toEqual(['admin', 'holder', 'author']);
  });
});
