import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { downloadHeaders } from '../../lib/download.ts';
import { fileDoc } from '../../lib/openapi-files.ts';
import { backupDownload } from './download.ts';

/**
 * `GET /api/admin/backup`: the same dump as `npm run backup` (plain SQL), of the database this
 * server has open, streamed as a download. Admin only; every download is in the audit log.
 */
export const adminBackupRoutes = new Hono<AppEnv>().use(requireUser, requireRole('admin')).get(
  '/',
  describeRoute({
    ...fileDoc(
      'A full backup of the database (plain SQL as written by `npm run backup`; restore with `npm run restore`). Admin only, audited',
      ['application/sql'],
      {
        describe: {
          503: 'The dump could not be made (`BACKUP_UNAVAILABLE`), or the database cannot serve now; wait `Retry-After` seconds',
        },
      },
    ),
    tags: ['admin'],
  }),
  async (c) => {
    const { name, bytes, stream } = await backupDownload(c.var.deps, c.var.user);
    return c.body(stream, 200, downloadHeaders('application/sql; charset=utf-8', name, bytes));
  },
);
