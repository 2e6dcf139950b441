import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import {
  AdminUser,
  AdminUserList,
  AdminUserQuery,
  ImportQuery,
  ResetPasswordInput,
  UserCreateInput,
  UserImportResult,
  UserPatchInput,
} from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { jsonBody, validate } from '../../lib/validate.ts';
import { readCsvBody } from './csv.ts';
import { adminProvince } from './scope.ts';
import { importUsers } from './user-import.ts';
import { createUser, listUsers, patchUser, resetPassword } from './users.ts';
import { adminDoc, csvImportDoc, NO_PROVINCE } from './doc.ts';

/** Accounts: list, create, import, edit (deactivation revokes sessions), reset a password. Admin only. */
export const adminUserRoutes = new Hono<AppEnv>()
  .use(requireUser, requireRole('admin'))
  .get(
    '/',
    describeRoute(
      adminDoc("Accounts of a province's units (the admin's own by default)", AdminUserList, {
        extra: [409],
        describe: { 409: NO_PROVINCE },
      }),
    ),
    validate('query', AdminUserQuery),
    async (c) => {
      const q = c.req.valid('query');
      const provinceId = await adminProvince(c.var.deps.db, c.var.user, q.provinceId);
      return c.json(await listUsers(c.var.deps.db, provinceId, q), 200);
    },
  )
  .post(
    '/',
    describeRoute(
      adminDoc(
        'Create an account (the user must change the password at first sign-in unless told otherwise)',
        AdminUser,
        {
          body: UserCreateInput,
          status: 201,
          extra: [409],
          describe: {
            409: 'Username taken (`USERNAME_TAKEN`), or the admin has no province (`NO_PROVINCE`)',
          },
        },
      ),
    ),
    ...jsonBody(UserCreateInput),
    async (c) => c.json(await createUser(c.var.deps, c.var.user, c.req.valid('json')), 201),
  )
  .post(
    '/import',
    describeRoute(
      csvImportDoc(
        'Import accounts from CSV (all rows or none; an optional column "Các vai trò" gives an account several roles, separated by |)',
        UserImportResult,
        'Tên đăng nhập,Họ và tên,Vai trò,Đơn vị,Mật khẩu',
      ),
    ),
    validate('query', ImportQuery),
    async (c) => {
      const dryRun = c.req.valid('query').dryRun ?? false;
      const result = await importUsers(c.var.deps, c.var.user, await readCsvBody(c), dryRun);
      return c.json(result, dryRun ? 200 : 201);
    },
  )
  .patch(
    '/:id',
    describeRoute(
      adminDoc(
        'Edit display name, role and roles, body or active (deactivation ends every session at once)',
        AdminUser,
        {
          body: UserPatchInput,
          extra: [409],
          describe: { 409: 'Username taken (`USERNAME_TAKEN`)' },
        },
      ),
    ),
    ...jsonBody(UserPatchInput),
    async (c) =>
      c.json(await patchUser(c.var.deps, c.var.user, c.req.param('id'), c.req.valid('json')), 200),
  )
  .post(
    '/:id/reset-password',
    describeRoute(
      adminDoc('Set a temporary password; the user must change it at next sign-in', AdminUser, {
        body: ResetPasswordInput,
      }),
    ),
    ...jsonBody(ResetPasswordInput),
    async (c) =>
      c.json(
        await resetPassword(
          c.var.deps,
          c.var.user,
          c.req.param('id'),
          c.req.valid('json').temporaryPassword,
        ),
        200,
      ),
  );
