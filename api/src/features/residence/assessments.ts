import { and, eq } from 'drizzle-orm';
import { activeInYear, localDate, type ResidenceRating } from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import { residenceAssessments } from '../../db/schema.ts';
import { ApiError, validationError } from '../../lib/errors.ts';
import { writeAudit } from '../admin/audit.ts';
import { asDb } from '../admin/scope.ts';
import { accessToCell } from './access.ts';
import { currentYear, findMember, memberNotFound } from './members.ts';

const assessmentNotFound = () =>
  new ApiError(404, 'RESIDENCE_ASSESSMENT_NOT_FOUND', 'Chưa có nhận xét của năm này');

/** The member if the caller may assess them: a keeper of the cell or a member assigned to it. */
async function assessable(deps: Deps, user: AuthUser, id: string, year: number) {
  const found = await findMember(deps.db, id, year);
  if (!found || !(await accessToCell(deps.db, user, found.cellId, deps.now())))
    throw memberNotFound();
  return found;
}

/**
 * Records the cell's assessment of a member for a year (once: a second one for the same year is a
 * 422 on `year`, corrections go through `correctAssessment`). The year must be one the member was
 * on the cell's list, and not after the current one.
 */
export async function recordAssessment(
  deps: Deps,
  user: AuthUser,
  id: string,
  input: { year: number; rating: ResidenceRating; reasons?: string | null | undefined },
) {
  const { db } = deps;
  const found = await assessable(deps, user, id, input.year);
  const now = deps.now();
  if (input.year > currentYear(now))
    throw validationError({
      year: [`Chưa đến năm ${input.year}: chỉ nhận xét năm đã qua hoặc năm nay`],
    });
  if (!activeInYear(found, input.year))
    throw validationError({
      year: [`Năm ${input.year} đảng viên không có trong danh sách của chi bộ`],
    });
  const duplicate = () =>
    validationError({
      year: [`Đã có nhận xét năm ${input.year}; hãy sửa nhận xét đó thay vì thêm mới`],
    });
  if (found.assessment) throw duplicate();
  const reasons = input.reasons?.trim() || null;
  const at = now;
  await db.transaction(async (txRaw) => {
    const tx = asDb(txRaw);
    const inserted = await tx
      .insert(residenceAssessments)
      .values({
        memberId: id,
        year: input.year,
        rating: input.rating,
        reasons,
        assessedBy: user.id,
        assessedOn: localDate(at),
      })
      .onConflictDoNothing()
      .returning({ year: residenceAssessments.year });
    // Two recorders at once: the second finds the first's row and gets the same 422.
    if (!inserted.length) throw duplicate();
    await writeAudit(tx, {
      actorId: user.id,
      at,
      action: 'residence_assessment.create',
      entity: 'residence_member',
      entityId: id,
      data: { year: input.year, rating: input.rating, reasons },
    });
  });
  return (await findMember(db, id, input.year))!;
}

/**
 * Corrects the assessment of a year: the row takes the new rating, reasons, recorder and day;
 * what it said before is kept in the append-only audit log (`residence_assessment.correct`).
 */
export async function correctAssessment(
  deps: Deps,
  user: AuthUser,
  id: string,
  year: number,
  input: { rating: ResidenceRating; reasons?: string | null | undefined },
) {
  const { db } = deps;
  const found = await assessable(deps, user, id, year);
  const before = found.assessment;
  if (!before) throw assessmentNotFound();
  const reasons = input.rating === 'good' ? input.reasons?.trim() || null : input.reasons!.trim();
  const at = deps.now();
  await db.transaction(async (txRaw) => {
    const tx = asDb(txRaw);
    await tx
      .update(residenceAssessments)
      .set({ rating: input.rating, reasons, assessedBy: user.id, assessedOn: localDate(at) })
      .where(and(eq(residenceAssessments.memberId, id), eq(residenceAssessments.year, year)));
    await writeAudit(tx, {
      actorId: user.id,
      at,
      action: 'residence_assessment.correct',
      entity: 'residence_member',
      entityId: id,
      data: {
        year,
        before: {
          rating: before.rating,
          reasons: before.reasons,
          assessedBy: before.assessedById,
          assessedOn: before.assessedOn,
        },
        after: { rating: input.rating, reasons },
      },
    });
  });
  return (await findMember(db, id, year))!;
}
