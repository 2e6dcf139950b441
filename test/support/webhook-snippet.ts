import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Verify = (
  secret: string,
  header: string | undefined,
  rawBody: string,
  toleranceSeconds?: number,
) => boolean;

/**
 * The Node verification snippet of docs/webhooks.md, word for word: the first ```js block that
 * defines `verifyDuhopSignature`, written to a module file and imported, so the documentation
 * cannot drift from what the API signs.
 */
export async function docsVerifier(): Promise<Verify> {
  const md = readFileSync(join(import.meta.dirname, '../../docs/webhooks.md'), 'utf8');
  const block = [...md.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((code) => code.includes('export function verifyDuhopSignature'));
  if (!block) throw new Error('docs/webhooks.md has no verifyDuhopSignature snippet');
  const file = join(mkdtempSync(join(tmpdir(), 'duhop-wh-')), 'verify-duhop.mjs');
  writeFileSync(file, block);
  const mod = (await import(pathToFileURL(file).href)) as { verifyDuhopSignature: Verify };
  return mod.verifyDuhopSignature;
}
