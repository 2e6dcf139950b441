import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import {
  RoutingRuleList,
  RoutingRulesInput,
  RoutingTestInput,
  RoutingTestResult,
} from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { listRules, replaceRules, testRoute } from './routing.ts';
import { adminProvince } from './scope.ts';
import { adminDoc, ProvinceQuery, NO_PROVINCE } from './doc.ts';

/** A province's ordered routing rules and a dry run of them. Admin only. */
export const adminRoutingRoutes = new Hono<AppEnv>()
  .use(requireUser, requireRole('admin'))
  .get(
    '/',
    describeRoute(
      adminDoc(
        "A province's routing rules in the order they are tried (the admin's own by default)",
        RoutingRuleList,
        { extra: [409], describe: { 409: NO_PROVINCE } },
      ),
    ),
    validate('query', ProvinceQuery),
    async (c) => {
      const provinceId = await adminProvince(
        c.var.deps.db,
        c.var.user,
        c.req.valid('query').provinceId,
      );
      return c.json({ provinceId, items: await listRules(c.var.deps.db, provinceId) }, 200);
    },
  )
  .put(
    '/',
    describeRoute(
      adminDoc(
        'Replace the ordered list in one transaction (new issues only; logged with who and when)',
        RoutingRuleList,
        { body: RoutingRulesInput, extra: [409], describe: { 409: NO_PROVINCE } },
      ),
    ),
    ...jsonBody(RoutingRulesInput),
    async (c) => {
      const body = c.req.valid('json');
      const provinceId = await adminProvince(c.var.deps.db, c.var.user, body.provinceId);
      return c.json(
        { provinceId, items: await replaceRules(c.var.deps, c.var.user, provinceId, body.rules) },
        200,
      );
    },
  )
  .post(
    '/test',
    describeRoute(
      adminDoc(
        'Where an issue raised now in a cell would go: body, rule, deadline profile and due dates (stored rules, or a draft list)',
        RoutingTestResult,
        {
          body: RoutingTestInput,
          extra: [409],
          describe: {
            409: 'No rule and no default routes the issue (`ROUTING_FAILED`), or the admin has no province (`NO_PROVINCE`)',
          },
        },
      ),
    ),
    ...jsonBody(RoutingTestInput),
    async (c) => c.json(await testRoute(c.var.deps, c.req.valid('json')), 200),
  );
