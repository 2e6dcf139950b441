import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import {
  AdminOrgUnit,
  AdminOrgUnitList,
  DocumentConfig,
  DocumentConfigView,
  ImportQuery,
  OrgChangeResult,
  OrgImportResult,
  OrgUnitCloseInput,
  OrgUnitCreateInput,
  OrgUnitMergeInput,
  OrgUnitPatchInput,
} from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { readCsvBody } from './csv.ts';
import { createUnit, listProvinceUnits, patchUnit } from './org.ts';
import { closeUnit, mergeUnits } from './org-close.ts';
import { importOrgUnits } from './org-import.ts';
import { adminProvince } from './scope.ts';
import { adminDoc, ProvinceQuery, csvImportDoc, NO_PROVINCE, ORG_UNIT_CLOSED } from './doc.ts';
import { documentConfigView, saveDocumentConfig } from '../exports/document-config.ts';

/** The organisation graph: add, correct, move, close, merge, import. Nothing is ever deleted. Admin only. */
export const adminOrgRoutes = new Hono<AppEnv>()
  .use(requireUser, requireRole('admin'))
  .get(
    '/',
    describeRoute(
      adminDoc(
        'Every unit of a province, closed ones included (the admin’s own by default)',
        AdminOrgUnitList,
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
      return c.json({ items: await listProvinceUnits(c.var.deps.db, provinceId) }, 200);
    },
  )
  .post(
    '/',
    describeRoute(
      adminDoc('Add a unit (a province when it has no parent)', AdminOrgUnit, {
        body: OrgUnitCreateInput,
        status: 201,
        extra: [409],
        describe: { 409: 'A unit with this id exists (`ORG_UNIT_EXISTS`)' },
      }),
    ),
    ...jsonBody(OrgUnitCreateInput),
    async (c) => c.json(await createUnit(c.var.deps, c.var.user, c.req.valid('json')), 201),
  )
  .post(
    '/import',
    describeRoute(
      csvImportDoc(
        "Import a province's units from CSV (all rows or none)",
        OrgImportResult,
        'Mã,Tên,Loại,Mã đơn vị cấp trên,Hiệu lực từ[,Loại chi bộ,Ngày sinh hoạt]',
      ),
    ),
    validate('query', ImportQuery),
    async (c) => {
      const dryRun = c.req.valid('query').dryRun ?? false;
      const result = await importOrgUnits(c.var.deps, c.var.user, await readCsvBody(c), dryRun);
      return c.json(result, dryRun ? 200 : 201);
    },
  )
  .post(
    '/merge',
    describeRoute(
      adminDoc(
        'Merge units into an existing or a new one from an effective date; their open issues, staff, children and assignments follow',
        OrgChangeResult,
        { body: OrgUnitMergeInput, extra: [409], describe: { 409: ORG_UNIT_CLOSED } },
      ),
    ),
    ...jsonBody(OrgUnitMergeInput),
    async (c) => c.json(await mergeUnits(c.var.deps, c.var.user, c.req.valid('json')), 200),
  )
  .patch(
    '/:id',
    describeRoute(
      adminDoc('Rename or move a unit in place (cycles refused)', AdminOrgUnit, {
        body: OrgUnitPatchInput,
      }),
    ),
    ...jsonBody(OrgUnitPatchInput),
    async (c) =>
      c.json(await patchUnit(c.var.deps, c.var.user, c.req.param('id'), c.req.valid('json')), 200),
  )
  .post(
    '/:id/close',
    describeRoute(
      adminDoc(
        'Close a unit on its last day, naming the successor that takes over its live work',
        OrgChangeResult,
        { body: OrgUnitCloseInput, extra: [409], describe: { 409: ORG_UNIT_CLOSED } },
      ),
    ),
    ...jsonBody(OrgUnitCloseInput),
    async (c) =>
      c.json(await closeUnit(c.var.deps, c.var.user, c.req.param('id'), c.req.valid('json')), 200),
  )
  .get(
    '/:id/document-config',
    describeRoute(
      adminDoc(
        'How a body numbers and signs its documents: what is stored, what documents use (defaults of its kind filled in), the last number issued this year',
        DocumentConfigView,
      ),
    ),
    async (c) =>
      c.json(await documentConfigView(c.var.deps.db, c.req.param('id'), c.var.deps.now()), 200),
  )
  .put(
    '/:id/document-config',
    describeRoute(
      adminDoc(
        'Set how a body numbers and signs its documents (number pattern with {n}, signer position, title and name, recipients); empty fields take the defaults',
        DocumentConfigView,
        { body: DocumentConfig },
      ),
    ),
    ...jsonBody(DocumentConfig),
    async (c) =>
      c.json(
        await saveDocumentConfig(c.var.deps, c.var.user, c.req.param('id'), c.req.valid('json')),
        200,
      ),
  );
