import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { PresenceFigures, ReportInput } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { download, meetingOn, rows, submit } from '../support/monthly.ts';
import { keepDocument } from '../support/render-pdf.ts';

/**
 * The presence figures (issue 17) in the synthesis, the year view and their exports, hand-checked.
 * The demo registers of Hưng Nguyên (hn-xom-1: Lan assessed good for 2026, Đức, Hà; hn-xom-2:
 * Hải, Mai moved 15/05/2026; hn-yen-ho: Thắng not received, Hương) get four more entries here and
 * three 2026 assessments; Trường Vinh has Bình (tv-khoi-5) and Tuấn (transferred 20/12/2025).
 */
const h = useHarness('2026-11-25T10:00:00+07:00');
const NOTE = 'presence-figures test';

async function register(
  cellId: string,
  fullName: string,
  introducedOn: string,
  receivedOn: string | null,
  moved?: string,
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    h,
    sql`insert into residence_members (cell_id, full_name, workplace_name, introduced_on, received_on, status, status_on, note)
        values (${cellId}, ${fullName}, 'Cục Thống kê tỉnh Nghệ An', ${introducedOn}::date, ${receivedOn}::date,
                ${moved ? 'moved' : 'active'}, ${moved ?? null}::date, ${NOTE})
        returning id`,
  );
  return r!.id;
}

async function assess(fullName: string, rating: 'good' | 'not_good') {
  await rows(
    h,
    sql`insert into residence_assessments (member_id, year, rating, reasons, assessed_by, assessed_on)
        select m.id, 2026, ${rating}, ${rating === 'good' ? null : 'Chưa tham gia sinh hoạt đều'},
               (select id from users where username = 'observer'), '2026-11-20'
          from residence_members m where m.full_name = ${fullName}`,
  );
}

/** Attendance of 31 members, 2 exempted, `present` present, the rest absent with reason but one. */
const attendance = (present: number, breakdown: Partial<ReportInput['attendance']>) => ({
  total: 31,
  exempted: 2,
  present,
  absentWithReason: 28 - present,
  absentWithoutReason: 1,
  speakers: 5,
  absentWithoutReasonNames: ['Nguyễn Văn Vắng'],
  ...breakdown,
});

async function file(
  username: string,
  cellId: string,
  date: string,
  over: Partial<ReportInput>,
): Promise<void> {
  h.clock.set(`${date}T22:00:00+07:00`);
  await submit(h, username, { cellId, ...meetingOn(date), issues: [], ...over });
}

/**
 * The data, the clock left on 25/11/2026:
 * - registers: Mới (hn-xom-2) introduced 03/11, received 10/11; Chờ (hn-xom-2) introduced 20/11,
 *   not received; Chuyển (hn-xom-1) moved 15/11/2026; Đến Sau (hn-th) introduced 05/10/2026,
 *   received 06/10; 2026 assessments: Hải good, Đức not good, Chuyển good (Lan good from the seed).
 * - reports: hn-th 08/10 in person (0 residence members present, 5 away for work); hn-xom-1 10/11
 *   combined (26 present, 4 online, 2 residence, 3 away) and 20/11 topical in person (25 present,
 *   1 residence, 2 away); hn-xom-2 12/11 online (20 present, 20 online, 1 residence, away not
 *   stated); tv-khoi-5 05/11 in person (1 residence, 1 away).
 */
async function build(): Promise<void> {
  await h.database.exec(
    `delete from residence_assessments where year = 2026 and member_id in (select id from residence_members where note = '${NOTE}' or full_name in ('Trần Văn Hải', 'Phan Văn Đức'));
     delete from residence_members where note = '${NOTE}';`,
  );
  await register('hn-xom-2', 'Nguyễn Văn Mới', '2026-11-03', '2026-11-10');
  await register('hn-xom-2', 'Trần Thị Chờ', '2026-11-20', null);
  await register('hn-xom-1', 'Lê Văn Chuyển', '2025-01-05', '2025-01-10', '2026-11-15');
  await register('hn-th', 'Phạm Đến Sau', '2026-10-05', '2026-10-06');
  await assess('Trần Văn Hải', 'good');
  await assess('Phan Văn Đức', 'not_good');
  await assess('Lê Văn Chuyển', 'good');

  await file('observer', 'hn-th', '2026-10-08', {
    attendance: attendance(23, { presentResidence: 0, awayForWork: 5 }),
  });
  await file('observer', 'hn-xom-1', '2026-11-10', {
    meetingFormat: 'combined',
    attendance: attendance(26, { presentOnline: 4, presentResidence: 2, awayForWork: 3 }),
  });
  await file('observer', 'hn-xom-1', '2026-11-20', {
    meetingType: 'topical',
    attendance: attendance(25, { presentResidence: 1, awayForWork: 2 }),
  });
  await file('observer', 'hn-xom-2', '2026-11-12', {
    meetingFormat: 'online',
    attendance: attendance(20, { presentOnline: 20, presentResidence: 1 }),
  });
  await file('observer3', 'tv-khoi-5', '2026-11-05', {
    attendance: attendance(25, { presentResidence: 1, awayForWork: 1 }),
  });
  h.clock.set('2026-11-25T10:00:00+07:00');
}

