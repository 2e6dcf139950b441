// `npm run package -- --api-url https://duhop.example.vn [--key PATH] [--out DIR]`
//
// Builds the extension for one server and writes what a province distributes:
//   - a zip for the Chrome Web Store / Microsoft Edge Add-ons with the listing texts beside it;
//   - a CRX3 signed with the key at PATH (created there once; never inside the repository), the
//     extension id it yields and an update.xml, for self-hosting (EXTENSION_DIR of the API) and
//     the ExtensionInstallForcelist policy;
//   - the unpacked build, with the public key in the manifest so it loads with the same id.
// See docs/extension-distribution.md.
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listingText } from './listing.mjs';

const require = createRequire(import.meta.url);
const extDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(extDir, '..');

export const CRX_NAME = 'duhop.crx';

class UsageError extends Error {}

function wxtBin() {
  const found = [extDir, repoRoot]
    .map((d) => join(d, 'node_modules', 'wxt', 'bin', 'wxt.mjs'))
    .find((p) => existsSync(p));
  if (!found) throw new Error('wxt is not installed: run npm install first');
  return found;
}

/** An https origin, or http on this computer (127.0.0.0/8, localhost, [::1]); else a clear refusal. */
export function checkApiUrl(input) {
  let url;
  try {
    url = new URL(String(input ?? '').trim());
  } catch {
    throw new UsageError(
      `--api-url: "${input ?? ''}" is not an address; give e.g. https://duhop.example.vn`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`--api-url: ${url.protocol}// is not supported; use https://`);
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  )
    throw new UsageError(
      `--api-url: give the server's origin only (https://host[:port]), without a path, query or credentials`,
    );
  const host = url.hostname.toLowerCase();
  const loopback = host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  if (url.protocol === 'http:' && !loopback)
    throw new UsageError(
      `--api-url: http:// is refused for ${url.host} (passwords and reports would cross the network in clear); use https://, http:// is only for 127.0.0.1, localhost or [::1]`,
    );
  return url.origin;
}

/** True when `p` is the repository or inside it (symlinks resolved as far as they exist). */
function insideRepo(p) {
  const real = (x) => {
    let cur = x;
    const rest = [];
    while (!existsSync(cur) && dirname(cur) !== cur) {
      rest.unshift(cur.slice(dirname(cur).length + 1));
      cur = dirname(cur);
    }
    return join(realpathSync(cur), ...rest);
  };
  const rel = relative(real(repoRoot), real(p));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Reads the RSA key at `path`, or creates it there (mode 600) when missing. */
export function loadOrCreateKey(path) {
  if (insideRepo(path))
    throw new UsageError(
      `--key: ${path} is inside the repository; keep the signing key outside it (e.g. ~/.config/duhop/extension-key.pem) and back it up`,
    );
  let created = false;
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
      flag: 'wx',
    });
    chmodSync(path, 0o600);
    created = true;
  }
  const pem = readFileSync(path, 'utf8');
  let publicDer;
  try {
    publicDer = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  } catch {
    throw new UsageError(`--key: ${path} is not a PEM private key`);
  }
  return { pem, publicDer, created };
}

/** Chrome's extension id: the first 128 bits of SHA-256 of the public key, as letters a–p. */
export function extensionId(publicDer) {
  return [...createHash('sha256').update(publicDer).digest().subarray(0, 16)]
    .map((b) => String.fromCharCode(97 + (b >> 4), 97 + (b & 15)))
    .join('');
}

/**
 * The managed-machine policies for this id and server (docs/extension-distribution.md, section 4):
 * the JSON file of Chromium, Chrome and Edge on Linux, and a .reg file for Chrome and Edge on
 * Windows. Both force-install the CRX from `<origin>/extension/update.xml` and set `apiUrl`
 * (managed storage). The .reg text is ASCII with CRLF line ends, which regedit reads as is.
 */
export function policyFiles(id, origin) {
  const forcelist = `${id};${origin}/extension/update.xml`;
  const linux = {
    ExtensionInstallForcelist: [forcelist],
    '3rdparty': { extensions: { [id]: { apiUrl: origin } } },
  };
  const browsers = [
    ['Google Chrome', 'Google\\Chrome'],
    ['Microsoft Edge', 'Microsoft\\Edge'],
  ];
  const reg = [
    'Windows Registry Editor Version 5.00',
    '',
    `; Du hop (duhop) ${id}: install and keep it updated from ${origin}, and set its server address.`,
    '; If a force-list below already has entries, change "1" to the next free number.',
    ...browsers.flatMap(([name, key]) => [
      '',
      `; ${name}`,
      `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${key}\\ExtensionInstallForcelist]`,
      `"1"="${forcelist}"`,
      '',
      `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${key}\\3rdparty\\extensions\\${id}\\policy]`,
      `"apiUrl"="${origin}"`,
    ]),
    '',
  ].join('\r\n');
  return { linuxJson: `${JSON.stringify(linux, null, 2)}\n`, windowsReg: reg };
}

