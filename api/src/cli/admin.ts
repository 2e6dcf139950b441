import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { UserCreateInput } from '@duhop/shared';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import {
  assignments,
  documentConfigs,
  criteriaSetAdoptions,
  orgUnits,
  routingRules,
  sessions,
  users,
} from '../db/schema.ts';
import { DEMO_UNITS, DEMO_USERS } from '../db/seed-data.ts';
import { seedReferenceData } from '../db/seed.ts';
import { hashPassword } from '../lib/crypto.ts';
import { localDate } from '@duhop/shared';
import { writeAudit } from '../features/admin/audit.ts';
import { parseImportDate } from '../features/admin/csv.ts';

/** A mistake the operator can fix: printed as one line, exit code 1. */
export class CliError extends Error {}

/** What the audit log records as the origin of a change made from the command line. */
const VIA = { via: 'cli' } as const;

/** 12 characters without look-alikes (0/O, 1/l/I), in groups of four: read aloud or typed once. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

function firstIssue(
  result: { success: boolean; error?: { issues: { message: string }[] } },
  what: string,
): string {
  return `${what}: ${result.error?.issues[0]?.message ?? 'invalid'}`;
}

async function findUser(db: Db, username: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${username.trim().toLowerCase()}`);
  return row;
}

export interface CreateAdminInput {
  username: string;
  name: string;
  /** A unit's code (id) or exact name; on an empty database, the code of the province to create. */
  unit?: string;
  /** On an empty database: the name of the province to create. */
  unitName?: string;
  /**
   * On an empty database: the day the province is in force from (`DD/MM/YYYY` or `YYYY-MM-DD`;
   * default today). Units imported below it cannot start earlier than this day.
   */
  validFrom?: string;
}

export interface CreatedAdmin {
  username: string;
  password: string;
  unitId: string;
  unitName: string;
  createdProvince: boolean;
  /** The province's first day when it was created now. */
  validFrom?: string;
}

/**
 * Creates an administrator with a one-time password (must be changed at first sign-in). On a
 * database without any unit it first creates the province the admin belongs to (`--unit` code,
 * default `tinh-uy`; `--unit-name`, default "Tỉnh ủy") and the national reference data, so the
 * admin can sign in and import the units below it (Đơn vị → Nhập từ CSV, parent = that code).
 */
