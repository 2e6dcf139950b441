import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { AnswerTemplate, AnswerTemplateInput, Ok } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from './templates.ts';

/** Answer templates per body: the wording a body reuses when it resolves, schedules or explains. */
export const templateRoutes = new Hono<AppEnv>()
  .use(requireUser, requireRole('staff', 'leader', 'admin'))
  .get(
    '/',
    describeRoute(
      doc("The templates of the caller's body", z.object({ items: z.array(AnswerTemplate) })),
    ),
    validate('query', z.object({ bodyId: z.string().max(100).optional() })),
    async (c) =>
      c.json(
        { items: await listTemplates(c.var.deps.db, c.var.user, c.req.valid('query').bodyId) },
        200,
      ),
  )
  .post(
    '/',
    describeRoute(
      doc('Create a template', AnswerTemplate, { body: AnswerTemplateInput, status: 201 }),
    ),
    ...jsonBody(AnswerTemplateInput),
    async (c) => {
      const { db, now } = c.var.deps;
      return c.json(await createTemplate(db, c.var.user, c.req.valid('json'), now()), 201);
    },
  )
  .put(
    '/:id',
    describeRoute(doc('Edit a template', AnswerTemplate, { body: AnswerTemplateInput })),
    ...jsonBody(AnswerTemplateInput),
    async (c) => {
      const { db, now } = c.var.deps;
      return c.json(
        await updateTemplate(db, c.var.user, c.req.param('id'), c.req.valid('json'), now()),
        200,
      );
    },
  )
  .delete('/:id', describeRoute(doc('Delete a template', Ok)), async (c) => {
    await deleteTemplate(c.var.deps.db, c.var.user, c.req.param('id'));
    return c.json({ ok: true as const }, 200);
  });
