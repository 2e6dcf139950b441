import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { describeRoute } from 'hono-openapi';
import {
  ImportQuery,
  ResidenceAssessmentInput,
  ResidenceAssessmentParam,
  ResidenceAssessmentPatch,
  ResidenceExportQuery,
  ResidenceImportResult,
  ResidenceLetterQuery,
  ResidenceListQuery,
  ResidenceMemberInput,
  ResidenceMemberList,
  ResidenceMemberParam,
  ResidenceMemberPatch,
  ResidenceMemberRecord,
  ResidenceWorkplaceList,
  ResidenceWorkplaceQuery,
  TRIAGE_KINDS,
} from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { requireUser } from '../../lib/auth.ts';
import { downloadHeaders } from '../../lib/download.ts';
import { notFoundErrors, validationError } from '../../lib/errors.ts';
import { exportAdmission } from '../../lib/in-worker.ts';
import { doc } from '../../lib/openapi.ts';
import { exportQueue, fileDoc } from '../../lib/openapi-files.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { readAssignmentUpload } from '../assignments/csv.ts';
import { CONTENT_TYPES } from '../exports/tables.ts';
import { resolveBody } from '../org/body-scope.ts';
import { accessToCell, requireRegisterKeeper } from './access.ts';
import { correctAssessment, recordAssessment } from './assessments.ts';
import { importMembers } from './csv.ts';
import { exportLetter, exportRegister, workplacesOf } from './letter.ts';
import { createMember, currentYear, listAnswer, loadMembers, updateMember } from './members.ts';

/** 403 before anything else (validation included) for a caller who does not keep the register. */
const keeperOnly = createMiddleware<AppEnv>(async (c, next) => {
  await requireRegisterKeeper(c.var.deps.db, c.var.user);
  await next();
});

/** The body whose register a keeper reads or exports (default: their own), 404 outside scope. */
async function keeperBody(db: Db, user: AuthUser, bodyId: string | undefined) {
  await requireRegisterKeeper(db, user);
  return resolveBody(db, user, bodyId);
}

/**
 * Residence members ("đảng viên 76", Quy định 76-QĐ/TW) and the residential cell's year-end
 * assessment of each. Commune staff (and the province's admins) keep the register of the cells
 * under them; members assigned to a cell read its list and record its assessments.
 */