export async function createAdmin(
  db: Db,
  input: CreateAdminInput,
  now = new Date(),
): Promise<CreatedAdmin> {
  const username = UserCreateInput.shape.username.safeParse(input.username);
  if (!username.success) throw new CliError(firstIssue(username, '--username'));
  const name = UserCreateInput.shape.displayName.safeParse(input.name);
  if (!name.success) throw new CliError(firstIssue(name, '--name'));
  if (await findUser(db, username.data))
    throw new CliError(
      `Tên đăng nhập "${username.data}" đã có — the username "${username.data}" is already taken`,
    );

  let validFrom = localDate(now);
  if (input.validFrom !== undefined) {
    const parsed = parseImportDate(input.validFrom.trim());
    if (!parsed)
      throw new CliError(
        `--valid-from: "${input.validFrom}" is not a date; give e.g. 01/07/2025 (DD/MM/YYYY) or 2025-07-01`,
      );
    validFrom = parsed;
  }

  const [anyUnit] = await db.select({ id: orgUnits.id }).from(orgUnits).limit(1);
  if (anyUnit && input.validFrom !== undefined)
    throw new CliError(
      '--valid-from only applies to the province created on an empty database; this database already has units',
    );
  let unit: { id: string; name: string };
  let createdProvince = false;
  if (!anyUnit) {
    const id = UserCreateInput.shape.orgUnitId.safeParse(input.unit ?? 'tinh-uy');
    if (!id.success) throw new CliError(firstIssue(id, '--unit'));
    unit = { id: id.data, name: input.unitName?.trim() || 'Tỉnh ủy' };
    createdProvince = true;
  } else if (input.unit) {
    const wanted = input.unit.trim();
    const rows = await db
      .select({ id: orgUnits.id, name: orgUnits.name, validTo: orgUnits.validTo })
      .from(orgUnits)
      .where(sql`lower(${orgUnits.id}) = ${wanted.toLowerCase()} or ${orgUnits.name} = ${wanted}`);
    if (rows.length === 0)
      throw new CliError(
        `Không có đơn vị mã hoặc tên "${wanted}" — No unit has the code or name "${wanted}"`,
      );
    if (rows.length > 1)
      throw new CliError(
        `Several units are named "${wanted}": give the code (${rows.map((r) => r.id).join(', ')})`,
      );
    if (rows[0]!.validTo)
      throw new CliError(`The unit "${rows[0]!.name}" is closed: choose an open unit`);
    unit = rows[0]!;
  } else {
    const provinces = await db
      .select({ id: orgUnits.id, name: orgUnits.name })
      .from(orgUnits)
      .where(and(isNull(orgUnits.parentId), isNull(orgUnits.validTo)));
    if (provinces.length !== 1)
      throw new CliError(
        `Give --unit CODE: the database has ${provinces.length} provinces (${provinces.map((p) => p.id).join(', ')})`,
      );
    unit = provinces[0]!;
  }

  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    if (createdProvince) {
      await seedReferenceData(tx);
      await tx.insert(orgUnits).values({
        id: unit.id,
        name: unit.name,
        kind: 'province',
        parentId: null,
        provinceId: null,
        validFrom,
        createdAt: now,
      });
      await writeAudit(tx, {
        actorId: null,
        at: now,
        action: 'org_unit.create',
        entity: 'org_unit',
        entityId: unit.id,
        data: { ...VIA, name: unit.name, kind: 'province', validFrom },
      });
    }
    const [created] = await tx
      .insert(users)
      .values({
        username: username.data,
        displayName: name.data,
        role: 'admin',
        roles: ['admin'],
        orgUnitId: unit.id,
        passwordHash,
        mustChangePassword: true,
        createdAt: now,
      })
      .returning({ id: users.id });
    await writeAudit(tx, {
      actorId: null,
      at: now,
      action: 'user.create',
      entity: 'user',
      entityId: created!.id,
      data: {
        ...VIA,
        username: username.data,
        displayName: name.data,
        role: 'admin',
        orgUnitId: unit.id,
      },
    });
  });
  return {
    username: username.data,
    password,
    unitId: unit.id,
    unitName: unit.name,
    createdProvince,
    ...(createdProvince ? { validFrom } : {}),
  };
}

/** A new one-time password for an existing account; its sessions end now. */
export async function resetAdminPassword(
  db: Db,
  username: string,
  now = new Date(),
): Promise<{ username: string; password: string; revoked: number }> {
  if (!username?.trim()) throw new CliError('--username: missing');
  const user = await findUser(db, username);
  if (!user)
    throw new CliError(
      `Không có tài khoản "${username.trim()}" — No account has the username "${username.trim()}"`,
    );
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const revoked = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true })
      .where(eq(users.id, user.id));
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)))
      .returning({ t: sessions.tokenHash });
    await writeAudit(tx, {
      actorId: null,
      at: now,
      action: 'user.reset_password',
      entity: 'user',
      entityId: user.id,
      data: { ...VIA, username: user.username },
    });
    return ended.length;
  });
  return { username: user.username, password, revoked };
}

/**
 * Deletes the demo accounts, their assignments and sessions, the demo province's units and its
 * routing rules, when nothing real refers to them; otherwise lists what does and deletes nothing.
 */
