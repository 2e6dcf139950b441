import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiBaseItem, authExpiredItem, sessionItem } from '../../extension/utils/storage.ts';
import { downloadReportDocx, downloadSynthesis } from '../../extension/utils/synthesis/calls.ts';
import {
  exportFilename,
  fetchFile,
  filenameFromDisposition,
  saveBlob,
  withQuery,
} from '../../extension/utils/synthesis/download.ts';
import { USER } from './helpers/fixtures.ts';

describe('download file names', () => {
  it.each([
    [
      'attachment; filename="bao-cao-tong-hop-hung-nguyen-2026-11.xlsx"',
      'bao-cao-tong-hop-hung-nguyen-2026-11.xlsx',
    ],
    ['attachment; filename=phan-cong.csv', 'phan-cong.csv'],
    [`attachment; filename="x.docx"; filename*=UTF-8''b%C3%A1o%20c%C3%A1o.docx`, 'báo cáo.docx'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="a\\"b.csv"', 'a"b.csv'],
    ['attachment', null],
    ['', null],
    [null, null],
  ])('%s → %s', (header, name) => {
    expect(filenameFromDisposition(header)).toBe(name);
  });

  it('falls back to the server’s own pattern', () => {
    expect(exportFilename('hung-nguyen', '2026-11', 'docx')).toBe(
      'bao-cao-tong-hop-hung-nguyen-2026-11.docx',
    );
    expect(exportFilename('a b/c', '2026-11', 'csv')).toBe('bao-cao-tong-hop-a-b-c-2026-11.csv');
  });

  it('leaves empty query entries out', () => {
    expect(
      withQuery('/api/synthesis/export', {
        month: '2026-11',
        bodyId: undefined,
        gap: 10,
        format: 'csv',
        x: '',
      }),
    ).toBe('/api/synthesis/export?month=2026-11&gap=10&format=csv');
    expect(withQuery('/api/x', {})).toBe('/api/x');
  });
});

describe('fetching a file with the session token', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(async () => {
    vi.stubGlobal('fetch', fetchMock);
    await apiBaseItem.setValue('http://api.test');
    await sessionItem.setValue({
      token: 't'.repeat(43),
      expiresAt: '2026-12-26T10:00:00.000+07:00',
      user: {
        id: USER,
        username: 'commune',
        displayName: 'Cán bộ xã',
        role: 'staff',
        orgUnitId: 'hung-nguyen',
      },
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('asks for the export with the filters and returns its bytes and name', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
        status: 200,
        headers: {
          'content-disposition': 'attachment; filename="bao-cao-tong-hop-hung-nguyen-2026-11.xlsx"',
        },
      }),
    );
    const res = await downloadSynthesis(
      { month: '2026-11', bodyId: 'hung-nguyen', gap: 10 },
      'xlsx',
    );
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe(
      'http://api.test/api/synthesis/export?month=2026-11&bodyId=hung-nguyen&gap=10&format=xlsx',
    );
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${'t'.repeat(43)}`);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.filename).toBe('bao-cao-tong-hop-hung-nguyen-2026-11.xlsx');
    expect([...new Uint8Array(await res.blob.arrayBuffer())]).toEqual([0x50, 0x4b, 3, 4]);
  });

  it('the CSV for a Vietnamese-locale Excel asks for csvLocale=vi', async () => {
    fetchMock.mockResolvedValueOnce(new Response('\uFEFFa;b', { status: 200 }));
    const res = await downloadSynthesis({ month: '2026-11', bodyId: 'hung-nguyen' }, 'csv-vi');
    expect(String(fetchMock.mock.calls[0]![0])).toBe(
      'http://api.test/api/synthesis/export?month=2026-11&bodyId=hung-nguyen&format=csv&csvLocale=vi',
    );
    expect(res.ok && res.filename).toBe('bao-cao-tong-hop-hung-nguyen-2026-11.csv');
  });

  it('names the file itself when the server does not', async () => {
    fetchMock.mockResolvedValueOnce(new Response('x', { status: 200 }));
    const res = await downloadReportDocx(
      '0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c01',
      'bao-cao-du-sinh-hoat-hn-xom-1-2026-11-03.docx',
    );
    expect(String(fetchMock.mock.calls[0]![0])).toBe(
      'http://api.test/api/report-exports/0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c01?format=docx',
    );
    expect(res.ok && res.filename).toBe('bao-cao-du-sinh-hoat-hn-xom-1-2026-11-03.docx');
  });

  it('reads the API’s error, and a refused token asks to sign in again', async () => {
    const error = (status: number, code: string) =>
      new Response(JSON.stringify({ error: { code, message: 'm' } }), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    fetchMock.mockResolvedValueOnce(error(404, 'BODY_NOT_FOUND'));
    expect(await fetchFile('/api/synthesis/export?month=2026-11&bodyId=x', 'f.csv')).toMatchObject({
      ok: false,
      status: 404,
      code: 'BODY_NOT_FOUND',
    });
    expect(await authExpiredItem.getValue()).toBe(false);
    fetchMock.mockResolvedValueOnce(error(401, 'INVALID_TOKEN'));
    expect(await fetchFile('/api/x', 'f.csv')).toMatchObject({ ok: false, status: 401 });
    expect(await authExpiredItem.getValue()).toBe(true);
  });

  it('an unreachable server or a timeout is a failure without status', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await fetchFile('/api/x', 'f.csv')).toMatchObject({
      ok: false,
      status: null,
      code: 'NETWORK_ERROR',
    });
    fetchMock.mockRejectedValueOnce(
      Object.assign(new Error('timed out'), { name: 'TimeoutError' }),
    );
    expect(await fetchFile('/api/x', 'f.csv')).toMatchObject({
      ok: false,
      status: null,
      code: 'TIMEOUT',
    });
  });
});

describe('handing the file to the browser', () => {
  it('clicks a hidden <a download> on an object URL, then removes it', () => {
    const clicked: { href: string; download: string }[] = [];
    const anchor = {
      href: '',
      download: '',
      rel: '',
      style: { display: '' },
      click() {
        clicked.push({ href: this.href, download: this.download });
      },
      remove: vi.fn(),
    };
    const append = vi.fn();
    const doc = { createElement: () => anchor, body: { append } } as unknown as Document;
    vi.useFakeTimers();
    try {
      saveBlob(new Blob(['\uFEFFa,b']), 'bao-cao.csv', doc);
      expect(append).toHaveBeenCalledWith(anchor);
      expect(clicked).toEqual([{ href: expect.stringMatching(/^blob:/), download: 'bao-cao.csv' }]);
      expect(anchor.remove).toHaveBeenCalled();
      const revoke = vi.spyOn(URL, 'revokeObjectURL');
      vi.runAllTimers();
      expect(revoke).toHaveBeenCalledWith(clicked[0]!.href);
    } finally {
      vi.useRealTimers();
    }
  });
});
