import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  hasRole,
  monthBounds,
  type AssignmentFrequency,
  type AssignmentRecord,
  type OrgUnitKind,
  type Role,
} from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { isoDay, queryRows } from '../../db/rows.ts';
import { assignments, auditLog } from '../../db/schema.ts';
import { subtreeCte } from '../org/sql.ts';

/** A row to store, as typed by a person (POST) or read from a CSV line (import). */
export interface AssignmentDraft {
  userId?: string;
  username?: string;
  cellId: string;
  decisionNo: string;
  validFrom: string;
  validTo: string | null;
  /** monthly when absent; `every` only for every_n, `rotaPosition` only for rota. */
  frequency?: AssignmentFrequency;
  every?: number | null;
  rotaPosition?: number | null;
  /** Set when the row already has errors of its own (an unreadable date): no overlap check then. */
  skipOverlap?: boolean;
}

/** Field → messages for one draft; empty when the draft can be stored. */
export type DraftErrors = Partial<
  Record<
    | 'userId'
    | 'username'
    | 'cellId'
    | 'decisionNo'
    | 'validFrom'
    | 'validTo'
    | 'frequency'
    | 'every'
    | 'rotaPosition',
    string[]
  >
>;

interface Row {
  id: string;
  user_id: string;
  username: string;
  display_name: string;
  cell_id: string;
  cell_name: string;
  decision_no: string | null;
  valid_from: unknown;
  valid_to: unknown;
  frequency: AssignmentFrequency;
  every: number | null;
  rota_position: number | null;
}

const toRecord = (r: Row): AssignmentRecord => ({
  id: r.id,
  userId: r.user_id,
  username: r.username,
  displayName: r.display_name,
  cellId: r.cell_id,
  cellName: r.cell_name,
  decisionNo: r.decision_no,
  validFrom: isoDay(r.valid_from)!,
  validTo: isoDay(r.valid_to),
  frequency: r.frequency,
  every: r.every,
  rotaPosition: r.rota_position,
});

/** The frequency columns of a draft as stored: the fields that do not apply to it are null. */
export const frequencyColumns = (
  d: Pick<AssignmentDraft, 'frequency' | 'every' | 'rotaPosition'>,
) => ({
  frequency: d.frequency ?? 'monthly',
  every: d.frequency === 'every_n' ? (d.every ?? null) : null,
  rotaPosition: d.frequency === 'rota' ? (d.rotaPosition ?? null) : null,
});

const overlaps = (
  a: { validFrom: string; validTo: string | null },
  b: { validFrom: string; validTo: string | null },
) => a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');

/** Assignments on cells at any depth below `bodyId`, optionally only those in force during `month`. */
export async function listAssignments(
  db: Db,
  bodyId: string,
  month?: string,
  ids?: readonly string[],
): Promise<AssignmentRecord[]> {
  const range = month ? monthBounds(month) : null;
  const rows = await queryRows<Row>(
    db,
    sql`with recursive ${subtreeCte(bodyId)}
        select a.id, a.user_id, u.username, u.display_name, a.cell_id, c.name as cell_name, a.decision_no, a.valid_from, a.valid_to, a.frequency, a.every, a.rota_position
          from sub
          join org_units c on c.id = sub.id and c.kind = 'cell'
          join assignments a on a.cell_id = c.id
          join users u on u.id = a.user_id
         where true
           ${range ? sql`and a.valid_from <= ${range.last}::date and (a.valid_to is null or a.valid_to >= ${range.first}::date)` : sql``}
           ${
             ids
               ? sql`and a.id in (${sql.join(
                   ids.map((i) => sql`${i}::uuid`),
                   sql`, `,
                 )})`
               : sql``
           }`,
  );
  const collator = new Intl.Collator('vi');
  return rows
    .map(toRecord)
    .sort(
      (a, b) =>
        collator.compare(a.cellName, b.cellName) ||
        collator.compare(a.displayName, b.displayName) ||
        a.validFrom.localeCompare(b.validFrom),
    );
}

