import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { ApiError } from '../../lib/errors.ts';
import { fileDoc } from '../../lib/openapi-files.ts';
import { writeAudit } from '../admin/audit.ts';
import { backupFileName, backupOpenDatabase, BackupError } from './backup.ts';

/**
 * `GET /api/admin/backup`: the same dump as `npm run backup` (plain SQL), of the database this
 * server has open, streamed as a download. Admin only; every download is in the audit log.
 */
export const adminBackupRoutes = new Hono<AppEnv>().use(requireUser, requireRole('admin')).get(
  '/',
  describeRoute({
    ...fileDoc('A full backup of the database (plain SQL as written by `npm run backup`; restore with `npm run restore`). Admin only, audited', ['application/sql']),
    tags: ['admin'],
  }),
  async (c) => {
    const { database, now } = c.var.deps;
    const dir = mkdtempSync(join(tmpdir(), 'duhop-backup-'));
    const at = now();
    const name = backupFileName(at);
    const file = join(dir, name);
    try {
      await backupOpenDatabase(database, file);
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      if (err instanceof BackupError) throw new ApiError(503, 'BACKUP_UNAVAILABLE', `Không sao lưu được cơ sở dữ liệu: ${err.message}`);
      throw err;
    }
    const bytes = statSync(file).size;
    await writeAudit(c.var.deps.db, { actorId: c.var.user.id, at, action: 'database.backup', entity: 'database', data: { driver: database.driver, bytes, file: name } });
    const stream = createReadStream(file);
    stream.once('close', () => rmSync(dir, { recursive: true, force: true }));
    return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
      'Content-Type': 'application/sql; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Content-Length': String(bytes),
      'Cache-Control': 'no-store',
    });
  },
);
