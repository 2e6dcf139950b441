import { eq } from 'drizzle-orm';
import { hasRole, localDate, Uuid, type AssignmentRecord } from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import { assignments } from '../../db/schema.ts';
import { importRowsFailed } from '../../lib/csv-import.ts';
import { ApiError, notFoundErrors, validationError, type FieldErrors } from '../../lib/errors.ts';
import { writeAudit } from '../admin/audit.ts';
import { asDb } from '../admin/scope.ts';
import { checkDrafts, findAssignment, insertAssignments, listAssignments } from './assignments.ts';
import { readAssignmentCsv } from './csv.ts';

/** Assigns a member to a cell by decision: 422 for a bad draft, 409 for an overlapping period. */
export async function createAssignment(
  deps: Deps,
  manager: AuthUser,
  input: {
    userId: string;
    cellId: string;
    decisionNo: string;
    validFrom: string;
    validTo?: string | null | undefined;
  },
): Promise<AssignmentRecord> {
  const { db, now } = deps;
  const draft = { ...input, validTo: input.validTo ?? null };
  const { errors, userIds, overlap } = await checkDrafts(db, manager, [draft]);
  const e = errors[0]!;
  if (overlap[0])
    throw new ApiError(409, 'ASSIGNMENT_OVERLAP', e.validFrom![0]!, { validFrom: e.validFrom! });
  if (Object.keys(e).length) throw validationError(e as FieldErrors);
  const [id] = await insertAssignments(
    db,
    manager,
    [{ ...draft, userId: userIds[0]! }],
    now(),
    'assignment.create',
  );
  return (await findAssignment(db, id!, null))!;
}

/**
 * Imports a CSV of assignments, all rows or none: errors of any row are one 422 with fields
 * `rows.<spreadsheet row>.<field>`. A dry run checks every row the same way and stores nothing.
 */
export async function importAssignments(
  deps: Deps,
  manager: AuthUser,
  text: string,
  dryRun: boolean,
) {
  const { db, now } = deps;
  const { drafts, errors } = readAssignmentCsv(text);
  const hasOwnErrors = (row: number) =>
    Object.keys(errors).some((k) => k.startsWith(`rows.${row}.`));
  const checked = await checkDrafts(
    db,
    manager,
    drafts.map(({ row, draft }) => ({ ...draft, skipOverlap: hasOwnErrors(row) })),
  );
  checked.errors.forEach((e, i) => {
    for (const [field, messages] of Object.entries(e))
      (errors[`rows.${drafts[i]!.row}.${field}`] ??= []).push(...messages!);
  });
  if (Object.keys(errors).length) throw importRowsFailed(errors);
  if (dryRun) return { imported: 0, items: [], dryRun: true, valid: drafts.length };
  const ids = await insertAssignments(
    db,
    manager,
    drafts.map((d, i) => ({ ...d.draft, userId: checked.userIds[i]! })),
    now(),
    'assignment.import',
  );
  const root = hasRole(manager, 'admin') ? null : manager.orgUnitId;
  const items = root
    ? await listAssignments(db, root, undefined, ids)
    : await Promise.all(ids.map(async (id) => (await findAssignment(db, id, null))!));
  return { imported: ids.length, items };
}

/** Sets the last day of an assignment under the manager's body (any, for an admin); 404 otherwise. */
export async function endAssignment(
  deps: Deps,
  manager: AuthUser,
  id: string,
  validTo: string,
): Promise<AssignmentRecord> {
  const { db, now } = deps;
  if (!Uuid.safeParse(id).success) throw notFoundErrors.assignment();
  const found = await findAssignment(db, id, hasRole(manager, 'admin') ? null : manager.orgUnitId);
  if (!found) throw notFoundErrors.assignment();
  if (validTo < found.validFrom)
    throw validationError({
      validTo: [`Ngày kết thúc không được trước ngày bắt đầu ${found.validFrom}`],
    });
  const at = now();
  await db.transaction(async (tx) => {
    await tx.update(assignments).set({ validTo }).where(eq(assignments.id, id));
    await writeAudit(asDb(tx), {
      actorId: manager.id,
      at,
      action: 'assignment.end',
      entity: 'assignment',
      entityId: id,
      data: { from: found.validTo, to: validTo, today: localDate(at) },
    });
  });
  return { ...found, validTo };
}
