import { chromium, test, expect, type BrowserContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain ESM script without types
import { packageExtension } from '../../extension/scripts/package.mjs';
import { freePort, startApi, type RunningApi } from './api-server.ts';
import { SCREENS_DIR } from './fixtures.ts';
import { PanelPage } from './pages/panel-page.ts';

// Issue 11, "prove it in Debian's Chromium": the packaged extension (unpacked build with the key,
// so its id is the CRX's), an organisation policy under /etc/chromium/policies/managed/ setting
// the API address for that id, the options page showing it read-only, the side panel signing in
// against it. Then whether Chromium force-installs the CRX from the API's update.xml.

const POLICY_DIR = '/etc/chromium/policies/managed';
const tag = randomBytes(4).toString('hex');
const work = mkdtempSync(join(tmpdir(), 'duhop-e2e-policy-'));
const key = join(work, 'key', 'extension-key.pem');
const policyFiles: string[] = [];

function writePolicy(name: string, policy: unknown): string {
  mkdirSync(POLICY_DIR, { recursive: true });
  const file = join(POLICY_DIR, `duhop-e2e-${tag}-${name}.json`);
  writeFileSync(file, JSON.stringify(policy, null, 2));
  policyFiles.push(file);
  return file;
}
function removePolicies() {
  for (const f of policyFiles.splice(0)) rmSync(f, { force: true });
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

async function launch(args: string[]): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 400, height: 760 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    args: [...ARGS, ...args],
  });
}

let api: RunningApi;
let deadOrigin: string;
let pkg: { id: string; paths: { unpacked: string }; outDir: string; manifest: { version: string } };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // Built-in address: a port nothing listens on, so signing in can only work through the policy's.
  deadOrigin = `http://127.0.0.1:${await freePort()}`;
  pkg = await packageExtension({ apiUrl: deadOrigin, key, out: join(work, 'pkg'), log: () => {} });
  // The API admits only the packaged id over CORS (the build's host permission is the dead address).
  api = await startApi({ EXTENSION_IDS: pkg.id });
});

