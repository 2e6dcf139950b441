// The extension's weight (issue 15): what each page loads. API error bodies are read without zod;
// dictionaries are registered per surface and English arrives on demand; every text a page shows
// is in the dictionaries that page registers.
import { ErrorBody } from '@duhop/shared';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { errorBodyOf } from '../../extension/utils/api.ts';
import { accountEn } from '../../extension/utils/i18n/account-en.ts';
import { accountVi } from '../../extension/utils/i18n/account-vi.ts';
import { adminEn } from '../../extension/utils/i18n/admin-en.ts';
import { adminVi } from '../../extension/utils/i18n/admin-vi.ts';
import { en as enCore } from '../../extension/utils/i18n/en.ts';
import { triageEn } from '../../extension/utils/i18n/triage-en.ts';
import { triageVi } from '../../extension/utils/i18n/triage-vi.ts';
import { vi as viCore } from '../../extension/utils/i18n/vi.ts';

const ext = join(import.meta.dirname, '../../extension');

describe('API error bodies read without zod', () => {
  const samples: unknown[] = [
    { error: { code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ' } },
    { error: { code: 'X', message: 'm', fields: { 'attendance.present': ['quá lớn'] } } },
    { error: { code: 'X', message: 'm', fields: {}, requestId: 'r-1' } },
    { error: { code: 'X', message: 'm', requestId: 7 } },
    { error: { code: 'X', message: 'm', fields: { a: 'not a list' } } },
    { error: { code: 'X', message: 'm', fields: { a: [1] } } },
    { error: { code: 'X', message: 'm', fields: ['a'] } },
    { error: { code: 'X', message: 'm', fields: null } },
    { error: { code: 1, message: 'm' } },
    { error: { code: 'X' } },
    { error: 'X' },
    { error: null },
    {},
    null,
    'text',
    42,
  ];
  it.each(samples.map((s) => [JSON.stringify(s), s]))(
    '%s: as the shared ErrorBody schema',
    (_, body) => {
      const zod = ErrorBody.safeParse(body);
      const plain = errorBodyOf(body);
      expect(plain.success).toBe(zod.success);
      if (plain.success && zod.success) expect(plain.data).toEqual(zod.data);
    },
  );
});

/** A fresh copy of the i18n modules, without what the test setup registers (messages-all.ts). */
async function freshI18n() {
  vi.resetModules();
  return import('../../extension/utils/i18n/translate.ts');
}

describe('dictionaries per surface', () => {
  it('a page has vi.ts; the panel adds its surfaces, the workspace also the administration', async () => {
    const { translator, hasMessage } = await freshI18n();
    const t = translator('vi');
    expect(t('appName')).toBe(viCore.appName);
    expect(t('pw_title')).toBe(accountVi.pw_title); // the password change: every page
    expect(hasMessage('my_title')).toBe(false);
    expect(t('my_title')).toBe('my_title');
    await import('../../extension/utils/i18n/messages-panel.ts');
    expect(t('my_title')).toBe(triageVi.my_title);
    expect(hasMessage('rm_dueLine') && hasMessage('yv_myYear') && hasMessage('ev_routed')).toBe(
      true,
    );
    expect(hasMessage('nav_adminUsers')).toBe(false);
    await import('../../extension/utils/i18n/messages-workspace.ts');
    expect(t('nav_adminUsers')).toBe(adminVi.nav_adminUsers);
  });

  it('English is loaded on demand: Vietnamese until then, English for every surface after', async () => {
    const { translator, loadLocale, errorText } = await freshI18n();
    await import('../../extension/utils/i18n/messages-workspace.ts');
    const en = translator('en');
    expect(en('signIn')).toBe(viCore.signIn);
    await loadLocale('en');
    expect(en('signIn')).toBe(enCore.signIn);
    expect(enCore.signIn).not.toBe(viCore.signIn);
    expect(en('my_title')).toBe(triageEn.my_title);
    expect(en('nav_adminUsers')).toBe(adminEn.nav_adminUsers);
    expect(en('pw_title')).toBe(accountEn.pw_title);
    expect(errorText(en, 'CELL_NOT_FOUND')).toBe(enCore.err_CELL_NOT_FOUND);
    expect(translator('vi')('signIn')).toBe(viCore.signIn);
  });

  /** Keys of a dictionary file (`key:` at the start of a line). */
  const keysOf = (file: string) =>
    new Set(
      [...readFileSync(join(ext, 'utils/i18n', file), 'utf8').matchAll(/^\s+([A-Za-z]\w*):/gm)].map(
        (m) => m[1]!,
      ),
    );
  /** Files under a folder of the extension (or the file itself). */
  const walk = (d: string): string[] =>
    statSync(join(ext, d)).isFile()
      ? [join(ext, d)]
      : readdirSync(join(ext, d)).flatMap((n) => walk(join(d, n)));
  /** `t('key')` literals in the sources under the given folders of the extension. */
  const usedIn = (...dirs: string[]) => {
    const files = dirs.flatMap(walk);
    const used = new Set<string>();
    for (const f of files.filter((f) => /\.tsx?$/.test(f)))
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([A-Za-z]\w*)'/g)) used.add(m[1]!);
    return used;
  };
  const core = new Set([...keysOf('vi.ts'), ...keysOf('account-vi.ts'), ...keysOf('server-vi.ts')]);
  const panel = new Set([
    ...core,
    ...keysOf('report-vi.ts'),
    ...keysOf('panel-vi.ts'),
    ...keysOf('check-vi.ts'),
    ...keysOf('triage-vi.ts'),
    ...keysOf('synthesis-vi.ts'),
    ...keysOf('year-vi.ts'),
  ]);

  it('the options page shows only texts of vi.ts (it registers nothing more at start)', () => {
    const startFiles = ['components/options/options-app.tsx', 'components/auth', 'components/ui'];
    const missing = [...usedIn(...startFiles)].filter((k) => !core.has(k));
    expect(missing).toEqual([]);
  });

  it('the email settings chunk shows texts of vi.ts and of email-vi.ts, which it registers itself', () => {
    const file = 'components/options/email-settings.tsx';
    expect(readFileSync(join(ext, file), 'utf8')).toContain("addMessages('vi', emailVi)");
    const own = new Set([...core, ...keysOf('email-vi.ts')]);
    expect([...usedIn(file)].filter((k) => !own.has(k))).toEqual([]);
    // Nothing else under components/options uses a text outside vi.ts.
    const others = readdirSync(join(ext, 'components/options'))
      .filter((n) => n !== 'email-settings.tsx' && n !== 'server-check-run.ts')
      .map((n) => `components/options/${n}`);
    expect([...usedIn(...others)].filter((k) => !core.has(k))).toEqual([]);
  });

  it('the connection check chunk of the options page registers the check’s answers itself', () => {
    const file = 'components/options/server-check-run.ts';
    expect(readFileSync(join(ext, file), 'utf8')).toContain("addMessages('vi', checkVi)");
    const own = new Set([...core, ...keysOf('check-vi.ts')]);
    expect(
      [...usedIn(file, 'components/sidepanel/server-check.tsx')].filter((k) => !own.has(k)),
    ).toEqual([]);
  });

  it('the side panel shows only texts of vi.ts and the dictionaries messages-panel.ts registers', () => {
    const missing = [
      ...usedIn(
        'components/sidepanel',
        'components/report-form',
        'components/report-view',
        'components/my-issues',
        'components/auth',
        'components/ui',
        'components/synthesis/deadline-banner.tsx',
        'components/synthesis/my-year.tsx',
        'components/synthesis/report-docx-button.tsx',
      ),
    ].filter((k) => !panel.has(k));
    expect(missing).toEqual([]);
  });

  it('no key is in two dictionary files (a later file would silently replace the text)', () => {
    const files = ['vi.ts', 'account-vi.ts', 'server-vi.ts', 'report-vi.ts', 'triage-vi.ts'];
    files.push('panel-vi.ts', 'synthesis-vi.ts');
    const all = [...files, 'year-vi.ts', 'admin-vi.ts', 'email-vi.ts', 'check-vi.ts'].flatMap(
      (f) => [...keysOf(f)],
    );
    expect(all.filter((k, i) => all.indexOf(k) !== i)).toEqual([]);
  });
});