/** Hưng Nguyên in November 2026. */
const NOVEMBER: PresenceFigures = {
  meetings: { total: 3, inPerson: 1, online: 1, combined: 1, onlineOrCombinedPercent: 66.7 },
  // hn-xom-1's latest stated figure (20/11: 2); hn-xom-2 states none.
  attendance: { present: 71, presentOnline: 24, awayForWork: 2, awayForWorkCells: 1 },
  residence: {
    // Lan, Đức, Hà, Hải, Thắng, Hương, Mới, Chờ, Chuyển (moved during the month), Đến Sau; not Mai.
    registered: 10,
    introduced: 2,
    received: 1,
    // All but Thắng and Chờ.
    receivedByEnd: 8,
    receivedPercent: 80,
    meetingsStated: 3,
    present: 4,
    // 10/11 hn-xom-1: Lan, Đức, Hà, Chuyển; 20/11: Lan, Đức, Hà; 12/11 hn-xom-2: Hải, Mới.
    expected: 9,
    attendancePercent: 44.4,
    year: 2026,
    // Lan, Hải, Chuyển good; Đức not good; the 7 others of the year (Mai included) not yet.
    assessed: 4,
    good: 3,
    goodPercent: 75,
    unassessed: 7,
  },
};

/** Hưng Nguyên over 2026. */
const YEAR: PresenceFigures = {
  meetings: { total: 4, inPerson: 2, online: 1, combined: 1, onlineOrCombinedPercent: 50 },
  attendance: { present: 94, presentOnline: 24, awayForWork: 7, awayForWorkCells: 2 },
  residence: {
    registered: 11, // November's ten and Mai (moved 15/05/2026)
    introduced: 3, // Mới, Chờ, Đến Sau
    received: 2, // Mới, Đến Sau
    receivedByEnd: 9,
    receivedPercent: 81.8,
    meetingsStated: 4,
    present: 4,
    expected: 10, // November's nine and Đến Sau on 08/10
    attendancePercent: 40,
    year: 2026,
    assessed: 4,
    good: 3,
    goodPercent: 75,
    unassessed: 7,
  },
};

const synthesis = async (query: Record<string, string>, username = 'commune') =>
  read(h.as(await h.login(username)).api.synthesis.$get({ query: query as { month: string } }));