export async function removeDemo(
  db: Db,
  now = new Date(),
): Promise<{ users: number; units: number }> {
  const demoUsernames = DEMO_USERS.map((u) => u.username.toLowerCase());
  const demoUnitIds = DEMO_UNITS.map((u) => u.id);
  const demoUsers = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, demoUsernames));
  const presentUnits = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(inArray(orgUnits.id, demoUnitIds));
  if (demoUsers.length === 0 && presentUnits.length === 0)
    throw new CliError(
      'Cơ sở dữ liệu không có dữ liệu mẫu — there is no demo data in this database',
    );
  const userIds = demoUsers.map((u) => u.id);
  const uids = userIds.length ? userIds : ['00000000-0000-0000-0000-000000000000'];
  const cell = (ids: string[]) =>
    sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    );
  const checks: [string, ReturnType<typeof sql>][] = [
    [
      'reports',
      sql`select count(*)::int as n from reports where author_id in (${cell(uids)}) or cell_id in (${cell(demoUnitIds)})`,
    ],
    [
      'issues',
      sql`select count(*)::int as n from issues where author_id in (${cell(uids)}) or cell_id in (${cell(demoUnitIds)}) or responsible_body_id in (${cell(demoUnitIds)})`,
    ],
    [
      'issue events',
      sql`select count(*)::int as n from issue_events where actor_id in (${cell(uids)})`,
    ],
    [
      'answer templates',
      sql`select count(*)::int as n from answer_templates where created_by in (${cell(uids)}) or body_id in (${cell(demoUnitIds)})`,
    ],
    [
      'audit log entries by demo accounts',
      sql`select count(*)::int as n from audit_log where actor_id in (${cell(uids)})`,
    ],
    [
      'other accounts in demo units',
      sql`select count(*)::int as n from users where org_unit_id in (${cell(demoUnitIds)}) and id not in (${cell(uids)})`,
    ],
    [
      'assignments of other accounts to demo cells',
      sql`select count(*)::int as n from assignments where cell_id in (${cell(demoUnitIds)}) and user_id not in (${cell(uids)})`,
    ],
    [
      'assignments of demo accounts to other cells',
      sql`select count(*)::int as n from assignments where user_id in (${cell(uids)}) and cell_id not in (${cell(demoUnitIds)})`,
    ],
    [
      'residence members recorded by other accounts in demo cells or working in demo units',
      sql`select count(*)::int as n from residence_members where (cell_id in (${cell(demoUnitIds)}) and created_by is not null and created_by not in (${cell(uids)})) or (cell_id not in (${cell(demoUnitIds)}) and workplace_unit_id in (${cell(demoUnitIds)}))`,
    ],
    [
      'other units under the demo province',
      sql`select count(*)::int as n from org_units where (province_id in (${cell(demoUnitIds)}) or parent_id in (${cell(demoUnitIds)}) or successor_id in (${cell(demoUnitIds)})) and id not in (${cell(demoUnitIds)})`,
    ],
    [
      'routing rules naming demo units outside the demo province',
      sql`select count(*)::int as n from routing_rules where (area_id in (${cell(demoUnitIds)}) or target_body_id in (${cell(demoUnitIds)})) and province_id not in (${cell(demoUnitIds)})`,
    ],
    [
      'routing rules of the demo province changed by an admin',
      sql`select count(*)::int as n from routing_rules where province_id in (${cell(demoUnitIds)}) and created_by is not null`,
    ],
    [
      'document numbers issued by demo bodies',
      sql`select count(*)::int as n from document_numbers where body_id in (${cell(demoUnitIds)})`,
    ],
    [
      'criteria sets of the demo province',
      sql`select count(*)::int as n from criteria_sets where province_id in (${cell(demoUnitIds)})`,
    ],
  ];
  const refs: string[] = [];
  for (const [what, query] of checks) {
    const [row] = await queryRows<{ n: number }>(db, query);
    if (row && row.n > 0) refs.push(`${row.n} ${what}`);
  }
  if (refs.length)
    throw new CliError(
      `Dữ liệu mẫu đang được dùng, chưa xóa gì — the demo data is in use and was not removed: ${refs.join('; ')}`,
    );

  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    if (userIds.length) {
      await tx.delete(sessions).where(inArray(sessions.userId, userIds));
      await tx.delete(assignments).where(inArray(assignments.userId, userIds));
    }
    await tx.execute(
      sql`delete from residence_assessments where member_id in (select id from residence_members where cell_id in (${cell(demoUnitIds)}))`,
    );
    await tx.execute(sql`delete from residence_members where cell_id in (${cell(demoUnitIds)})`);
    await tx.delete(routingRules).where(inArray(routingRules.provinceId, demoUnitIds));
    await tx.delete(documentConfigs).where(inArray(documentConfigs.orgUnitId, demoUnitIds));
    await tx
      .delete(criteriaSetAdoptions)
      .where(inArray(criteriaSetAdoptions.provinceId, demoUnitIds));
    if (userIds.length) await tx.delete(users).where(inArray(users.id, userIds));
    await tx.delete(orgUnits).where(inArray(orgUnits.id, demoUnitIds));
    await writeAudit(tx, {
      actorId: null,
      at: now,
      action: 'demo.remove',
      entity: 'database',
      data: { ...VIA, usernames: demoUsers.map((u) => u.username), units: presentUnits.length },
    });
  });
  return { users: demoUsers.length, units: presentUnits.length };
}
