import { eq } from 'drizzle-orm';
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
  localDate,
  Uuid,
} from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { assignments, auditLog } from '../../db/schema.ts';
import { requireUser } from '../../lib/auth.ts';
import { ApiError, validationError, type FieldErrors } from '../../lib/errors.ts';
import { doc } from '../../lib/openapi.ts';
import { fileDoc, queryParameters } from '../../lib/openapi-files.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { assignmentsCsv, decodeUtf8, readAssignmentCsv } from './csv.ts';
import { checkDrafts, findAssignment, insertAssignments, listAssignments } from './assignments.ts';
import { requireAssignmentManager, resolveBody } from '../org/body-scope.ts';
import { CONTENT_TYPES } from '../exports/tables.ts';

const assignmentNotFound = () => new ApiError(404, 'ASSIGNMENT_NOT_FOUND', 'Không tìm thấy phân công');
const CSV_TYPES = /^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel|application\/octet-stream)\b/i;

/**
 * Assignments of committee members to cells (phân công dự sinh hoạt): an admin anywhere, the
 * staff of a commune/ward committee for the cells under it. Import is all-or-nothing.
 */
export const assignmentRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .use(async (c, next) => {
    await requireAssignmentManager(c.var.deps.db, c.var.user);
    await next();
  })
  .get(
    '/',
    describeRoute({ ...doc('Assignments on the cells under a body (default: the caller’s), optionally in force during a month', AssignmentList), parameters: queryParameters(AssignmentListQuery) }),
    validate('query', AssignmentListQuery),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await resolveBody(c.var.deps.db, c.var.user, q.bodyId);
      return c.json({ items: await listAssignments(c.var.deps.db, ctx.body.id, q.month) }, 200);
    },
  )
  .get(
    '/export',
    describeRoute(fileDoc('Assignments as CSV (UTF-8 with BOM), with the headers the import reads', [CONTENT_TYPES.csv], AssignmentListQuery)),
    validate('query', AssignmentListQuery),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await resolveBody(c.var.deps.db, c.var.user, q.bodyId);
      const body = new TextEncoder().encode(assignmentsCsv(await listAssignments(c.var.deps.db, ctx.body.id, q.month)));
      const name = `phan-cong-${ctx.body.id}${q.month ? `-${q.month}` : ''}.csv`.replace(/[^A-Za-z0-9._-]+/g, '-');
      return c.body(body, 200, { 'Content-Type': CONTENT_TYPES.csv, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' });
    },
  )
  .post(
    '/',
    describeRoute(doc('Assign a member to a cell by decision', AssignmentRecord, { body: AssignmentInput, status: 201 })),
    ...jsonBody(AssignmentInput),
    async (c) => {
      const { db, now } = c.var.deps;
      const input = c.req.valid('json');
      const draft = { ...input, validTo: input.validTo ?? null };
      const { errors, userIds, overlap } = await checkDrafts(db, c.var.user, [draft]);
      const e = errors[0]!;
      if (overlap[0]) throw new ApiError(409, 'ASSIGNMENT_OVERLAP', e.validFrom![0]!, { validFrom: e.validFrom! });
      if (Object.keys(e).length) throw validationError(e as FieldErrors);
      const [id] = await insertAssignments(db, c.var.user, [{ ...draft, userId: userIds[0]! }], now(), 'assignment.create');
      return c.json((await findAssignment(db, id!, null))!, 201);
    },
  )
  .post(
    '/import',
    describeRoute({
      ...doc(
        'Import assignments from CSV (UTF-8, BOM allowed; headers Tên đăng nhập, Mã chi bộ, Số quyết định, Từ ngày, Đến ngày). All rows or none: errors come as 422 fields `rows.<spreadsheet row>.<field>` (the header is row 1). `?dryRun=true` checks every row the same way and stores nothing (200, `valid` rows)',
        AssignmentImportResult,
        { status: 201 },
      ),
      parameters: [{ name: 'dryRun', in: 'query', required: false, schema: { type: 'boolean' } }],
      requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } },
    }),
    validate('query', ImportQuery),
    async (c) => {
      const { db, now } = c.var.deps;
      const dryRun = c.req.valid('query').dryRun ?? false;
      const type = c.req.header('content-type') ?? '';
      let bytes: ArrayBuffer;
      if (/^multipart\/form-data\b/i.test(type)) {
        // A broken multipart body (bad boundary, truncated) is the client's error, not a 500.
        const form = await c.req.parseBody().catch(() => {
          throw new ApiError(400, 'MALFORMED_BODY', 'Biểu mẫu multipart/form-data không đọc được');
        });
        const file = Object.values(form).find((v): v is File => typeof v === 'object' && v !== null && 'arrayBuffer' in v);
        if (!file) throw validationError({ file: ['Chọn tệp CSV để nhập'] });
        bytes = await file.arrayBuffer();
      } else if (CSV_TYPES.test(type)) bytes = await c.req.arrayBuffer();
      else throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Gửi tệp CSV (Content-Type: text/csv) hoặc biểu mẫu multipart/form-data');

      const { drafts, errors } = readAssignmentCsv(decodeUtf8(bytes));
      const hasOwnErrors = (row: number) => Object.keys(errors).some((k) => k.startsWith(`rows.${row}.`));
      const checked = await checkDrafts(
        db,
        c.var.user,
        drafts.map(({ row, draft }) => ({ ...draft, skipOverlap: hasOwnErrors(row) })),
      );
      checked.errors.forEach((e, i) => {
        for (const [field, messages] of Object.entries(e)) (errors[`rows.${drafts[i]!.row}.${field}`] ??= []).push(...messages!);
      });
      if (Object.keys(errors).length) {
        throw validationError(errors, `Không nhập dòng nào: ${new Set(Object.keys(errors).map((k) => k.split('.')[1])).size} dòng có lỗi`);
      }
      if (dryRun) return c.json({ imported: 0, items: [], dryRun: true, valid: drafts.length }, 200);
      const ids = await insertAssignments(
        db,
        c.var.user,
        drafts.map((d, i) => ({ ...d.draft, userId: checked.userIds[i]! })),
        now(),
        'assignment.import',
      );
      const root = c.var.user.role === 'admin' ? null : c.var.user.orgUnitId;
      const items = root ? await listAssignments(db, root, undefined, ids) : await Promise.all(ids.map(async (id) => (await findAssignment(db, id, null))!));
      return c.json({ imported: ids.length, items }, 201);
    },
  )
  .patch(
    '/:id',
    describeRoute(doc('End an assignment (set its last day)', AssignmentRecord, { body: AssignmentPatch })),
    ...jsonBody(AssignmentPatch),
    async (c) => {
      const { db, now } = c.var.deps;
      const id = c.req.param('id');
      if (!Uuid.safeParse(id).success) throw assignmentNotFound();
      const found = await findAssignment(db, id, c.var.user.role === 'admin' ? null : c.var.user.orgUnitId);
      if (!found) throw assignmentNotFound();
      const { validTo } = c.req.valid('json');
      if (validTo < found.validFrom) throw validationError({ validTo: [`Ngày kết thúc không được trước ngày bắt đầu ${found.validFrom}`] });
      const at = now();
      await db.transaction(async (tx) => {
        await tx.update(assignments).set({ validTo }).where(eq(assignments.id, id));
        await tx.insert(auditLog).values({ actorId: c.var.user.id, at, action: 'assignment.end', entity: 'assignment', entityId: id, data: { from: found.validTo, to: validTo, today: localDate(at) } });
      });
      return c.json({ ...found, validTo }, 200);
    },
  );
