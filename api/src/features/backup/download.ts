import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AuthUser, Deps } from '../../context.ts';
import { ApiError } from '../../lib/errors.ts';
import { writeAudit } from '../admin/audit.ts';
import { backupFileName, backupOpenDatabase, BackupError } from './backup.ts';

/**
 * Dumps the open database to a temporary file, audits the download and returns the file as a
 * stream that removes it once read. 503 when the dump cannot be made.
 */
export async function backupDownload(
  deps: Deps,
  admin: AuthUser,
): Promise<{ name: string; bytes: number; stream: ReadableStream }> {
  const { database, now } = deps;
  const dir = mkdtempSync(join(tmpdir(), 'duhop-backup-'));
  const at = now();
  const name = backupFileName(at);
  const file = join(dir, name);
  try {
    await backupOpenDatabase(database, file);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    if (err instanceof BackupError)
      throw new ApiError(
        503,
        'BACKUP_UNAVAILABLE',
        `Không sao lưu được cơ sở dữ liệu: ${err.message}`,
      );
    throw err;
  }
  const bytes = statSync(file).size;
  await writeAudit(deps.db, {
    actorId: admin.id,
    at,
    action: 'database.backup',
    entity: 'database',
    data: { driver: database.driver, bytes, file: name },
  });
  const stream = createReadStream(file);
  stream.once('close', () => rmSync(dir, { recursive: true, force: true }));
  return { name, bytes, stream: Readable.toWeb(stream) as ReadableStream };
}
