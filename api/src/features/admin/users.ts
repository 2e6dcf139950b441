import { and, asc, eq, gt, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import {
  normalizeRoles,
  rolesOf,
  toLocalIso,
  Uuid,
  type AdminUser,
  type Role,
  type UserPatchInput,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { orgUnits, sessions, users } from '../../db/schema.ts';
import { containsPattern } from '../../db/rows.ts';
import { hashPassword } from '../../lib/crypto.ts';
import { ApiError, isUniqueViolation, validationError, notFoundErrors } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor, keysetPage } from '../../lib/page.ts';
import { writeAudit } from './audit.ts';
import { asDb, isClosed, loadUnits } from './scope.ts';

type UserRow = typeof users.$inferSelect;

const usernameTaken = () =>
  new ApiError(409, 'USERNAME_TAKEN', 'Tên đăng nhập đã có người dùng', {
    username: ['Tên đăng nhập đã có người dùng'],
  });

/** The admin's view of an account: never the password or its hash. */
export function adminUserView(u: UserRow, orgUnitName: string | null): AdminUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roles: rolesOf(u),
    orgUnitId: u.orgUnitId,
    orgUnitName,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    createdAt: toLocalIso(u.createdAt),
  };
}

/** The lower-cased username a cursor carries. */
const readNameCursor = (cursor: string) =>
  decodeCursor(cursor, (name) => (/^[a-z0-9][a-z0-9._-]*$/.test(name) ? name : null));

export interface UserListQuery {
  q?: string | undefined;
  role?: Role | undefined;
  orgUnitId?: string | undefined;
  active?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Accounts of a province's units, by username (keyset on the lower-cased name, which is unique). */
export async function listUsers(db: Db, provinceId: string, q: UserListQuery) {
  const lowerName = sql<string>`lower(${users.username})`;
  const filters: SQL[] = [
    sql`${users.orgUnitId} in (select id from org_units where coalesce(province_id, id) = ${provinceId})`,
  ];
  // Any of the account's roles (an observer who is also staff is listed among observers).
  if (q.role) filters.push(sql`(${users.role} = ${q.role} or ${q.role} = any(${users.roles}))`);
  if (q.orgUnitId) filters.push(eq(users.orgUnitId, q.orgUnitId));
  if (q.active !== undefined) filters.push(eq(users.active, q.active));
  if (q.q)
    filters.push(
      or(
        ilike(users.username, containsPattern(q.q)),
        ilike(users.displayName, containsPattern(q.q)),
      )!,
    );
  if (q.cursor) filters.push(gt(lowerName, readNameCursor(q.cursor)));
  const rows = await db
    .select({ u: users, unitName: orgUnits.name })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(and(...filters))
    .orderBy(asc(lowerName))
    .limit(q.limit + 1);
  const { page, nextCursor } = keysetPage(rows, q.limit, (last) =>
    encodeCursor(last.u.username.toLowerCase()),
  );
  return { items: page.map((r) => adminUserView(r.u, r.unitName)), nextCursor };
}

/** A unit a user may belong to: it exists and is not closed. Field errors name `field`. */
export async function checkUserUnit(db: Db, unitId: string, field = 'orgUnitId') {
  const unit = (await loadUnits(db, [unitId])).get(unitId);
  if (!unit) throw validationError({ [field]: ['Đơn vị không tồn tại'] });
  if (isClosed(unit))
    throw validationError({ [field]: [`Đơn vị đã giải thể từ sau ngày ${unit.validTo}`] });
  return unit;
}

/**
 * The roles an account will hold: `roles` as given (it must include the primary `role`, 422 on
 * `roles` otherwise), or `[role]`.
 */
export function checkRoles(role: Role, roles: readonly Role[] | undefined): Role[] {
  if (!roles) return [role];
  if (!roles.includes(role))
    throw validationError({
      roles: ['Các vai trò phải gồm vai trò chính (Vai trò)'],
    });
  return normalizeRoles(role, roles);
}

export async function loadUser(db: Db, id: string) {
  if (!Uuid.safeParse(id).success) throw notFoundErrors.user();
  const [row] = await db
    .select({ u: users, unitName: orgUnits.name })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, id));
  if (!row) throw notFoundErrors.user();
  return row;
}

