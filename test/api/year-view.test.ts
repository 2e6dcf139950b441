import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import type { YearViewResponse } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { act, buildNovember, download, meetingOn, submit, userId } from '../support/monthly.ts';
import { keepDocument } from '../support/render-pdf.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

async function yearView(query: { year: string; bodyId?: string }, username = 'commune') {
  return read(h.as(await h.login(username)).api['year-view'].$get({ query }));
}

/**
 * Topical meetings of 2026 before the hand-checked November: hn-th in every quarter so far
 * (topical in February and May, combined in September), hn-xom-1 combined in August; each
 * reported on the 5th, so on time. Then November (support/monthly.ts), the clock on 25/11/2026.
 */
async function buildYear() {
  const topical = [
    ['hn-th', '2026-02-03', 'topical'],
    ['hn-th', '2026-05-03', 'topical'],
    ['hn-xom-1', '2026-08-03', 'combined'],
    ['hn-th', '2026-09-03', 'combined'],
  ] as const;
  for (const [cellId, date, meetingType] of topical) {
    h.clock.set(`${date.slice(0, 8)}05T09:00:00+07:00`);
    await submit(h, 'observer', {
      cellId,
      meetingType,
      ...meetingOn(date),
      endedAt: `${date}T21:45:00+07:00`,
      issues: [],
    });
  }
  return buildNovember(h);
}

const member = (v: YearViewResponse, name: string) =>
  v.members.find((m) => m.observerName === name)!;

