import type { Role } from '../schemas/common.ts';

/**
 * `Role`'s options in order, as plain data: the extension's pages read roles without loading zod
 * (a test keeps the two equal).
 */
export const ROLE_ORDER: readonly Role[] = Object.freeze(['observer', 'staff', 'leader', 'admin']);

/**
 * A user as far as roles go: the primary `role` (what older clients and `/api/me`'s `user.role`
 * read) and, optionally, every role the account holds (`roles`, which includes `role`). One
 * account may be a member attending cells (observer) and staff of a body at once.
 */
export interface RoleHolder {
  role: Role;
  roles?: readonly Role[] | null | undefined;
}

/** Every role of a user, the primary first, without repeats (a missing `roles` means `[role]`). */
export function rolesOf(user: RoleHolder): Role[] {
  return normalizeRoles(user.role, user.roles);
}

/** `[role, ...roles]` in the order of `Role`'s options after the primary, each once. */
export function normalizeRoles(role: Role, roles?: readonly Role[] | null): Role[] {
  const set = new Set<Role>(roles ?? []);
  set.delete(role);
  return [role, ...ROLE_ORDER.filter((r) => set.has(r))];
}

/** Whether the user holds at least one of `wanted` (any of its roles counts). */
export function hasRole(user: RoleHolder, ...wanted: Role[]): boolean {
  if (wanted.includes(user.role)) return true;
  return !!user.roles?.some((r) => wanted.includes(r));
}