export const residenceRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/members',
    describeRoute(
      doc(
        'The register of one cell (`cellId`: its keepers and the members assigned to it) or of every cell under a body (`bodyId`, keepers only), each entry with the assessment of `year`; `unassessed=true` keeps those active in the year still without one',
        ResidenceMemberList,
      ),
    ),
    validate('query', ResidenceListQuery),
    async (c) => {
      const q = c.req.valid('query');
      const { db, now } = c.var.deps;
      const year = q.year ?? currentYear(now());
      let all: ResidenceMemberRecord[];
      if (q.cellId) {
        if (!(await accessToCell(db, c.var.user, q.cellId, now()))) throw notFoundErrors.cell();
        all = await loadMembers(db, { cellId: q.cellId }, year);
      } else {
        const ctx = await keeperBody(db, c.var.user, q.bodyId);
        all = await loadMembers(db, { rootId: ctx.body.id }, year);
      }
      return c.json(listAnswer(all, year, q), 200);
    },
  )
  .post(
    '/members',
    describeRoute(
      doc('Add a residence member to a cell under the caller', ResidenceMemberRecord, {
        body: ResidenceMemberInput,
        status: 201,
      }),
    ),
    keeperOnly,
    ...jsonBody(ResidenceMemberInput),
    async (c) => c.json(await createMember(c.var.deps, c.var.user, c.req.valid('json')), 201),
  )
  .post(
    '/members/import',
    describeRoute({
      ...doc(
        'Import residence members from CSV (UTF-8, BOM allowed; headers Họ và tên, Năm sinh, Mã chi bộ, Mã đơn vị công tác or Nơi công tác, Ngày giới thiệu, Ngày tiếp nhận, Trạng thái, Ngày thay đổi, Ghi chú). All rows or none: errors come as 422 fields `rows.<spreadsheet row>.<field>` (the header is row 1). `?dryRun=true` checks every row the same way and stores nothing (200, `valid` rows)',
        ResidenceImportResult,
        {
          status: 201,
          extra: [200, 413, 415],
          describe: {
            200: '`?dryRun=true`: the preview and the row errors, nothing stored',
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
    keeperOnly,
    validate('query', ImportQuery),
    async (c) => {
      const dryRun = c.req.valid('query').dryRun ?? false;
      const result = await importMembers(
        c.var.deps,
        c.var.user,
        await readAssignmentUpload(c),
        dryRun,
      );
      return c.json(result, dryRun ? 200 : 201);
    },
  )
  .patch(
    '/members/:id',
    describeRoute(
      doc(
        'Change a register entry (fields, or its status with the date of the change); audited',
        ResidenceMemberRecord,
        { body: ResidenceMemberPatch },
      ),
    ),
    keeperOnly,
    validate('param', ResidenceMemberParam),
    ...jsonBody(ResidenceMemberPatch),
    async (c) =>
      c.json(
        await updateMember(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .post(
    '/members/:id/assessments',
    describeRoute(
      doc(
        'Record the cell’s assessment of the member for a year (once a year: a second one is 422 on `year`); by a keeper or a member assigned to the cell',
        ResidenceMemberRecord,
        { body: ResidenceAssessmentInput, status: 201 },
      ),
    ),
    validate('param', ResidenceMemberParam),
    ...jsonBody(ResidenceAssessmentInput),
    async (c) =>
      c.json(
        await recordAssessment(
          c.var.deps,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .patch(
    '/members/:id/assessments/:year',
    describeRoute(
      doc(
        'Correct the assessment of a year; what it said before is kept in the audit log (`residence_assessment.correct`)',
        ResidenceMemberRecord,
        { body: ResidenceAssessmentPatch },
      ),
    ),
    validate('param', ResidenceAssessmentParam),
    ...jsonBody(ResidenceAssessmentPatch),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(
        await correctAssessment(c.var.deps, c.var.user, p.id, p.year, c.req.valid('json')),
        200,
      );
    },
  )
  .get(
    '/workplaces',
    describeRoute(
      doc(
        'The workplace organisations of the members active in the year under a body, with how many are assessed: one letter each',
        ResidenceWorkplaceList,
      ),
    ),
    keeperOnly,
    validate('query', ResidenceWorkplaceQuery),
    async (c) => {
      const q = c.req.valid('query');
      const { db, now } = c.var.deps;
      const ctx = await keeperBody(db, c.var.user, q.bodyId);
      const year = q.year ?? currentYear(now());
      const all = await loadMembers(db, { rootId: ctx.body.id }, year);
      return c.json({ year, items: workplacesOf(all, year) }, 200);
    },
  )
  .get(
    '/letter',
    exportAdmission,
    describeRoute(
      fileDoc(
        'The DOCX letter to one workplace organisation (Party layout, numbered "Số …-CV/…"): its members with the cells’ assessments of the year and the reasons. Issued by a commune/ward committee',
        [CONTENT_TYPES.docx],
        exportQueue,
      ),
    ),
    keeperOnly,
    validate('query', ResidenceLetterQuery),
    async (c) => {
      const q = c.req.valid('query');
      const { db, now } = c.var.deps;
      const ctx = await keeperBody(db, c.var.user, q.bodyId);
      if (!TRIAGE_KINDS.includes(ctx.body.kind))
        throw validationError({
          bodyId: ['Thư nhận xét do đảng ủy xã, phường gửi: chọn đảng ủy xã, phường'],
        });
      const year = q.year ?? currentYear(now());
      const all = await loadMembers(db, { rootId: ctx.body.id }, year);
      const file = await exportLetter(db, ctx, all, q.workplace, year, now());
      return c.body(
        file.body as Uint8Array<ArrayBuffer>,
        200,
        downloadHeaders(file.contentType, file.filename, file.body.byteLength),
      );
    },
  )
  .get(
    '/export',
    exportAdmission,
    describeRoute(
      fileDoc(
        'The register under a body with the year’s assessments, as XLSX or CSV (`;` and decimal comma)',
        [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv],
        exportQueue,
      ),
    ),
    keeperOnly,
    validate('query', ResidenceExportQuery),
    async (c) => {
      const q = c.req.valid('query');
      const { db, now } = c.var.deps;
      const ctx = await keeperBody(db, c.var.user, q.bodyId);
      const year = q.year ?? currentYear(now());
      const all = await loadMembers(db, { rootId: ctx.body.id }, year);
      const file = await exportRegister(ctx, all, year, q.format, now());
      return c.body(
        file.body as Uint8Array<ArrayBuffer>,
        200,
        downloadHeaders(file.contentType, file.filename, file.body.byteLength),
      );
    },
  );