export async function createUser(
  deps: Deps,
  actor: AuthUser,
  input: {
    username: string;
    displayName: string;
    role: Role;
    roles?: Role[] | undefined;
    orgUnitId: string;
    password: string;
    mustChangePassword: boolean;
  },
): Promise<AdminUser> {
  const { db } = deps;
  const roles = checkRoles(input.role, input.roles);
  const unit = await checkUserUnit(db, input.orgUnitId);
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`);
  if (taken) throw usernameTaken();
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  try {
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          roles,
          orgUnitId: input.orgUnitId,
          passwordHash,
          mustChangePassword: input.mustChangePassword,
          createdAt: now,
        })
        .returning();
      await writeAudit(asDb(tx), {
        actorId: actor.id,
        at: now,
        action: 'user.create',
        entity: 'user',
        entityId: created!.id,
        data: {
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          roles,
          orgUnitId: input.orgUnitId,
        },
      });
      return created!;
    });
    return adminUserView(row, unit.name);
  } catch (err) {
    if (isUniqueViolation(err)) throw usernameTaken();
    throw err;
  }
}

/** Edits an account. Deactivation revokes every session at once; what the user wrote stays. */
export async function patchUser(
  deps: Deps,
  actor: AuthUser,
  id: string,
  patch: UserPatchInput,
): Promise<AdminUser> {
  const { db } = deps;
  const { u: before } = await loadUser(db, id);
  const role = patch.role ?? before.role;
  // Without `roles`, a new primary role takes the old one's place (a demoted admin is no admin).
  const roles = patch.roles
    ? checkRoles(role, patch.roles)
    : normalizeRoles(
        role,
        rolesOf(before).filter((r) => r !== before.role),
      );
  if (id === actor.id && (patch.active === false || !roles.includes('admin'))) {
    throw validationError({
      [patch.active === false ? 'active' : patch.role ? 'role' : 'roles']: [
        'Không thể tự khóa hoặc tự hạ quyền tài khoản quản trị của chính mình',
      ],
    });
  }
  if (patch.orgUnitId && patch.orgUnitId !== before.orgUnitId)
    await checkUserUnit(db, patch.orgUnitId);
  const { roles: _r, ...fields } = patch;
  const changes = Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => v !== undefined && v !== before[k as keyof UserRow]),
  ) as Partial<Pick<UserRow, 'displayName' | 'role' | 'roles' | 'orgUnitId' | 'active'>>;
  if (roles.join() !== rolesOf(before).join()) changes.roles = roles;
  const now = deps.now();
  if (Object.keys(changes).length > 0) {
    await db.transaction(async (tx) => {
      await tx.update(users).set(changes).where(eq(users.id, id));
      if (changes.active === false) {
        await tx
          .update(sessions)
          .set({ revokedAt: now })
          .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
      }
      const action =
        changes.active === false
          ? 'user.deactivate'
          : changes.active === true
            ? 'user.reactivate'
            : 'user.update';
      const was = Object.fromEntries(
        Object.keys(changes).map((k) => [k, before[k as keyof UserRow]]),
      );
      await writeAudit(asDb(tx), {
        actorId: actor.id,
        at: now,
        action,
        entity: 'user',
        entityId: id,
        data: { username: before.username, before: was, after: changes },
      });
    });
  }
  const { u, unitName } = await loadUser(db, id);
  return adminUserView(u, unitName);
}

/** Sets a temporary password the user must replace at next sign-in; their sessions end now. */
export async function resetPassword(
  deps: Deps,
  actor: AuthUser,
  id: string,
  temporaryPassword: string,
): Promise<AdminUser> {
  const { db } = deps;
  const { u: target } = await loadUser(db, id);
  const passwordHash = await hashPassword(temporaryPassword);
  const now = deps.now();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, id));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
    await writeAudit(asDb(tx), {
      actorId: actor.id,
      at: now,
      action: 'user.reset_password',
      entity: 'user',
      entityId: id,
      data: { username: target.username },
    });
  });
  const { u, unitName } = await loadUser(db, id);
  return adminUserView(u, unitName);
}
