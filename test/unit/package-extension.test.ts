import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { checkApiUrl, extensionId, packageExtension } from '../../extension/scripts/package.mjs';

// Issue 11: `npm run package -- --api-url … --key … --out …` builds the extension for a server.

const ROOT = resolve(import.meta.dirname, '../..');

/** Reads protobuf fields (wire types 0 and 2 only, which is all a CRX3 header uses). */
function protoFields(buf: Buffer): { field: number; value: Buffer }[] {
  const out: { field: number; value: Buffer }[] = [];
  let i = 0;
  const varint = () => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = buf[i++]!;
      n += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return n;
      shift += 7;
    }
  };
  while (i < buf.length) {
    const tag = varint();
    const wire = tag & 7;
    const field = Math.floor(tag / 8);
    if (wire === 0) varint();
    else if (wire === 2) {
      const len = varint();
      out.push({ field, value: buf.subarray(i, i + len) });
      i += len;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return out;
}

/** Checks a CRX3 the way Chromium's verifier does: magic, version, the RSA proof over the signed data and the zip. */
function readCrx3(crx: Buffer) {
  expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
  expect(crx.readUInt32LE(4)).toBe(3);
  const headerLen = crx.readUInt32LE(8);
  const header = crx.subarray(12, 12 + headerLen);
  const zip = crx.subarray(12 + headerLen);
  const fields = protoFields(header);
  const proofs = fields.filter((f) => f.field === 2).map((f) => protoFields(f.value));
  const signedHeaderData = fields.find((f) => f.field === 10000)!.value;
  const crxId = protoFields(signedHeaderData).find((f) => f.field === 1)!.value;
  expect(proofs).toHaveLength(1);
  const publicKey = proofs[0]!.find((f) => f.field === 1)!.value;
  const signature = proofs[0]!.find((f) => f.field === 2)!.value;
  const lenLE = Buffer.alloc(4);
  lenLE.writeUInt32LE(signedHeaderData.length);
  const signed = Buffer.concat([
    Buffer.from('CRX3 SignedData\x00', 'latin1'),
    lenLE,
    signedHeaderData,
    zip,
  ]);
  const valid = verify(
    'sha256',
    signed,
    createPublicKey({ key: publicKey, format: 'der', type: 'spki' }),
    signature,
  );
  return { publicKey, crxId, zip, valid };
}

/** One file of a zip, read from its central directory (stored or deflated entries). */
function unzipFile(zipPath: string, name: string): string {
  const zip = readFileSync(zipPath);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  const entries = zip.readUInt16LE(eocd + 10);
  for (let n = 0; n < entries; n++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const skip = nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.subarray(at + 46, at + 46 + nameLen).toString('utf8') === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`${name} is not in ${zipPath}`);
}

describe('the --api-url check', () => {
  it.each([
    ['https://duhop.example.vn', 'https://duhop.example.vn'],
    ['https://duhop.example.vn/', 'https://duhop.example.vn'],
    ['https://duhop.example.vn:8443', 'https://duhop.example.vn:8443'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
  ])('accepts %s', (input, origin) => expect(checkApiUrl(input)).toBe(origin));

  it.each([
    ['http://duhop.example.vn', /http:\/\/ is refused/],
    ['http://10.0.0.5:8787', /http:\/\/ is refused/],
    ['https://duhop.example.vn/api', /origin only/],
    ['ftp://duhop.example.vn', /not supported/],
    ['duhop.example.vn', /not an address/],
    ['', /not an address/],
  ])('refuses %j', (input, message) => expect(() => checkApiUrl(input)).toThrow(message));

  it('`npm run package` refuses plain http to another machine with one line and exit code 2', () => {
    const run = spawnSync(
      'npm',
      [
        'run',
        '--silent',
        'package',
        '--',
        '--api-url',
        'http://duhop.example.vn',
        '--key',
        join(tmpdir(), 'never-created.pem'),
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      '[package] --api-url: http:// is refused for duhop.example.vn (passwords and reports would cross the network in clear); use https://, http:// is only for 127.0.0.1, localhost or [::1]',
    );
    expect(existsSync(join(tmpdir(), 'never-created.pem'))).toBe(false);
  });

  it('refuses a signing key inside the repository before building anything', async () => {
    const out = mkdtempSync(join(tmpdir(), 'duhop-pkg-refused-'));
    try {
      for (const key of [
        join(ROOT, 'extension-key.pem'),
        join(ROOT, 'extension', 'keys', 'k.pem'),
        ROOT,
      ]) {
        await expect(
          packageExtension({ apiUrl: 'https://duhop.example.vn', key, out, log: () => {} }),
        ).rejects.toThrow(/inside the repository/);
        expect(existsSync(key) && key !== ROOT).toBe(false);
      }
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('a package for https://duhop.example.vn', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duhop-pkg-'));
  const key = join(dir, 'secret', 'extension-key.pem');
  const out = join(dir, 'out');
  let result: Awaited<ReturnType<typeof packageExtension>>;
  const lines: string[] = [];

  beforeAll(async () => {
    result = await packageExtension({
      apiUrl: 'https://duhop.example.vn/',
      key,
      out,
      log: (l: string) => lines.push(l),
    });
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key once, private to its owner, and prints every path', () => {
    expect(result.created).toBe(true);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const printed = lines.join('\n');
    for (const p of Object.values(result.paths) as string[]) {
      expect(existsSync(p), p).toBe(true);
      expect(printed).toContain(p);
    }
    expect(printed).toContain(result.id);
  });

  it('the built manifest: the server is the only host permission, the key pins the id, the managed schema is declared', () => {
    const manifest = JSON.parse(readFileSync(join(result.paths.unpacked, 'manifest.json'), 'utf8'));
    expect(manifest.host_permissions).toEqual(['https://duhop.example.vn/*']);
    expect(manifest.optional_host_permissions).not.toContain('http://*/*');
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    const schema = JSON.parse(
      readFileSync(join(result.paths.unpacked, 'managed_schema.json'), 'utf8'),
    );
    expect(schema.properties.apiUrl.type).toBe('string');
    const spki = createPublicKey(readFileSync(key, 'utf8')).export({ type: 'spki', format: 'der' });
    expect(manifest.key).toBe(spki.toString('base64'));
    expect(extensionId(Buffer.from(manifest.key, 'base64'))).toBe(result.id);
    expect(result.id).toMatch(/^[a-p]{32}$/);
  });

  it('the address is the built-in default of the extension pages and the background', () => {
    const files = [
      join(result.paths.unpacked, 'background.js'),
      ...readdirSync(join(result.paths.unpacked, 'chunks')).map((f) =>
        join(result.paths.unpacked, 'chunks', f),
      ),
    ];
    const withAddress = files.filter((f) =>
      /[`"']https:\/\/duhop\.example\.vn[`"']/.test(readFileSync(f, 'utf8')),
    );
    expect(withAddress.length).toBeGreaterThan(0);
  });

  it('the CRX3 is signed by the key, its id is the id printed, the zip inside is the build', () => {
    const crx = readCrx3(readFileSync(result.paths.crx));
    expect(crx.valid).toBe(true);
    const spki = createPublicKey(readFileSync(key, 'utf8')).export({ type: 'spki', format: 'der' });
    expect(crx.publicKey.equals(spki)).toBe(true);
    expect(crx.crxId.equals(createHash('sha256').update(spki).digest().subarray(0, 16))).toBe(true);
    expect(extensionId(crx.publicKey)).toBe(result.id);
    expect(readFileSync(result.paths.idFile, 'utf8').trim()).toBe(result.id);
  });

  it('update.xml names the id, the version and the CRX on the server', () => {
    const xml = readFileSync(result.paths.updateXml, 'utf8');
    expect(xml).toContain(`appid='${result.id}'`);
    expect(xml).toContain(`codebase='https://duhop.example.vn/extension/duhop.crx'`);
    expect(xml).toContain(`version='${result.manifest.version}'`);
    expect(xml).toContain(`prodversionmin='116'`);
  });

  it('the policy files force-install this id from update.xml and set apiUrl as the managed schema allows', () => {
    const policy = JSON.parse(readFileSync(result.paths.policyJson, 'utf8'));
    expect(Object.keys(policy).sort()).toEqual(['3rdparty', 'ExtensionInstallForcelist']);
    // Chromium's ExtensionInstallForcelist: a list of "<id>;<update URL>" strings.
    expect(policy.ExtensionInstallForcelist).toEqual([
      `${result.id};https://duhop.example.vn/extension/update.xml`,
    ]);
    for (const entry of policy.ExtensionInstallForcelist as string[]) {
      const [id, url] = entry.split(';');
      expect(id).toMatch(/^[a-p]{32}$/);
      expect(new URL(url!).protocol).toBe('https:');
    }
    // 3rdparty.extensions.<id>: the extension's own policy, checked against its managed schema.
    expect(Object.keys(policy['3rdparty'])).toEqual(['extensions']);
    expect(Object.keys(policy['3rdparty'].extensions)).toEqual([result.id]);
    const schema = JSON.parse(
      readFileSync(join(result.paths.unpacked, 'managed_schema.json'), 'utf8'),
    );
    const values = policy['3rdparty'].extensions[result.id] as Record<string, unknown>;
    expect(values).toEqual({ apiUrl: 'https://duhop.example.vn' });
    for (const [name, value] of Object.entries(values))
      expect(typeof value, name).toBe(schema.properties[name]?.type);
    expect(statSync(result.paths.policyJson).mode & 0o777).toBe(0o644);

    const reg = readFileSync(result.paths.policyReg, 'latin1');
    expect(reg).toMatch(/^[\x20-\x7e\r\n]*$/);
    expect(reg.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = reg.split('\r\n');
    expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
    for (const browser of ['Google\\Chrome', 'Microsoft\\Edge']) {
      const key = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${browser}`;
      const forcelist = lines.indexOf(`[${key}\\ExtensionInstallForcelist]`);
      expect(lines[forcelist + 1]).toBe(
        `"1"="${result.id};https://duhop.example.vn/extension/update.xml"`,
      );
      const own = lines.indexOf(`[${key}\\3rdparty\\extensions\\${result.id}\\policy]`);
      expect(own, browser).toBeGreaterThan(0);
      expect(lines[own + 1]).toBe('"apiUrl"="https://duhop.example.vn"');
    }
  });

  it('the store zip has the build without the key, and the Vietnamese listing is beside it', () => {
    const manifest = JSON.parse(unzipFile(result.paths.zip, 'manifest.json'));
    expect(manifest.key).toBeUndefined();
    expect(manifest.host_permissions).toEqual(['https://duhop.example.vn/*']);
    expect(unzipFile(result.paths.zip, 'managed_schema.json')).toContain('apiUrl');
    const listing = readFileSync(result.paths.listing, 'utf8');
    for (const heading of [
      '## Tên',
      '## Mô tả ngắn',
      '## Mô tả chi tiết',
      '## Lý do cần từng quyền',
      '## Chính sách riêng tư',
    ])
      expect(listing).toContain(heading);
    for (const perm of manifest.permissions) expect(listing).toContain(`\`${perm}\``);
    const short = listing.split('## Mô tả ngắn (tối đa 132 ký tự)\n\n')[1]!.split('\n')[0]!;
    expect(short.length).toBeLessThanOrEqual(132);
  });

  it('a second package with the same key keeps the id and the key', async () => {
    const before = readFileSync(key, 'utf8');
    const again = await packageExtension({
      apiUrl: 'https://duhop.example.vn',
      key,
      out: join(dir, 'out2'),
      log: () => {},
    });
    expect(again.created).toBe(false);
    expect(again.id).toBe(result.id);
    expect(readFileSync(key, 'utf8')).toBe(before);
  }, 180_000);
});
