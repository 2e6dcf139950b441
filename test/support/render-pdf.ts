import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the documents of the test runs are kept for a reviewer to look at (git-ignored). */
export const DOCUMENTS_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../results/documents',
);

/** LibreOffice's command, or null when it is not installed (rendering is then skipped). */
export function libreOffice(): string | null {
  for (const bin of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice'])
    if (existsSync(bin)) return bin;
  return null;
}

/**
 * Keeps a document produced by a test (DOCX, XLSX…) in test/results/documents/ under `name`, and
 * its PDF rendering by LibreOffice beside it when LibreOffice is installed, so that a reviewer can
 * look at the pages. Returns the PDF's path, or null when it could not be rendered. Never fails a
 * test: the tests read the files themselves; the PDF is an artifact.
 */
export async function keepDocument(
  bytes: Uint8Array,
  name: string,
  opts: { pdf?: boolean } = {},
): Promise<string | null> {
  await mkdir(DOCUMENTS_DIR, { recursive: true });
  const file = join(DOCUMENTS_DIR, name);
  await writeFile(file, bytes);
  const soffice = opts.pdf === false ? null : libreOffice();
  if (!soffice) return null;
  // A profile of its own: LibreOffice refuses to start while another instance holds the default one.
  const profile = await mkdtemp(join(tmpdir(), 'duhop-lo-'));
  try {
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        DOCUMENTS_DIR,
        file,
      ],
      { timeout: 180_000 },
    );
    const pdf = file.replace(/\.[^.]+$/, '.pdf');
    return existsSync(pdf) ? pdf : null;
  } catch {
    return null;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