/** One assignment if its cell lies at or below `rootId` (null root: any). */
export async function findAssignment(
  db: Db,
  id: string,
  rootId: string | null,
): Promise<AssignmentRecord | null> {
  const rows = await queryRows<Row>(
    db,
    sql`with recursive ${subtreeCte(rootId ?? '')}
        select a.id, a.user_id, u.username, u.display_name, a.cell_id, c.name as cell_name, a.decision_no, a.valid_from, a.valid_to, a.frequency, a.every, a.rota_position
          from assignments a join org_units c on c.id = a.cell_id join users u on u.id = a.user_id
         where a.id = ${id}::uuid ${rootId ? sql`and a.cell_id in (select id from sub)` : sql``}`,
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * Checks drafts against the database in three queries (cells, members, existing assignments):
 * the cell must exist, be a cell within the manager's scope and be open on `validFrom`; the member
 * must be an active observer of the manager's body (admin: of the cell's province); the period
 * must not overlap another assignment of the same member to the same cell, stored or in the batch.
 * Returns the errors per draft and the member id of each valid one.
 */
export async function checkDrafts(
  db: Db,
  manager: AuthUser,
  drafts: readonly AssignmentDraft[],
): Promise<{ errors: DraftErrors[]; userIds: (string | null)[]; overlap: boolean[] }> {
  const root = hasRole(manager, 'admin') ? null : manager.orgUnitId;
  const cellIds = [...new Set(drafts.map((d) => d.cellId).filter(Boolean))];
  const userIds = [...new Set(drafts.map((d) => d.userId).filter((x): x is string => !!x))];
  const usernames = [
    ...new Set(drafts.map((d) => d.username?.toLowerCase()).filter((x): x is string => !!x)),
  ];
  const list = (xs: readonly string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );

  const [cells, members] = await Promise.all([
    cellIds.length
      ? queryRows<{
          id: string;
          kind: OrgUnitKind;
          valid_from: unknown;
          valid_to: unknown;
          province: string;
          in_scope: boolean;
        }>(
          db,
          sql`with recursive ${subtreeCte(root ?? '')}
              select id, kind, valid_from, valid_to, coalesce(province_id, id) as province,
                     ${root ? sql`id in (select id from sub)` : sql`true`} as in_scope
                from org_units where id in (${list(cellIds)})`,
        )
      : [],
    userIds.length || usernames.length
      ? queryRows<{
          id: string;
          username: string;
          role: Role;
          roles: Role[] | null;
          active: boolean;
          province: string;
          in_scope: boolean;
        }>(
          db,
          sql`with recursive ${subtreeCte(root ?? '')}
              select u.id, u.username, u.role, u.roles, u.active, coalesce(o.province_id, o.id) as province,
                     ${root ? sql`u.org_unit_id in (select id from sub)` : sql`true`} as in_scope
                from users u join org_units o on o.id = u.org_unit_id
               where ${userIds.length ? sql`u.id::text in (${list(userIds)})` : sql`false`}
                  or ${usernames.length ? sql`lower(u.username) in (${list(usernames)})` : sql`false`}`,
        )
      : [],
  ]);
  const cellById = new Map(cells.map((c) => [c.id, c]));
  const memberById = new Map(members.map((m) => [m.id, m]));
  const memberByName = new Map(members.map((m) => [m.username.toLowerCase(), m]));
  const found = members.map((m) => m.id);
  const stored =
    found.length && cellIds.length
      ? await db
          .select({
            userId: assignments.userId,
            cellId: assignments.cellId,
            validFrom: assignments.validFrom,
            validTo: assignments.validTo,
          })
          .from(assignments)
          .where(and(inArray(assignments.userId, found), inArray(assignments.cellId, cellIds)))
      : [];

  const accepted: { userId: string; cellId: string; validFrom: string; validTo: string | null }[] =
    [...stored];
  // A rota's places: one member per place at a time on a cell (stored, then the batch's).
  const rotaCells = [...new Set(drafts.filter((d) => d.frequency === 'rota').map((d) => d.cellId))];
  const places: {
    cellId: string;
    rotaPosition: number | null;
    validFrom: string;
    validTo: string | null;
  }[] = rotaCells.length
    ? await db
        .select({
          cellId: assignments.cellId,
          rotaPosition: assignments.rotaPosition,
          validFrom: assignments.validFrom,
          validTo: assignments.validTo,
        })
        .from(assignments)
        .where(and(inArray(assignments.cellId, rotaCells), eq(assignments.frequency, 'rota')))
    : [];
  const errors: DraftErrors[] = [];
  const ids: (string | null)[] = [];
  const overlap: boolean[] = [];
  for (const d of drafts) {
    const e: DraftErrors = {};
    const add = (f: keyof DraftErrors, m: string) => (e[f] ??= []).push(m);
    const cell = cellById.get(d.cellId);
    if (!d.cellId) {
      // Already reported by the caller (an empty cell).
    } else if (cell?.kind !== 'cell' || !cell.in_scope)
      add('cellId', `Không có chi bộ mã "${d.cellId}" trong phạm vi của bạn`);
    else if (isoDay(cell.valid_to) && d.validFrom > isoDay(cell.valid_to)!)
      add('cellId', `Chi bộ đã giải thể hoặc sáp nhập từ sau ngày ${isoDay(cell.valid_to)}`);
    const memberField = d.userId ? 'userId' : 'username';
    const member = d.userId
      ? memberById.get(d.userId)
      : memberByName.get(d.username?.toLowerCase() ?? '');
    if (!d.userId && !d.username) {
      // Already reported by the caller (an empty username).
    } else if (!member?.in_scope || (cell && member.province !== cell.province))
      add(
        memberField,
        `Không có cấp ủy viên "${d.userId ?? d.username ?? ''}" trong phạm vi của bạn`,
      );
    else if (!member.active) add(memberField, 'Tài khoản này đã bị khóa');
    else if (!hasRole(member, 'observer'))
      add(memberField, 'Chỉ phân công được tài khoản cấp ủy viên dự sinh hoạt (observer)');
    if (!d.decisionNo.trim()) add('decisionNo', 'Nhập số quyết định');
    if (d.validTo && d.validTo < d.validFrom)
      add('validTo', 'Ngày kết thúc phải từ ngày bắt đầu trở đi');
    let clash: (typeof accepted)[number] | undefined;
    if (member && !d.skipOverlap && Object.keys(e).length === 0) {
      clash = accepted.find(
        (a) => a.userId === member.id && a.cellId === d.cellId && overlaps(a, d),
      );
      const taken =
        !clash && d.frequency === 'rota'
          ? places.find(
              (p) => p.cellId === d.cellId && p.rotaPosition === d.rotaPosition && overlaps(p, d),
            )
          : undefined;
      if (clash)
        add(
          'validFrom',
          `Trùng thời gian với phân công từ ${clash.validFrom}${clash.validTo ? ` đến ${clash.validTo}` : ''}`,
        );
      else if (taken)
        add(
          'rotaPosition',
          `Thứ tự ${d.rotaPosition} trong lượt luân phiên của chi bộ này đã có người từ ${taken.validFrom}${taken.validTo ? ` đến ${taken.validTo}` : ''}`,
        );
      else {
        if (d.frequency === 'rota')
          places.push({
            cellId: d.cellId,
            rotaPosition: d.rotaPosition ?? null,
            validFrom: d.validFrom,
            validTo: d.validTo,
          });
        accepted.push({
          userId: member.id,
          cellId: d.cellId,
          validFrom: d.validFrom,
          validTo: d.validTo,
        });
      }
    }
    overlap.push(!!clash);
    errors.push(e);
    ids.push(member && Object.keys(e).length === 0 ? member.id : null);
  }
  return { errors, userIds: ids, overlap };
}

/** Stores checked drafts and their audit entries in one transaction; returns the new ids. */
export async function insertAssignments(
  db: Db,
  actor: AuthUser,
  rows: readonly (AssignmentDraft & { userId: string })[],
  at: Date,
  action: string,
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(assignments)
      .values(
        rows.map((r) => ({
          userId: r.userId,
          cellId: r.cellId,
          decisionNo: r.decisionNo.trim(),
          validFrom: r.validFrom,
          validTo: r.validTo,
          ...frequencyColumns(r),
        })),
      )
      .returning({ id: assignments.id });
    await tx.insert(auditLog).values(
      inserted.map((r, i) => ({
        actorId: actor.id,
        at,
        action,
        entity: 'assignment',
        entityId: r.id,
        data: {
          userId: rows[i]!.userId,
          cellId: rows[i]!.cellId,
          decisionNo: rows[i]!.decisionNo,
          validFrom: rows[i]!.validFrom,
          validTo: rows[i]!.validTo,
          ...frequencyColumns(rows[i]!),
        },
      })),
    );
    return inserted.map((r) => r.id);
  });
}