describe('GET /api/year-view: the year of a commune, hand-checked', () => {
  it('per member: expected month by month, attended, on time, late, missing, not yet due, issues by outcome', async () => {
    const { r1 } = await buildYear();
    // The acknowledged land dispute is answered with an explanation (another answer than resolved).
    await act(h, 'commune', r1.issues[1]!.id, 'explain', 'Đã giải thích quy định cho bà con.');
    const res = await yearView({ year: '2026' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const v = res.body;
    expect(v).toMatchObject({
      year: 2026,
      bodyId: 'hung-nguyen',
      bodyName: 'Đảng ủy xã Hưng Nguyên',
      asOf: '2026-11-25T10:00:00.000+07:00',
    });
    expect(v.members.map((m) => m.observerName)).toEqual(['Hoàng Văn Minh', 'Nguyễn Văn An']);
    // Nguyễn Văn An: 3 cells × 12 months. On time: Feb, May, Sep (hn-th), Aug, Oct (hn-xom-1) and
    // November's hn-xom-1 and hn-th; late: November's hn-xom-2; December is not due until 09/12.
    expect(member(v, 'Nguyễn Văn An')).toMatchObject({
      observerId: await userId(h, 'observer'),
      expected: 36,
      attended: 8,
      onTime: 7,
      late: 1,
      missing: 25,
      notDue: 3,
      onTimeRate: 21.2, // 7 of the 33 already due
      reportsFiled: 8,
      issues: {
        raised: 4,
        resolved: 1,
        otherAnswer: 1,
        inProgress: 0,
        overdue: 2,
        byStatus: { resolved: 1, explained: 1, routed: 2 },
      },
    });
    expect(member(v, 'Nguyễn Văn An').cells).toHaveLength(3);
    // Hoàng Văn Minh (xóm Yên Hồ) never reported: 11 months missing, December not due.
    expect(member(v, 'Hoàng Văn Minh')).toMatchObject({
      expected: 12,
      attended: 0,
      onTime: 0,
      late: 0,
      missing: 11,
      notDue: 1,
      onTimeRate: 0,
      reportsFiled: 0,
      issues: { raised: 0, resolved: 0, inProgress: 0, overdue: 0 },
    });
    expect(v.totals).toMatchObject({
      members: 2,
      expected: 48,
      attended: 8,
      onTime: 7,
      late: 1,
      missing: 36,
      notDue: 4,
      onTimeRate: 15.9,
      reportsFiled: 8,
      issues: { raised: 4, resolved: 1, otherAnswer: 1, inProgress: 0, overdue: 2 },
    });
    expect(v.bodies).toHaveLength(1);
    expect(v.bodies[0]).toMatchObject({
      bodyId: 'hung-nguyen',
      members: 2,
      expected: 48,
      missing: 36,
      notDue: 4,
    });
  });

  it('topical meetings by quarter: x/y cells and %, and the year counts cells that held one in every quarter over', async () => {
    await buildYear();
    const { topical } = (await yearView({ year: '2026' })).body.totals;
    expect(topical.quarters).toEqual([
      { quarter: 1, ended: true, expected: 4, held: 1, percent: 25 },
      { quarter: 2, ended: true, expected: 4, held: 1, percent: 25 },
      { quarter: 3, ended: true, expected: 4, held: 2, percent: 50 },
      { quarter: 4, ended: false, expected: 4, held: 0, percent: 0 },
    ]);
    // Only hn-th held one in each of Q1–Q3 (Q4 is not over).
    expect(topical).toMatchObject({ expected: 4, held: 1, percent: 25 });
  });

  it('a past year is all due: every month without a report is missing; no assignment before it began', async () => {
    h.clock.set('2027-01-15T09:00:00+07:00');
    const v = (await yearView({ year: '2025' })).body;
    // Assignments from 01/07/2025: July–December only.
    expect(member(v, 'Hoàng Văn Minh')).toMatchObject({ expected: 6, missing: 6, notDue: 0 });
    expect(v.totals.topical.quarters.map((q) => [q.quarter, q.ended, q.expected])).toEqual([
      [1, true, 0],
      [2, true, 0],
      [3, true, 4],
      [4, true, 4],
    ]);
  });

  it('the province sees both communes; a commune cannot read another commune or a future year', async () => {
    await buildYear();
    const all = await yearView({ year: '2026' }, 'admin');
    expect(all.status).toBe(200);
    // By name: "Đảng ủy phường Trường Vinh", "Đảng ủy xã Diễn Châu", "Đảng ủy xã Hưng Nguyên".
    expect(all.body.bodies.map((b) => b.bodyId)).toEqual([
      'truong-vinh',
      'dien-chau',
      'hung-nguyen',
    ]);
    // Diễn Châu's one member is the demo's two-role account (truongban).
    expect(all.body.totals.members).toBe(4);
    expect((await yearView({ year: '2026', bodyId: 'truong-vinh' })).status).toBe(404);
    expect((await yearView({ year: '2026', bodyId: 'truong-vinh' }, 'commune2')).status).toBe(200);
    const future = await yearView({ year: '2027' });
    expect(future.status).toBe(422);
    expect(JSON.stringify(future.body)).toContain('year');
    expect((await yearView({ year: 'x' })).status).toBe(422);
    expect((await yearView({ year: '2026' }, 'observer')).status).toBe(403);
  });
});

describe('GET /api/me/year: a member’s own year', () => {
  it('the caller only, over the cells they were assigned to', async () => {
    await buildYear();
    const res = await read(
      h.as(await h.login('observer')).api.me.year.$get({ query: { year: '2026' } }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.members).toHaveLength(1);
    expect(res.body.members[0]).toMatchObject({
      observerName: 'Nguyễn Văn An',
      expected: 36,
      onTime: 7,
      late: 1,
      missing: 25,
      notDue: 3,
      issues: { raised: 4 },
    });
    expect(res.body.totals).toMatchObject({ members: 1, expected: 36, reportsFiled: 8 });
    const other = await read(
      h.as(await h.login('observer2')).api.me.year.$get({ query: { year: '2026' } }),
    );
    expect(other.body.totals).toMatchObject({ members: 1, expected: 12, missing: 11 });
  });
});

describe('GET /api/synthesis: topical meetings of the month', () => {
  it('x/y cells with a topical or combined meeting among those expected, and %, per committee', async () => {
    await buildNovember(h);
    h.clock.set('2026-11-16T09:00:00+07:00');
    await submit(h, 'observer', {
      cellId: 'hn-xom-2',
      meetingType: 'topical',
      ...meetingOn('2026-11-15'),
      issues: [],
    });
    h.clock.set('2026-11-25T10:00:00+07:00');
    const token = await h.login('admin');
    const res = await read(h.as(token).api.synthesis.$get({ query: { month: '2026-11' } }));
    expect(res.status).toBe(200);
    expect(res.body.topical).toEqual({
      expected: 10,
      held: 1,
      percent: 10,
      byBody: [
        {
          bodyId: 'truong-vinh',
          bodyName: 'Đảng ủy phường Trường Vinh',
          expected: 4,
          held: 0,
          percent: 0,
        },
        {
          bodyId: 'dien-chau',
          bodyName: 'Đảng ủy xã Diễn Châu',
          expected: 2,
          held: 0,
          percent: 0,
        },
        {
          bodyId: 'hung-nguyen',
          bodyName: 'Đảng ủy xã Hưng Nguyên',
          expected: 4,
          held: 1,
          percent: 25,
        },
      ],
    });
    // October: one regular meeting only.
    const oct = await read(h.as(token).api.synthesis.$get({ query: { month: '2026-10' } }));
    expect(oct.body.topical).toMatchObject({ expected: 10, held: 0, percent: 0 });
  });
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The year's files, kept in test/results/documents/ with their PDF once the tests have run. */
const kept: [string, Uint8Array][] = [];
afterAll(async () => {
  for (const [name, bytes] of kept) await keepDocument(name, bytes);
}, 170_000);

describe('GET /api/year-view/export', () => {
  it('XLSX: the member, body and topical tables read back with their rows and totals', async () => {
    await buildYear();
    const res = await download(
      h,
      '/api/year-view/export?year=2026&format=xlsx',
      await h.login('commune'),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="tong-hop-nam-hung-nguyen-2026.xlsx"',
    );
    kept.push([`tong-hop-nam-${process.env.TEST_DB_DRIVER}.xlsx`, res.bytes]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo cấp ủy viên',
      'Kiến nghị theo cấp ủy viên',
      'Theo đơn vị',
      'Sinh hoạt chuyên đề',
      'Đảng viên nơi cư trú',
      'Trực tuyến, đi làm ăn xa',
    ]);
    const ws = wb.getWorksheet('Theo cấp ủy viên')!;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(3)).toEqual([
      'STT',
      'Cấp ủy viên',
      'Chi bộ phụ trách',
      'Phải dự',
      'Đã dự, đã nộp',
      'Đúng hạn',
      'Trễ hạn',
      'Chưa nộp',
      'Chưa đến hạn',
      'Tỷ lệ đúng hạn (%)',
    ]);
    expect(row(4)).toEqual([1, 'Hoàng Văn Minh', expect.any(String), 12, 0, 0, 0, 11, 1, 0]);
    expect(row(5).slice(0, 2)).toEqual([2, 'Nguyễn Văn An']);
    expect(row(5).slice(3)).toEqual([36, 8, 7, 1, 25, 3, 0.212]);
    expect(ws.getCell('B6').value).toBe('Tổng cộng');
    expect(row(6).slice(3)).toEqual([48, 8, 7, 1, 36, 4, 0.159]);
    const issues = wb.getWorksheet('Kiến nghị theo cấp ủy viên')!;
    expect((issues.getRow(5).values as unknown[]).slice(1)).toEqual([
      2,
      'Nguyễn Văn An',
      8,
      4,
      1,
      0,
      1,
      2,
    ]);
    const topical = wb.getWorksheet('Sinh hoạt chuyên đề')!;
    expect((topical.getRow(4).values as unknown[]).slice(1)).toEqual([
      'Đảng ủy xã Hưng Nguyên',
      'Quý I',
      4,
      1,
      0.25, // a rate cell: 25 % (formatted 0.0%)
    ]);
    expect((topical.getRow(8).values as unknown[]).slice(1)).toEqual([
      'Đảng ủy xã Hưng Nguyên',
      'Cả năm (đủ mỗi quý)',
      4,
      1,
      0.25,
    ]);
  });

  it('DOCX: heading, title, the members by name with their figures, the signature', async () => {
    await buildYear();
    const res = await download(
      h,
      '/api/year-view/export?year=2026&format=docx',
      await h.login('commune'),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    kept.push([`tong-hop-nam-${process.env.TEST_DB_DRIVER}.docx`, res.bytes]);
    const zip = await JSZip.loadAsync(res.bytes);
    const text = (await zip.file('word/document.xml')!.async('string'))
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, '');
    expect(text).toContain('ĐẢNG ỦY XÃ HƯNG NGUYÊN');
    expect(text).toContain(
      'Kết quả dự sinh hoạt chi bộ, nộp báo cáo và theo dõi kiến nghị của cấp ủy viên năm 2026',
    );
    expect(text).toContain(
      '2. Kết quả dự sinh hoạt chi bộ và nộp báo cáo của cấp ủy viên năm 2026',
    );
    const lines = text.split('\n');
    const an = lines.indexOf('Nguyễn Văn An');
    expect(an).toBeGreaterThan(0);
    expect(lines.slice(an + 2, an + 9)).toEqual(['36', '8', '7', '1', '25', '3', '21,2']);
    expect(text).toContain('Tổng cộng');
    // Filed like the monthly synthesis: the body's number for the year, its signer's block.
    expect(text).toContain('Số 1-BC/ĐU');
    expect(text).toContain('T/M BAN THƯỜNG VỤ');
  });

  it('the export keeps the scope: another commune is 404, an observer 403', async () => {
    const other = await download(
      h,
      '/api/year-view/export?year=2026&bodyId=truong-vinh&format=docx',
      await h.login('commune'),
    );
    expect(other.status).toBe(404);
    const observer = await download(
      h,
      '/api/year-view/export?year=2026&format=xlsx',
      await h.login('observer'),
    );
    expect(observer.status).toBe(403);
  });
});
