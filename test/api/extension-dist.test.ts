import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import type { AppConfig } from '../../api/src/context.ts';
import { parseEnv } from '../../api/src/env.ts';
import { resolveExtensionIds } from '../../api/src/lib/extension-ids.ts';
import {
  processData,
  startApiProcess,
  type ApiProcess,
  type ProcessData,
} from '../support/api-process.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

// Issue 11 (self-hosted extension: EXTENSION_DIR) and issue 13 (CORS limited to the configured
// extension ids), on both databases.

const ID_A = 'jklflakomopdbkkbjkaoepdkgcjopkji';
const ID_B = 'abcdefghijklmnopabcdefghijklmnop';
const UPDATE_XML = `<?xml version='1.0' encoding='UTF-8'?>\n<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'><app appid='${ID_A}'/></gupdate>`;
const CRX = Buffer.concat([
  Buffer.from('Cr24'),
  Buffer.from([3, 0, 0, 0]),
  Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256)),
]);

let database: TestDatabase;
let dir: string;
const app = (config: Partial<AppConfig>) => createApp({ database, config });
const preflight = (a: ReturnType<typeof app>, origin: string) =>
  a.request('/api/me', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET' },
  });

beforeAll(async () => {
  database = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'duhop-extdir-'));
  writeFileSync(join(dir, 'update.xml'), UPDATE_XML);
  writeFileSync(join(dir, 'duhop.crx'), CRX);
  writeFileSync(join(dir, 'extension-id.txt'), `${ID_A}\n`);
});
afterAll(async () => {
  await database?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /extension/* (EXTENSION_DIR)', () => {
  it('serves update.xml and the CRX with their content types, byte for byte', async () => {
    const a = app({ extensionDir: dir });
    const xml = await a.request('/extension/update.xml');
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(xml.headers.get('cache-control')).toBe('no-cache');
    expect(await xml.text()).toBe(UPDATE_XML);
    const crx = await a.request('/extension/duhop.crx');
    expect(crx.status).toBe(200);
    expect(crx.headers.get('content-type')).toBe('application/x-chrome-extension');
    expect(Buffer.from(await crx.arrayBuffer()).equals(CRX)).toBe(true);
  });

  it('is a 404 JSON error when EXTENSION_DIR is not set', async () => {
    for (const path of ['/extension/update.xml', '/extension/duhop.crx']) {
      const res = await app({ extensionDir: null }).request(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await res.json()).error.code).toBe('EXTENSION_NOT_HOSTED');
    }
  });

  it('is a 404 JSON error when the package was not written there, and serves nothing else from the directory', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'duhop-extdir-empty-'));
    try {
      const res = await app({ extensionDir: empty }).request('/extension/duhop.crx');
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('EXTENSION_NOT_PACKAGED');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    for (const path of [
      '/extension/extension-id.txt',
      '/extension/..%2Fupdate.xml',
      '/extension/%2e%2e/update.xml',
    ]) {
      const res = await app({ extensionDir: dir }).request(path);
      expect(res.status, path).toBe(404);
    }
  });

  it('is described in /openapi.json', async () => {
    const spec = await (await app({}).request('/openapi.json')).json();
    expect(Object.keys(spec.paths['/extension/update.xml'].get.responses['200'].content)).toEqual([
      'application/xml',
    ]);
    expect(Object.keys(spec.paths['/extension/duhop.crx'].get.responses['200'].content)).toEqual([
      'application/x-chrome-extension',
    ]);
    expect(spec.paths['/extension/duhop.crx'].get.responses['404']).toBeTruthy();
  });
});

describe('CORS: only the configured extension ids', () => {
  it('admits the listed ids and refuses any other extension', async () => {
    const a = app({ extensionIds: [ID_A] });
    expect(
      (await preflight(a, `chrome-extension://${ID_A}`)).headers.get('access-control-allow-origin'),
    ).toBe(`chrome-extension://${ID_A}`);
    expect(
      (await preflight(a, `chrome-extension://${ID_B}`)).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const get = await a.request('/health', { headers: { origin: `chrome-extension://${ID_B}` } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('with no id configured admits no extension, while CORS_ORIGINS still works', async () => {
    const a = app({ extensionIds: [], corsOrigins: ['https://admin.example.vn'] });
    expect(
      (await preflight(a, `chrome-extension://${ID_A}`)).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect(
      (await preflight(a, 'https://admin.example.vn')).headers.get('access-control-allow-origin'),
    ).toBe('https://admin.example.vn');
    expect(
      (await preflight(a, 'https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it("'*' (the demo) admits any extension id, never a web origin", async () => {
    const a = app({ extensionIds: '*' });
    expect(
      (await preflight(a, `chrome-extension://${ID_B}`)).headers.get('access-control-allow-origin'),
    ).toBe(`chrome-extension://${ID_B}`);
    expect(
      (await preflight(a, 'https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it('EXTENSION_IDS is parsed and checked; unset, the packaged id in EXTENSION_DIR is the default', () => {
    expect(parseEnv({ EXTENSION_IDS: `${ID_A}, ${ID_B.toUpperCase()}` }).EXTENSION_IDS).toEqual([
      ID_A,
      ID_B,
    ]);
    expect(parseEnv({ EXTENSION_IDS: '*' }).EXTENSION_IDS).toBe('*');
    expect(parseEnv({}).EXTENSION_IDS).toBeUndefined();
    expect(() => parseEnv({ EXTENSION_IDS: 'chrome-extension://x' })).toThrow(
      /EXTENSION_IDS: not an extension id/,
    );
    expect(resolveExtensionIds({ EXTENSION_DIR: dir })).toEqual({
      ids: [ID_A],
      line: expect.stringContaining(ID_A),
    });
    expect(resolveExtensionIds({ EXTENSION_DIR: dir, EXTENSION_IDS: [ID_B] }).ids).toEqual([ID_B]);
    expect(resolveExtensionIds({}).ids).toEqual([]);
    expect(resolveExtensionIds({ EXTENSION_IDS: '*' }).line).toMatch(/any browser-extension id/);
  });
});

describe('a real server with EXTENSION_DIR', () => {
  let data: ProcessData;
  let api: ApiProcess | undefined;
  beforeAll(async () => {
    data = await processData();
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await data?.destroy();
  }, 60_000);

  it('says at start which ids it allows, admits the packaged id over HTTP and serves the CRX', async () => {
    api = await startApiProcess(data, { EXTENSION_DIR: dir, EXTENSION_IDS: '' });
    expect(api.output()).toContain(`CORS: extension id allowed: ${ID_A}`);
    const ok = await fetch(`${api.url}/api/me`, {
      method: 'OPTIONS',
      headers: { origin: `chrome-extension://${ID_A}`, 'access-control-request-method': 'GET' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe(`chrome-extension://${ID_A}`);
    const other = await fetch(`${api.url}/api/me`, {
      method: 'OPTIONS',
      headers: { origin: `chrome-extension://${ID_B}`, 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const crx = await fetch(`${api.url}/extension/duhop.crx`);
    expect(crx.status).toBe(200);
    expect(Buffer.from(await crx.arrayBuffer()).equals(CRX)).toBe(true);
  }, 90_000);
});
