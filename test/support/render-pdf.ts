import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, extname, join, resolve } from 'node:path';

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
 * Converts a DOCX, XLSX or CSV file to PDF with LibreOffice (headless) and returns the PDF's path
 * (default: the file's path with `.pdf` for its extension); null when LibreOffice is not
 * installed. Each call uses its own throw-away profile (-env:UserInstallation) and output folder,
 * so parallel runs clash neither on the profile lock nor on a PDF's name. Throws when LibreOffice
 * is there but cannot convert the file.
 */
export async function renderPdf(file: string, pdf?: string): Promise<string | null> {
  const soffice = sofficePath();
  if (!soffice) return null;
  const target = pdf ?? join(dirname(file), `${basename(file, extname(file))}.pdf`);
  const work = await mkdtemp(join(tmpdir(), 'duhop-soffice-'));
  try {
    await new Promise<void>((done, fail) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=file://${work}/profile`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          'pdf',
          '--outdir',
          join(work, 'out'),
          file,
        ],
        { timeout: 100_000 },
        (err, _stdout, stderr) =>
          err ? fail(new Error(`soffice could not convert ${file}: ${stderr || err}`)) : done(),
      );
    });
    const out = join(work, 'out', `${basename(file, extname(file))}.pdf`);
    if (!existsSync(out)) throw new Error(`soffice wrote no PDF for ${file}`);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(out, target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return target;
}

/**
 * Keeps a document a test produced: writes `bytes` as test/results/documents/<name> and, where
 * LibreOffice is available, its PDF rendering beside it as <name>.pdf (`synthesis.xlsx.pdf`, so
 * that a DOCX and an XLSX of the same name keep one each). Returns the PDF's path or null.
 */
export async function keepDocument(name: string, bytes: Uint8Array): Promise<string | null> {
  await mkdir(DOCUMENTS_DIR, { recursive: true });
  const file = join(DOCUMENTS_DIR, name);
  await writeFile(file, bytes);
  return renderPdf(file, `${file}.pdf`);
}
