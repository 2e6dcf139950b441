import { asc, eq } from 'drizzle-orm';
import { hasRole, toLocalIso, Uuid, type AnswerTemplate } from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { answerTemplates } from '../../db/schema.ts';
import { forbidden, notFoundErrors } from '../../lib/errors.ts';

export interface TemplateInput {
  title: string;
  text: string;
  bodyId?: string | undefined;
}

const view = (t: typeof answerTemplates.$inferSelect): AnswerTemplate => ({
  id: t.id,
  bodyId: t.bodyId,
  title: t.title,
  text: t.text,
  updatedAt: toLocalIso(t.updatedAt),
});

/** Staff manage their own body's templates; the admin may name any body. */
function bodyFor(user: AuthUser, requested?: string): string {
  if (!requested || requested === user.orgUnitId) return user.orgUnitId;
  if (hasRole(user, 'admin')) return requested;
  throw forbidden('Chỉ quản lý được mẫu trả lời của cơ quan mình');
}

/** A template of the caller's body (any, for the admin); 404 otherwise. */
async function loadOwn(db: Db, user: AuthUser, id: string) {
  if (!Uuid.safeParse(id).success) throw notFoundErrors.template();
  const [row] = await db.select().from(answerTemplates).where(eq(answerTemplates.id, id));
  if (!row || (!hasRole(user, 'admin') && row.bodyId !== user.orgUnitId))
    throw notFoundErrors.template();
  return row;
}

/** The templates of a body, by title. */
export async function listTemplates(
  db: Db,
  user: AuthUser,
  bodyId?: string,
): Promise<AnswerTemplate[]> {
  const rows = await db
    .select()
    .from(answerTemplates)
    .where(eq(answerTemplates.bodyId, bodyFor(user, bodyId)))
    .orderBy(asc(answerTemplates.title));
  return rows.map(view);
}

export async function createTemplate(
  db: Db,
  user: AuthUser,
  input: TemplateInput,
  now: Date,
): Promise<AnswerTemplate> {
  const [row] = await db
    .insert(answerTemplates)
    .values({
      bodyId: bodyFor(user, input.bodyId),
      title: input.title,
      text: input.text,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return view(row!);
}

/** New title and text; the template stays with its body. */
export async function updateTemplate(
  db: Db,
  user: AuthUser,
  id: string,
  input: TemplateInput,
  now: Date,
): Promise<AnswerTemplate> {
  const existing = await loadOwn(db, user, id);
  const [row] = await db
    .update(answerTemplates)
    .set({ title: input.title, text: input.text, updatedAt: now })
    .where(eq(answerTemplates.id, existing.id))
    .returning();
  return view(row!);
}

export async function deleteTemplate(db: Db, user: AuthUser, id: string): Promise<void> {
  const existing = await loadOwn(db, user, id);
  await db.delete(answerTemplates).where(eq(answerTemplates.id, existing.id));
}