export async function packageExtension({ apiUrl, key, out, log = console.log }) {
  const origin = checkApiUrl(apiUrl);
  // Relative paths are relative to where `npm run` was typed (npm itself runs in the root).
  const cwd = process.env.INIT_CWD || process.cwd();
  const keyPath = resolve(
    cwd,
    key ??
      join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'duhop', 'extension-key.pem'),
  );
  const outDir = resolve(cwd, out ?? join(repoRoot, 'dist', 'extension'));
  const { pem, publicDer, created } = loadOrCreateKey(keyPath);
  const id = extensionId(publicDer);
  const version = JSON.parse(readFileSync(join(extDir, 'package.json'), 'utf8')).version;

  const buildOut = join(outDir, 'build');
  rmSync(buildOut, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  log(`[package] Building the extension for ${origin}…`);
  const build = spawnSync(process.execPath, [wxtBin(), 'build'], {
    cwd: extDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DUHOP_API_URL: origin,
      DUHOP_EXTENSION_KEY: publicDer.toString('base64'),
      DUHOP_OUT_DIR: buildOut,
    },
    encoding: 'utf8',
  });
  if (build.status !== 0)
    throw new Error(`The extension build failed:\n${build.stdout}\n${build.stderr}`);
  const unpacked = join(buildOut, 'chrome-mv3');
  const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));

  const ChromeExtension = require('crx');
  const crx = new ChromeExtension({ privateKey: pem, codebase: `${origin}/extension/${CRX_NAME}` });
  await crx.load(unpacked);
  const contents = await crx.loadContents();
  // The stores give the extension their own id and refuse a manifest `key`: the zip goes without.
  const storeDir = join(buildOut, 'store');
  cpSync(unpacked, storeDir, { recursive: true });
  const { key: _key, ...storeManifest } = manifest;
  writeFileSync(join(storeDir, 'manifest.json'), JSON.stringify(storeManifest));
  const zipPath = join(outDir, `duhop-${version}.zip`);
  writeFileSync(
    zipPath,
    await new ChromeExtension({}).load(storeDir).then((x) => x.loadContents()),
  );
  const crxPath = join(outDir, CRX_NAME);
  writeFileSync(crxPath, await crx.pack(contents));
  if (crx.generateAppId(publicDer) !== id)
    throw new Error('crx and this script disagree on the extension id');
  const updatePath = join(outDir, 'update.xml');
  writeFileSync(updatePath, crx.generateUpdateXML());
  const idPath = join(outDir, 'extension-id.txt');
  writeFileSync(idPath, `${id}\n`);
  const listingPath = join(outDir, 'listing-vi.md');
  writeFileSync(listingPath, listingText({ origin, version, manifest }));
  const policyDir = join(outDir, 'policy');
  mkdirSync(policyDir, { recursive: true });
  const { linuxJson, windowsReg } = policyFiles(id, origin);
  const policyJsonPath = join(policyDir, 'duhop.json');
  writeFileSync(policyJsonPath, linuxJson);
  chmodSync(policyJsonPath, 0o644); // Chromium reads it as any user; only root writes /etc/…/policies
  const policyRegPath = join(policyDir, 'duhop.reg');
  writeFileSync(policyRegPath, windowsReg);

  const paths = {
    unpacked,
    zip: zipPath,
    listing: listingPath,
    crx: crxPath,
    updateXml: updatePath,
    idFile: idPath,
    policyJson: policyJsonPath,
    policyReg: policyRegPath,
    key: keyPath,
  };
  log(`[package] Extension ${manifest.version} for ${origin}`);
  log(`  id:            ${id}`);
  log(
    `  signing key:   ${keyPath}${created ? ' (created now: back it up; losing it changes the id)' : ''}`,
  );
  log(`  Web Store zip: ${zipPath}`);
  log(`  listing texts: ${listingPath}`);
  log(`  CRX3:          ${crxPath}`);
  log(`  update.xml:    ${updatePath} (codebase ${origin}/extension/${CRX_NAME})`);
  log(`  id file:       ${idPath}`);
  log(`  unpacked:      ${unpacked} (same id)`);
  log(`  policies:      ${policyJsonPath} (Linux), ${policyRegPath} (Windows)`);
  log(`  Serve them: EXTENSION_DIR=${outDir} on the API.`);
  return { id, origin, version, created, outDir, paths, manifest };
}

async function main() {
  const { values } = parseArgs({
    options: {
      'api-url': { type: 'string' },
      key: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help || !values['api-url']) {
    console.log(
      'Usage: npm run package -- --api-url https://duhop.example.vn [--key PATH] [--out DIR]',
    );
    process.exit(values.help ? 0 : 2);
  }
  await packageExtension({ apiUrl: values['api-url'], key: values.key, out: values.out });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof UsageError ? `[package] ${err.message}` : err);
    process.exit(
      err instanceof UsageError || err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 2 : 1,
    );
  });
}
