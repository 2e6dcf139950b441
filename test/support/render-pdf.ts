import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join, resolve } from 'node:path';

/** Where the documents the tests produce are kept for a reviewer (git-ignored, uploaded by CI). */
export const DOCUMENTS_DIR = resolve(import.meta.dirname, '../results/documents');

/** LibreOffice's command on this machine, or null (Debian: libreoffice-calc-nogui, -writer-nogui). */
export function sofficePath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const p = join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return null;
}

/**
 * Converts a DOCX, XLSX or CSV file to PDF with LibreOffice (headless) into `outDir` (default: the
 * file's own folder) and returns the PDF's path; null when LibreOffice is not installed. Each call
 * uses its own throw-away profile (-env:UserInstallation), so parallel runs do not clash on the
 * profile lock. Throws when LibreOffice is there but cannot convert the file.
 */
export async function renderPdf(file: string, outDir?: string): Promise<string | null> {
  const soffice = sofficePath();
  if (!soffice) return null;
  const out = outDir ?? resolve(file, '..');
  await mkdir(out, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'duhop-soffice-'));
  try {
    await new Promise<void>((done, fail) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          'pdf',
          '--outdir',
          out,
          file,
        ],
        { timeout: 100_000 },
        (err, _stdout, stderr) =>
          err ? fail(new Error(`soffice could not convert ${file}: ${stderr || err}`)) : done(),
      );
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const pdf = join(out, `${basename(file, extname(file))}.pdf`);
  if (!existsSync(pdf)) throw new Error(`soffice wrote no PDF for ${file}`);
  return pdf;
}

/**
 * Keeps a document a test produced: writes `bytes` as test/results/documents/<name> and, where
 * LibreOffice is available, its PDF rendering beside it. Returns the PDF's path or null.
 */
export async function keepDocument(name: string, bytes: Uint8Array): Promise<string | null> {
  await mkdir(DOCUMENTS_DIR, { recursive: true });
  const file = join(DOCUMENTS_DIR, name);
  await writeFile(file, bytes);
  return renderPdf(file, DOCUMENTS_DIR);
}
