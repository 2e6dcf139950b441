import { inArray, sql } from 'drizzle-orm';
import {
  normalizeForSearch,
  normalizeRoles,
  Password,
  Username,
  type ImportError,
  type Role,
  type UserImportResult,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { orgUnits, users } from '../../db/schema.ts';
import { hashPassword } from '../../lib/crypto.ts';
import { ApiError, isUniqueViolation } from '../../lib/errors.ts';
import { writeAudit } from './audit.ts';
import { csvTable, importFailed, lookupLabel, type CsvColumn } from './csv.ts';
import { asDb } from './scope.ts';

type Key = 'username' | 'displayName' | 'role' | 'roles' | 'orgUnitId' | 'password';

/**
 * `Tên đăng nhập,Họ và tên,Vai trò,Đơn vị,Mật khẩu` (English names accepted too), and optionally
 * `Các vai trò`: every role of the account separated by `|` (e.g. `Cấp ủy viên|Cán bộ` or
 * `observer|staff`); the `Vai trò` column's role is always one of them.
 */
export const USER_COLUMNS: readonly CsvColumn<Key>[] = [
  { key: 'username', headers: ['Tên đăng nhập', 'Tài khoản', 'username'], required: true },
  { key: 'displayName', headers: ['Họ và tên', 'Họ tên', 'displayName'], required: true },
  { key: 'role', headers: ['Vai trò', 'role'], required: true },
  { key: 'roles', headers: ['Các vai trò', 'Vai trò kiêm nhiệm', 'roles'] },
  { key: 'orgUnitId', headers: ['Đơn vị', 'Mã đơn vị', 'orgUnitId'], required: true },
  { key: 'password', headers: ['Mật khẩu', 'Mật khẩu tạm', 'password'], required: true },
];

const ROLE_LABELS: Record<Role, readonly string[]> = {
  observer: ['cấp ủy viên', 'cấp ủy viên dự sinh hoạt', 'người dự sinh hoạt', 'dự sinh hoạt'],
  staff: ['cán bộ', 'chuyên viên', 'cán bộ tiếp nhận', 'cán bộ xử lý'],
  leader: ['lãnh đạo', 'lãnh đạo đơn vị'],
  admin: ['quản trị', 'quản trị viên'],
};

interface Parsed {
  row: number;
  username: string;
  displayName: string;
  role: Role;
  roles: Role[];
  orgUnitId: string;
  password: string;
}

/**
 * Imports accounts from a CSV: every row is checked (username free and unique in the file, role
 * known, unit open, password long enough) before anything is written; one bad row → 422 with
 * `rows.N.field` and nothing imported. A dry run returns the preview and the errors instead.
 */
export async function importUsers(
  deps: Deps,
  actor: AuthUser,
  text: string,
  dryRun: boolean,
): Promise<UserImportResult> {
  const { db } = deps;
  const rows = csvTable(text, USER_COLUMNS, 5_000);
  const errors: ImportError[] = [];
  const err = (row: number, field: string, message: string) => errors.push({ row, field, message });

  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name, validTo: orgUnits.validTo })
    .from(orgUnits);
  const byId = new Map(units.map((u) => [u.id, u]));
  const byName = new Map<string, typeof units>();
  for (const u of units)
    byName.set(normalizeForSearch(u.name), [...(byName.get(normalizeForSearch(u.name)) ?? []), u]);
  const existing = await takenUsernames(
    db,
    rows.map((r) => r.values.username),
  );
  const seen = new Map<string, number>();

  const parsed: Parsed[] = [];
  for (const { row, values: v } of rows) {
    const username = Username.safeParse(v.username);
    if (!username.success) err(row, 'username', username.error.issues[0]!.message);
    else if (existing.has(username.data.toLowerCase()))
      err(row, 'username', `Tên đăng nhập "${username.data}" đã có người dùng`);
    else if (seen.has(username.data.toLowerCase()))
      err(row, 'username', `Trùng với dòng ${seen.get(username.data.toLowerCase())}`);
    else seen.set(username.data.toLowerCase(), row);
    if (!v.displayName) err(row, 'displayName', 'Thiếu họ và tên');
    else if (v.displayName.length > 200) err(row, 'displayName', 'Họ và tên tối đa 200 ký tự');
    const role = lookupLabel(v.role, ROLE_LABELS);
    if (!role)
      err(
        row,
        'role',
        `Vai trò "${v.role}" không hợp lệ (cấp ủy viên, cán bộ, lãnh đạo, quản trị)`,
      );
    const roles: Role[] = [];
    for (const label of v.roles
      .split(/[|;,+]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const r = lookupLabel(label, ROLE_LABELS);
      if (r) roles.push(r);
      else
        err(
          row,
          'roles',
          `Vai trò "${label}" không hợp lệ (cấp ủy viên, cán bộ, lãnh đạo, quản trị; cách nhau bởi |)`,
        );
    }
    const named = byName.get(normalizeForSearch(v.orgUnitId)) ?? [];
    // A name shared with closed units of the past means the open one.
    const candidates = byId.has(v.orgUnitId)
      ? [byId.get(v.orgUnitId)!]
      : named.length > 1
        ? named.filter((u) => u.validTo == null)
        : named;
    const unit = candidates[0];
    if (!v.orgUnitId) err(row, 'orgUnitId', 'Thiếu đơn vị');
    else if (!unit) err(row, 'orgUnitId', `Không có đơn vị "${v.orgUnitId}"`);
    else if (candidates.length > 1)
      err(
        row,
        'orgUnitId',
        `Có ${candidates.length} đơn vị tên "${v.orgUnitId}": hãy ghi mã đơn vị`,
      );
    else if (unit.validTo != null) err(row, 'orgUnitId', `Đơn vị "${unit.name}" đã giải thể`);
    const password = Password.safeParse(v.password);
    if (!password.success) err(row, 'password', password.error.issues[0]!.message);
    if (username.success && role && unit && password.success) {
      parsed.push({
        row,
        username: username.data,
        displayName: v.displayName,
        role,
        roles: normalizeRoles(role, roles),
        orgUnitId: unit.id,
        password: password.data,
      });
    }
  }

  const items = parsed.map(({ password: _p, ...rest }) => rest);
  if (dryRun)
    return {
      dryRun: true,
      ok: errors.length === 0,
      count: errors.length ? 0 : items.length,
      items,
      errors,
    };
  if (errors.length) throw importFailed(errors);

  const hashed: (typeof users.$inferInsert)[] = [];
  for (let i = 0; i < parsed.length; i += 4) {
    // scrypt runs on the libuv pool: a few at a time keeps the server responsive.
    const chunk = parsed.slice(i, i + 4);
    const hashes = await Promise.all(chunk.map((p) => hashPassword(p.password)));
    chunk.forEach((p, j) => {
      hashed.push({
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        roles: p.roles,
        orgUnitId: p.orgUnitId,
        passwordHash: hashes[j]!,
        mustChangePassword: true,
        createdAt: deps.now(),
      });
    });
  }
  const now = deps.now();
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < hashed.length; i += 500)
        await tx.insert(users).values(hashed.slice(i, i + 500));
      await writeAudit(asDb(tx), {
        actorId: actor.id,
        at: now,
        action: 'user.import',
        entity: 'user',
        data: { count: items.length, usernames: items.map((u) => u.username) },
      });
    });
  } catch (e) {
    // Someone took one of the names between the check and the insert: nothing was stored.
    if (isUniqueViolation(e))
      throw new ApiError(
        409,
        'USERNAME_TAKEN',
        'Một tên đăng nhập vừa được tạo bởi người khác; hãy nhập lại tệp',
      );
    throw e;
  }
  return { dryRun: false, ok: true, count: items.length, items, errors: [] };
}

async function takenUsernames(db: Db, names: readonly string[]): Promise<Set<string>> {
  const lower = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
  if (!lower.length) return new Set();
  const u = sql<string>`lower(${users.username})`;
  const rows = await db.select({ u }).from(users).where(inArray(u, lower));
  return new Set(rows.map((r) => r.u));
}