test.afterAll(async () => {
  removePolicies();
  await api?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('an organisation sets the API address by policy: options show it read-only, the side panel signs in against it', async () => {
  writePolicy('apiurl', { '3rdparty': { extensions: { [pkg.id]: { apiUrl: api.url } } } });
  let context: BrowserContext | undefined;
  try {
    context = await launch([
      `--disable-extensions-except=${pkg.paths.unpacked}`,
      `--load-extension=${pkg.paths.unpacked}`,
    ]);
    const worker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    expect(new URL(worker.url()).host).toBe(pkg.id);

    const options = await context.newPage();
    await options.goto(`chrome-extension://${pkg.id}/options.html`);
    const field = options.getByLabel('Địa chỉ máy chủ');
    await expect(field).toHaveValue(api.url);
    await expect(field).toHaveAttribute('readonly', '');
    await expect(
      options.getByText('Do đơn vị quản lý thiết lập; không thay đổi được trên máy này.'),
    ).toBeVisible();
    await expect(options.getByRole('button', { name: 'Lưu' })).toHaveCount(0);
    await mkdir(SCREENS_DIR, { recursive: true });
    await options.screenshot({
      path: join(SCREENS_DIR, 'policy-options-managed-400.png'),
      fullPage: true,
    });

    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${pkg.id}/sidepanel.html`);
    // The sign-in screen names the organisation's address, read only, and can test it.
    await expect(panel.getByText(`Máy chủ do đơn vị quản lý thiết lập: ${api.url}`)).toBeVisible();
    await expect(panel.getByLabel('Địa chỉ máy chủ')).toHaveCount(0);
    await panel.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
    await expect(panel.getByTestId('server-check')).toContainText('Kết nối được: Dự họp');
    await panel.getByLabel('Tên đăng nhập').fill('observer');
    await panel.getByLabel('Mật khẩu').fill('demo1234');
    await panel.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(panel.locator('[data-cell="hn-xom-2"]')).toBeVisible({ timeout: 20_000 });
    const session = (await worker.evaluate(
      async () =>
        (
          await (
            globalThis as unknown as {
              chrome: {
                storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
              };
            }
          ).chrome.storage.local.get('session')
        ).session,
    )) as { apiBase: string };
    expect(session.apiBase).toBe(api.url);
    await panel.screenshot({
      path: join(SCREENS_DIR, 'policy-panel-signed-in.png'),
      fullPage: true,
    });

    // A draft on this (shared) computer: Đăng xuất offers to remove it, and does when chosen.
    const home = await PanelPage.open(context, pkg.id);
    await home.startReport('hn-xom-2');
    await home.page.close();
    await options.reload();
    await options.getByRole('button', { name: 'Đăng xuất' }).click();
    const ask = options.locator('form.sign-out');
    await expect(ask).toContainText('Trên máy này còn 1 bản nháp');
    await ask.getByLabel(/Xóa các bản nháp và bản lưu báo cáo của tôi/).check();
    await options.screenshot({
      path: join(SCREENS_DIR, 'policy-options-sign-out-400.png'),
      fullPage: true,
    });
    await ask.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(options.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
    const draftsLeft = () =>
      options.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('duhop');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const count = open.result.transaction('drafts').objectStore('drafts').count();
              count.onsuccess = () => {
                open.result.close();
                resolve(count.result);
              };
            };
          }),
      );
    // Waited on as a condition: IndexedDB may still be committing when the page shows the sign-in.
    await expect.poll(draftsLeft).toBe(0);
  } finally {
    await context?.close();
    removePolicies();
  }
});

test('without a policy the member may change the address: http:// to another machine is refused at the field', async () => {
  const context = await launch([
    `--disable-extensions-except=${pkg.paths.unpacked}`,
    `--load-extension=${pkg.paths.unpacked}`,
  ]);
  try {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${pkg.id}/options.html`);
    const field = options.getByLabel('Địa chỉ máy chủ');
    await expect(field).toHaveValue(deadOrigin);
    await expect(field).not.toHaveAttribute('readonly', '');
    await field.fill('http://duhop.example.vn');
    await options.getByRole('button', { name: 'Lưu' }).click();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(options.locator('#o-api-err')).toContainText('Chỉ chấp nhận địa chỉ https://');
    await options.screenshot({
      path: join(SCREENS_DIR, 'options-address-insecure-400.png'),
      fullPage: true,
    });
    await field.fill(api.url);
    await options.getByRole('button', { name: 'Lưu' }).click();
    await expect(options.getByText('Đã lưu địa chỉ máy chủ')).toBeVisible();
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  } finally {
    await context.close();
  }
});

test('a force-listed CRX is installed from the API’s update.xml on 127.0.0.1', async () => {
  test.setTimeout(150_000);
  // A package whose update.xml and CRX point at this API (same key, so the same id).
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const hosted = await packageExtension({
    apiUrl: origin,
    key,
    out: join(work, 'hosted'),
    log: () => {},
  });
  expect(hosted.id).toBe(pkg.id);
  const server = await startApi({
    PORT: String(port),
    EXTENSION_DIR: hosted.outDir,
    EXTENSION_IDS: '',
  });
  let browser: ChildProcess | undefined;
  try {
    const xml = await fetch(`${origin}/extension/update.xml`);
    expect(xml.status).toBe(200);
    // This policy reaches every Chromium on the machine: it stays only while this browser starts.
    // Chromium is started directly: Playwright's default flags (--disable-extensions,
    // --disable-background-networking, --enable-automation…) stop policy installs.
    // The very file `npm run package` wrote for the administrators (policy/duhop.json).
    const generated = JSON.parse(readFileSync(hosted.paths.policyJson, 'utf8'));
    expect(generated.ExtensionInstallForcelist).toEqual([
      `${hosted.id};${origin}/extension/update.xml`,
    ]);
    writePolicy('forcelist', generated);
    const profile = mkdtempSync(join(work, 'profile-'));
    const installed = join(
      profile,
      'Default',
      'Extensions',
      hosted.id,
      `${hosted.manifest.version}_0`,
      'manifest.json',
    );
    browser = spawn(
      '/usr/bin/chromium',
      ['--headless=new', ...ARGS, `--user-data-dir=${profile}`, 'about:blank'],
      { stdio: 'ignore' },
    );
    await expect
      .poll(() => existsSync(installed), { timeout: 90_000, intervals: [500] })
      .toBe(true);
    removePolicies();
    const manifest = JSON.parse(readFileSync(installed, 'utf8')) as {
      host_permissions: string[];
      version: string;
      key?: string;
    };
    expect(manifest.host_permissions).toEqual([`${origin}/*`]);
    expect(manifest.version).toBe(hosted.manifest.version);
  } finally {
    removePolicies();
    if (browser && browser.exitCode === null) {
      const exited = new Promise((r) => browser!.once('exit', r));
      browser.kill('SIGTERM');
      await exited;
    }
    await server.stop();
  }
});
