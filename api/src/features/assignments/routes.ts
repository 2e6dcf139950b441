import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import {
  AssignmentImportResult,
  AssignmentInput,
  AssignmentList,
  AssignmentListQuery,
  AssignmentPatch,
  AssignmentRecord,
  ImportQuery,
} from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { fileDoc } from '../../lib/openapi-files.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { downloadHeaders } from '../../lib/download.ts';
import { listAssignments } from './assignments.ts';
import { createAssignment, endAssignment, importAssignments } from './changes.ts';
import { assignmentsCsv, readAssignmentUpload } from './csv.ts';
import { requireAssignmentManager, resolveBody } from '../org/body-scope.ts';
import { CONTENT_TYPES } from '../exports/tables.ts';

/**
 * Assignments of committee members to cells (phân công dự sinh hoạt): an admin anywhere, the
 * staff of a commune/ward committee for the cells under it. Import is all-or-nothing.
 */

const ASSIGNMENT_OVERLAP =
  'The member already has an assignment on the cell over these dates (`ASSIGNMENT_OVERLAP`)';

export const assignmentRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .use(async (c, next) => {
    await requireAssignmentManager(c.var.deps.db, c.var.user);
    await next();
  })
  .get(
    '/',
    describeRoute({
      ...doc(
        'Assignments on the cells under a body (default: the caller’s), optionally in force during a month',
        AssignmentList,
      ),
    }),
    validate('query', AssignmentListQuery),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await resolveBody(c.var.deps.db, c.var.user, q.bodyId);
      return c.json({ items: await listAssignments(c.var.deps.db, ctx.body.id, q.month) }, 200);
    },
  )
  .get(
    '/export',
    describeRoute(
      fileDoc('Assignments as CSV (UTF-8 with BOM), with the headers the import reads', [
        CONTENT_TYPES.csv,
      ]),
    ),
    validate('query', AssignmentListQuery),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await resolveBody(c.var.deps.db, c.var.user, q.bodyId);
      const body = new TextEncoder().encode(
        assignmentsCsv(await listAssignments(c.var.deps.db, ctx.body.id, q.month)),
      );
      const name = `phan-cong-${ctx.body.id}${q.month ? `-${q.month}` : ''}.csv`.replace(
        /[^A-Za-z0-9._-]+/g,
        '-',
      );
      return c.body(body, 200, downloadHeaders(CONTENT_TYPES.csv, name));
    },
  )
  .post(
    '/',
    describeRoute(
      doc('Assign a member to a cell by decision', AssignmentRecord, {
        body: AssignmentInput,
        status: 201,
        extra: [409],
        describe: { 409: ASSIGNMENT_OVERLAP },
      }),
    ),
    ...jsonBody(AssignmentInput),
    async (c) => c.json(await createAssignment(c.var.deps, c.var.user, c.req.valid('json')), 201),
  )
  .post(
    '/import',
    describeRoute({
      ...doc(
        'Import assignments from CSV (UTF-8, BOM allowed; headers Tên đăng nhập, Mã chi bộ, Số quyết định, Từ ngày, Đến ngày). All rows or none: errors come as 422 fields `rows.<spreadsheet row>.<field>` (the header is row 1). `?dryRun=true` checks every row the same way and stores nothing (200, `valid` rows)',
        AssignmentImportResult,
        {
          status: 201,
          extra: [200, 409, 413, 415],
          describe: {
            200: '`?dryRun=true`: the preview and the row errors, nothing stored',
            409: ASSIGNMENT_OVERLAP,
            415: 'Neither `text/csv` nor `multipart/form-data` (`UNSUPPORTED_MEDIA_TYPE`)',
          },
        },
      ),
      requestBody: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
          },
        },
      },
    }),
    validate('query', ImportQuery),
    async (c) => {
      const dryRun = c.req.valid('query').dryRun ?? false;
      const result = await importAssignments(
        c.var.deps,
        c.var.user,
        await readAssignmentUpload(c),
        dryRun,
      );
      return c.json(result, dryRun ? 200 : 201);
    },
  )
  .patch(
    '/:id',
    describeRoute(
      doc('End an assignment (set its last day)', AssignmentRecord, {
        body: AssignmentPatch,
        extra: [409],
        describe: { 409: ASSIGNMENT_OVERLAP },
      }),
    ),
    ...jsonBody(AssignmentPatch),
    async (c) =>
      c.json(
        await endAssignment(c.var.deps, c.var.user, c.req.param('id'), c.req.valid('json').validTo),
        200,
      ),
  );