describe('presence figures in the synthesis', () => {
  it('a commune in November: the figures in total and for its one committee', async () => {
    await build();
    const res = await synthesis({ month: '2026-11' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { byBody, ...total } = res.body.presence;
    expect(total).toEqual(NOVEMBER);
    expect(byBody).toEqual([
      { bodyId: 'hung-nguyen', bodyName: 'Đảng ủy xã Hưng Nguyên', ...NOVEMBER },
    ]);
    // October: the one meeting of hn-th and the registers then (Chuyển still active, Mới not yet).
    const oct = (await synthesis({ month: '2026-10' })).body.presence;
    expect(oct.meetings).toMatchObject({ total: 1, inPerson: 1 });
    expect(oct.attendance).toMatchObject({ awayForWork: 5, awayForWorkCells: 1 });
    expect(oct.residence).toMatchObject({
      registered: 8, // Lan, Đức, Hà, Hải, Thắng, Hương, Chuyển, Đến Sau; not Mai, Mới, Chờ
      introduced: 1,
      received: 1,
      meetingsStated: 1,
      present: 0,
      expected: 1,
      attendancePercent: 0,
    });
  });

  it('the province (admin): one row per commune, the total adding up, names never ids', async () => {
    await build();
    const res = await synthesis({ month: '2026-11' }, 'admin');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = res.body.presence;
    const hn = p.byBody.find((b) => b.bodyId === 'hung-nguyen')!;
    const tv = p.byBody.find((b) => b.bodyId === 'truong-vinh')!;
    expect(hn).toMatchObject({ bodyName: 'Đảng ủy xã Hưng Nguyên', ...NOVEMBER });
    expect(tv).toMatchObject({
      bodyName: expect.stringContaining('Trường Vinh'),
      meetings: { total: 1, inPerson: 1, online: 0, combined: 0, onlineOrCombinedPercent: 0 },
      attendance: { present: 25, presentOnline: 0, awayForWork: 1, awayForWorkCells: 1 },
      // Bình; Tuấn was transferred in 2025.
      residence: {
        registered: 1,
        receivedByEnd: 1,
        meetingsStated: 1,
        present: 1,
        expected: 1,
        attendancePercent: 100,
        assessed: 0,
        goodPercent: null,
        unassessed: 1,
      },
    });
    const sum = (pick: (f: PresenceFigures) => number) => p.byBody.reduce((s, b) => s + pick(b), 0);
    expect(sum((f) => f.meetings.total)).toBe(p.meetings.total);
    expect(p.meetings.total).toBe(4);
    expect(sum((f) => f.attendance.awayForWork)).toBe(p.attendance.awayForWork);
    expect(sum((f) => f.residence.registered)).toBe(p.residence.registered);
    expect(sum((f) => f.residence.expected)).toBe(p.residence.expected);
    expect(sum((f) => f.residence.unassessed)).toBe(p.residence.unassessed);
    expect(p.residence.attendancePercent).toBe(50); // 5 of 10
    const names = p.byBody.map((b) => b.bodyName);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect(names.every((n) => n.startsWith('Đảng ủy'))).toBe(true);
  });

  it('a month with nothing in it: zeros and null rates, never NaN', async () => {
    const res = await synthesis({ month: '2025-05' });
    expect(res.status).toBe(200);
    expect(res.body.presence.meetings).toEqual({
      total: 0,
      inPerson: 0,
      online: 0,
      combined: 0,
      onlineOrCombinedPercent: null,
    });
    expect(res.body.presence.residence.attendancePercent).toBeNull();
    expect(res.body.presence.residence.year).toBe(2025);
    expect(JSON.stringify(res.body.presence)).not.toContain('NaN');
  });
});

describe('presence figures in the year view', () => {
  it('the commune over 2026, per committee and in total; the member’s own year has their cells’', async () => {
    await build();
    const token = await h.login('commune');
    const res = await read(h.as(token).api['year-view'].$get({ query: { year: '2026' } }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.totals.presence).toEqual(YEAR);
    expect(res.body.bodies.find((b) => b.bodyId === 'hung-nguyen')!.presence).toEqual(YEAR);

    // Nguyễn Văn An attends hn-xom-1, hn-xom-2 and hn-th: the commune's figures but hn-yen-ho's
    // register (Thắng, Hương).
    const mine = await h.raw('GET', '/api/me/year?year=2026', { token: await h.login('observer') });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    const m = (mine.body as { totals: { presence: PresenceFigures } }).totals.presence;
    expect(m.meetings).toEqual(YEAR.meetings);
    expect(m.residence).toMatchObject({
      registered: 9,
      receivedByEnd: 8,
      expected: 10,
      assessed: 4,
      unassessed: 5,
    });
  });
});

const kept: [string, Uint8Array][] = [];
afterAll(async () => {
  for (const [name, bytes] of kept) await keepDocument(name, bytes);
}, 170_000);

async function docxText(bytes: Uint8Array): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

const sheetRows = (ws: ExcelJS.Worksheet) =>
  ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? [r.slice(1)] : []));

describe('presence figures in the exports', () => {
  it('synthesis: XLSX sheets per committee with the totals, the DOCX in sentences, the CSV block', async () => {
    await build();
    const token = await h.login('admin');
    const xlsx = await download(h, '/api/synthesis/export?month=2026-11&format=xlsx', token);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const residence = sheetRows(wb.getWorksheet('Đảng viên nơi cư trú')!);
    expect(residence.find((r) => r[0] === 'Đảng ủy xã Hưng Nguyên')).toEqual([
      'Đảng ủy xã Hưng Nguyên',
      10,
      2,
      1,
      8,
      0.8, // a rate cell: 80 % (formatted 0.0%)
      4,
      9,
      0.444,
      4,
      3,
      0.75,
      7,
    ]);
    const total = residence.find((r) => r[0] === 'Tổng cộng')!;
    expect(total.slice(6, 9)).toEqual([5, 10, 0.5]);
    const online = sheetRows(wb.getWorksheet('Trực tuyến, đi làm ăn xa')!);
    expect(online.find((r) => r[0] === 'Đảng ủy xã Hưng Nguyên')).toEqual([
      'Đảng ủy xã Hưng Nguyên',
      3,
      1,
      1,
      1,
      0.667,
      71,
      24,
      2,
      1,
    ]);
    expect(online.find((r) => r[0] === 'Tổng cộng')!.slice(1, 6)).toEqual([4, 2, 1, 1, 0.5]);

    const docx = await download(
      h,
      '/api/synthesis/export?month=2026-11&format=docx',
      await h.login('commune'),
    );
    expect(docx.status).toBe(200);
    kept.push([`presence-synthesis-${process.env.TEST_DB_DRIVER ?? 'pglite'}.docx`, docx.bytes]);
    const text = await docxText(docx.bytes);
    expect(text).toContain(
      'Đảng viên đang công tác giữ mối liên hệ với chi bộ nơi cư trú: 10 đồng chí; trong tháng 11 năm 2026 giới thiệu 2, tiếp nhận 1; ' +
        'đã tiếp nhận 8/10 (80%); tham gia sinh hoạt: 4/9 lượt (44,4%) qua 3 buổi sinh hoạt có ghi nhận; ' +
        'năm 2026 đã nhận xét 4 đồng chí, được đánh giá hoàn thành tốt nhiệm vụ 3 (75%), còn 7 đồng chí chưa nhận xét.',
    );
    expect(text).toContain(
      'Đảng viên đi làm ăn xa: 2 đồng chí (theo báo cáo gần nhất của 1 chi bộ có ghi nhận).',
    );
    expect(text).toContain(
      'Sinh hoạt trực tuyến/kết hợp: 1 buổi trực tuyến, 1 buổi kết hợp trực tiếp và trực tuyến trên tổng số 3 buổi sinh hoạt có báo cáo (66,7%); 24 lượt đảng viên dự trực tuyến.',
    );
    const sections = text.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(sections.slice(-2)).toEqual([
      '13. Đảng viên đang công tác giữ mối liên hệ với chi bộ nơi cư trú tháng 11 năm 2026 (nhận xét năm 2026)',
      '14. Sinh hoạt trực tuyến, kết hợp và đảng viên đi làm ăn xa tháng 11 năm 2026',
    ]);
    expect(text).toContain('44,4'); // the table's rate, Vietnamese decimal comma

    const csv = await download(
      h,
      '/api/synthesis/export?month=2026-11&format=csv&csvLocale=vi',
      token,
    );
    const csvText = csv.bytes.toString('utf8');
    expect(csvText).toContain('\r\nĐảng ủy xã Hưng Nguyên;10;2;1;8;80;4;9;44,4;4;3;75;7\r\n');
  });

  it('year view: the two tables in the XLSX and the DOCX, each with its sentences', async () => {
    await build();
    const token = await h.login('commune');
    const xlsx = await download(h, '/api/year-view/export?year=2026&format=xlsx', token);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const residence = sheetRows(wb.getWorksheet('Đảng viên nơi cư trú')!);
    expect(residence.find((r) => r[0] === 'Đảng ủy xã Hưng Nguyên')).toEqual([
      'Đảng ủy xã Hưng Nguyên',
      11,
      3,
      2,
      9,
      0.818,
      4,
      10,
      0.4,
      4,
      3,
      0.75,
      7,
    ]);
    const online = sheetRows(wb.getWorksheet('Trực tuyến, đi làm ăn xa')!);
    expect(online.find((r) => r[0] === 'Đảng ủy xã Hưng Nguyên')).toEqual([
      'Đảng ủy xã Hưng Nguyên',
      4,
      2,
      1,
      1,
      0.5,
      94,
      24,
      7,
      2,
    ]);

    const docx = await download(h, '/api/year-view/export?year=2026&format=docx', token);
    expect(docx.status).toBe(200);
    kept.push([`presence-year-${process.env.TEST_DB_DRIVER ?? 'pglite'}.docx`, docx.bytes]);
    const lines = (await docxText(docx.bytes)).split('\n');
    const at = lines.indexOf(
      '6. Đảng viên đang công tác giữ mối liên hệ với chi bộ nơi cư trú năm 2026 (nhận xét năm 2026)',
    );
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(
      /^Đảng viên đang công tác giữ mối liên hệ với chi bộ nơi cư trú: 11 đồng chí; trong năm 2026 giới thiệu 3, tiếp nhận 2; đã tiếp nhận 9\/11 \(81,8%\); tham gia sinh hoạt: 4\/10 lượt \(40%\)/,
    );
    const at7 = lines.indexOf(
      '7. Sinh hoạt trực tuyến, kết hợp và đảng viên đi làm ăn xa năm 2026',
    );
    expect(lines.slice(at7 + 1, at7 + 3)).toEqual([
      'Đảng viên đi làm ăn xa: 7 đồng chí (theo báo cáo gần nhất của 2 chi bộ có ghi nhận).',
      'Sinh hoạt trực tuyến/kết hợp: 1 buổi trực tuyến, 1 buổi kết hợp trực tiếp và trực tuyến trên tổng số 4 buổi sinh hoạt có báo cáo (50%); 24 lượt đảng viên dự trực tuyến.',
    ]);
  });
});
