import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { AnswerTemplate, AnswerTemplateInput, Ok, toLocalIso, Uuid } from '@duhop/shared';
import type { AppEnv, AuthUser } from '../../context.ts';
import { answerTemplates } from '../../db/schema.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { ApiError, forbidden } from '../../lib/errors.ts';
import { doc } from '../../lib/openapi.ts';
import { jsonBody, validate } from '../../lib/validate.ts';

const notFound = () => new ApiError(404, 'TEMPLATE_NOT_FOUND', 'Không tìm thấy mẫu trả lời');
const view = (t: typeof answerTemplates.$inferSelect) => ({ id: t.id, bodyId: t.bodyId, title: t.title, text: t.text, updatedAt: toLocalIso(t.updatedAt) });

/** Staff manage their own body's templates; the admin may name any body. */
function bodyFor(user: AuthUser, requested?: string): string {
  if (!requested || requested === user.orgUnitId) return user.orgUnitId;
  if (user.role === 'admin') return requested;
  throw forbidden('Chỉ quản lý được mẫu trả lời của cơ quan mình');
}

async function loadOwn(c: { var: AppEnv['Variables'] }, id: string) {
  if (!Uuid.safeParse(id).success) throw notFound();
  const [row] = await c.var.deps.db.select().from(answerTemplates).where(eq(answerTemplates.id, id));
  if (!row || (c.var.user.role !== 'admin' && row.bodyId !== c.var.user.orgUnitId)) throw notFound();
  return row;
}

/** Answer templates per body: the wording a body reuses when it resolves, schedules or explains. */
export const templateRoutes = new Hono<AppEnv>()
  .use(requireUser, requireRole('staff', 'leader', 'admin'))
  .get(
    '/',
    describeRoute(doc("The templates of the caller's body", z.object({ items: z.array(AnswerTemplate) }))),
    validate('query', z.object({ bodyId: z.string().max(100).optional() })),
    async (c) => {
      const bodyId = bodyFor(c.var.user, c.req.valid('query').bodyId);
      const rows = await c.var.deps.db.select().from(answerTemplates).where(eq(answerTemplates.bodyId, bodyId)).orderBy(asc(answerTemplates.title));
      return c.json({ items: rows.map(view) }, 200);
    },
  )
  .post('/', describeRoute(doc('Create a template', AnswerTemplate, { body: AnswerTemplateInput, status: 201 })), ...jsonBody(AnswerTemplateInput), async (c) => {
    const input = c.req.valid('json');
    const now = c.var.deps.now();
    const [row] = await c.var.deps.db
      .insert(answerTemplates)
      .values({ bodyId: bodyFor(c.var.user, input.bodyId), title: input.title, text: input.text, createdBy: c.var.user.id, createdAt: now, updatedAt: now })
      .returning();
    return c.json(view(row!), 201);
  })
  .put('/:id', describeRoute(doc('Edit a template', AnswerTemplate, { body: AnswerTemplateInput })), ...jsonBody(AnswerTemplateInput), async (c) => {
    const existing = await loadOwn(c, c.req.param('id'));
    const input = c.req.valid('json');
    const [row] = await c.var.deps.db
      .update(answerTemplates)
      .set({ title: input.title, text: input.text, updatedAt: c.var.deps.now() })
      .where(and(eq(answerTemplates.id, existing.id)))
      .returning();
    return c.json(view(row!), 200);
  })
  .delete('/:id', describeRoute(doc('Delete a template', Ok)), async (c) => {
    const existing = await loadOwn(c, c.req.param('id'));
    await c.var.deps.db.delete(answerTemplates).where(eq(answerTemplates.id, existing.id));
    return c.json({ ok: true as const }, 200);
  });
