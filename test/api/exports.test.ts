import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { buildNovember, download } from '../support/monthly.ts';
import { keepDocument } from '../support/render-pdf.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

/** Files to keep in test/results/documents/ with their PDF, rendered once the tests have run. */
const kept: [string, Buffer][] = [];
const keep = (stem: string, ext: string, bytes: Buffer) =>
  kept.push([`${stem}-${process.env.TEST_DB_DRIVER}.${ext}`, bytes]);
afterAll(async () => {
  for (const [name, bytes] of kept) await keepDocument(name, bytes);
}, 170_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function exportAs(format: string, query = 'month=2026-11', username = 'commune') {
  return download(h, `/api/synthesis/export?${query}&format=${format}`, await h.login(username));
}

async function workbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The text of word/document.xml, paragraphs on their own lines. */
async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('GET /api/synthesis/export', () => {
  it('XLSX: one sheet per table, bold headers, column widths, the figures read back', async () => {
    await buildNovember(h);
    const res = await exportAs('xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-tong-hop-hung-nguyen-2026-11.xlsx"',
    );
    keep('synthesis', 'xlsx', res.bytes);
    const wb = await workbook(res.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo đơn vị',
      'Xếp loại',
      'Nhóm tiêu chí',
      'Chênh lệch tự chấm',
      'Kiến nghị theo lĩnh vực',
      'Kiến nghị theo cơ quan',
      'Kiến nghị trùng',
      'Thời gian xử lý',
      'Diễn biến 6 tháng',
      'Danh sách báo cáo',
      'Sinh hoạt chuyên đề',
      'Đảng viên nơi cư trú',
      'Trực tuyến, đi làm ăn xa',
    ]);
    // Topical meetings: none of the 4 cells expected in November held one.
    expect(rowValues(wb.getWorksheet('Sinh hoạt chuyên đề')!, 4)).toEqual([
      'Đảng ủy xã Hưng Nguyên',
      4,
      0,
      0,
    ]);
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(rowValues(summary, 16)).toEqual(['Chi bộ phải sinh hoạt trong tháng', 4]);
    expect(summary.getCell('A1').value).toBe(
      'Tổng hợp báo cáo dự sinh hoạt chi bộ tháng 11 năm 2026',
    );
    expect(String(summary.getCell('A2').value)).toContain('Đảng ủy xã Hưng Nguyên');
    expect(rowValues(summary, 3)).toEqual(['Chỉ tiêu', 'Số liệu']);
    expect(summary.getCell('A3').font?.bold).toBe(true);
    // As wide as the longest label (and the title): nothing is cut when printed.
    expect(summary.getColumn(1).width).toBeGreaterThanOrEqual(
      'Số báo cáo phải nộp theo phân công'.length + 2,
    );
    expect(rowValues(summary, 4)).toEqual(['Số báo cáo phải nộp theo phân công', 4]);
    expect(rowValues(summary, 5)).toEqual(['Số báo cáo đã nộp', 3]);
    // A rate is a fraction shown as a percentage: 50 % is 0.5 with "0.0%".
    expect(rowValues(summary, 9)).toEqual(['Tỷ lệ nộp đúng hạn (%)', 0.5]);
    expect(rowValues(summary, 10)).toEqual(['Điểm bình quân (cấp ủy viên chấm)', 82.67]);

    const bands = wb.getWorksheet('Xếp loại')!;
    expect([4, 5, 6, 7].map((r) => rowValues(bands, r))).toEqual([
      ['Tốt', 1, 0.333],
      ['Khá', 1, 0.333],
      ['Trung bình', 1, 0.333],
      ['Kém', 0, 0],
    ]);
    // Totals: the counts summed, the share recomputed from the totals (not 99.9 %).
    expect(rowValues(bands, 8)).toEqual(['Tổng cộng', 3, 1]);
    const gaps = wb.getWorksheet('Chênh lệch tự chấm')!;
    expect(rowValues(gaps, 4)).toEqual([
      'Chi bộ Trường Tiểu học Hưng Nguyên',
      'Nguyễn Văn An',
      day('2026-11-03'),
      60,
      75,
      15,
    ]);
    const byBody = wb.getWorksheet('Kiến nghị theo cơ quan')!;
    expect(rowValues(byBody, 5)).toEqual(['Ban Nội chính Tỉnh ủy', 1, 0, 0, 1, 1]);
    const list = wb.getWorksheet('Danh sách báo cáo')!;
    expect(list.rowCount).toBe(3 + 4); // no totals row: nothing to sum
    expect(rowValues(list, 3)).toEqual([
      'STT',
      'Đơn vị',
      'Chi bộ',
      'Cấp ủy viên',
      'Ngày họp',
      'Hạn nộp',
      'Ngày nộp',
      'Tình trạng',
    ]);
    const statuses = [4, 5, 6, 7].map((r) => list.getRow(r).getCell(8).value);
    expect(statuses.sort()).toEqual(['Chưa nộp', 'Trễ hạn', 'Đúng hạn', 'Đúng hạn'].sort());
    const trend = wb.getWorksheet('Diễn biến 6 tháng')!;
    expect(rowValues(trend, 9)).toEqual(['11/2026', 4, 3, 2, 82.67, 1, 1, 1, 0, 4, 1]);
    // Six months summed; an average is not a sum and stays empty.
    expect(rowValues(trend, 10)).toEqual(['Tổng cộng', 24, 4, 3, undefined, 2, 1, 1, 0, 4, 1]);
  });

  it('XLSX prints as filed: A4 one page wide, repeated header, Times New Roman, typed cells, totals, local export time', async () => {
    await buildNovember(h);
    const wb = await workbook((await exportAs('xlsx')).bytes);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9, // A4
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '3:3',
      });
      // Every written cell in Times New Roman; header cells bold with borders.
      ws.eachRow((row) =>
        row.eachCell((cell) =>
          expect(cell.font?.name, `${ws.name}!${cell.address}`).toBe('Times New Roman'),
        ),
      );
      ws.getRow(3).eachCell((cell) => {
        expect(cell.font?.bold).toBe(true);
        expect(cell.border?.bottom?.style).toBe('thin');
      });
      // The export time in dd/mm/yyyy HH:mm at UTC+7 (the clock is 25/11/2026 10:00 local), no ISO.
      expect(ws.getCell('A2').value).toBe(
        'Đảng ủy xã Hưng Nguyên — tháng 11 năm 2026. Xuất lúc 25/11/2026 10:00',
      );
    }
    // Narrow sheets portrait, wide ones landscape.
    expect(wb.getWorksheet('Tổng hợp')!.pageSetup.orientation).toBe('portrait');
    expect(wb.getWorksheet('Danh sách báo cáo')!.pageSetup.orientation).toBe('landscape');

    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getCell('B4').numFmt).toBe('#,##0'); // a count: never "4.00"
    expect(summary.getCell('B9').numFmt).toBe('0.0%'); // the on-time rate

    const byUnit = wb.getWorksheet('Theo đơn vị')!;
    expect(byUnit.getCell('B4').numFmt).toBe('#,##0');
    expect(byUnit.getCell('G4').numFmt).toBe('0.0%');
    // Totals row: counts summed, the rate from the totals, the month's average.
    expect(byUnit.getCell('B5').numFmt).toBe('#,##0');
    expect(rowValues(byUnit, 5)).toEqual(['Tổng cộng', 4, 3, 2, 1, 1, 0.5, 82.67, 0]);
    expect(byUnit.getCell('A5').font?.bold).toBe(true);
    expect(byUnit.getCell('G5').numFmt).toBe('0.0%');

    const list = wb.getWorksheet('Danh sách báo cáo')!;
    const dates = [4, 5, 6, 7].map((r) => list.getRow(r).getCell(5));
    for (const cell of dates) {
      expect(cell.value).toBeInstanceOf(Date);
      expect(cell.numFmt).toBe('dd/mm/yyyy');
    }
    expect(dates.map((c) => c.value)).toEqual(Array(4).fill(day('2026-11-03')));
    expect(list.getCell('A4').numFmt).toBe('#,##0'); // STT
    // Not submitted: an empty cell, not an empty text.
    const submitted = [4, 5, 6, 7].map((r) => list.getRow(r).getCell(7).value);
    expect(submitted.filter((v) => v == null)).toHaveLength(1);
    expect(submitted.filter((v) => v instanceof Date)).toHaveLength(3);

    const issues = wb.getWorksheet('Kiến nghị theo lĩnh vực')!;
    const last = issues.rowCount;
    expect(issues.getCell(`A${last}`).value).toBe('Tổng cộng');
    expect(issues.getCell(`B${last}`).value).toBe(4); // issues raised in the month
  });

  it('DOCX: Party header, issuing body on the left, place and date, title and numbered sections with the tables', async () => {
    await buildNovember(h);
    const res = await exportAs('docx');
    expect(res.status).toBe(200);
    keep('synthesis', 'docx', res.bytes);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-tong-hop-hung-nguyen-2026-11.docx"',
    );
    const text = await docxText(res.bytes);
    const lines = text.split('\n').map((l) => l.trim());
    // The heading table: left cell first (issuer, "*"), then the right cell.
    const start = lines.indexOf('ĐẢNG BỘ TỈNH NGHỆ AN');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(lines.slice(start, start + 3)).toEqual([
      'ĐẢNG BỘ TỈNH NGHỆ AN',
      'ĐẢNG ỦY XÃ HƯNG NGUYÊN',
      '*',
    ]);
    expect(lines).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(lines).toContain('Hưng Nguyên, ngày 25 tháng 11 năm 2026');
    expect(lines.indexOf('ĐẢNG CỘNG SẢN VIỆT NAM')).toBeGreaterThan(start);
    expect(lines).toContain('BÁO CÁO TỔNG HỢP');
    expect(lines).toContain(
      'Kết quả dự sinh hoạt chi bộ và theo dõi kiến nghị, đề xuất tháng 11 năm 2026',
    );
    const sections = lines.filter((l) => /^\d+\. /.test(l));
    expect(sections.slice(0, 3)).toEqual([
      '1. Tổng hợp báo cáo dự sinh hoạt chi bộ tháng 11 năm 2026',
      '2. Kết quả nộp báo cáo theo đơn vị',
      '3. Xếp loại chất lượng sinh hoạt chi bộ',
    ]);
    expect(sections).toHaveLength(14);
    // Values of the tables, in order: the summary's expected and filed reports.
    const i = lines.indexOf('Số báo cáo phải nộp theo phân công');
    expect(lines.slice(i, i + 4)).toEqual([
      'Số báo cáo phải nộp theo phân công',
      '4',
      'Số báo cáo đã nộp',
      '3',
    ]);
    expect(lines).toContain('Chi bộ Trường Tiểu học Hưng Nguyên');
    expect(lines).toContain('82,67'); // Vietnamese decimal comma
    expect(lines).toContain('T/M BAN THƯỜNG VỤ'); // the commune's standing committee signs (documents.test.ts)
  });

  it('CSV: UTF-8 with BOM, every table as a block', async () => {
    await buildNovember(h);
    const res = await exportAs('csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-tong-hop-hung-nguyen-2026-11.csv"',
    );
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(res.bytes.toString('utf8'));
    expect(rows[0]![0]).toContain('Đảng ủy xã Hưng Nguyên — tháng 11 năm 2026');
    const at = rows.findIndex((r) => r[0] === 'Xếp loại chất lượng sinh hoạt chi bộ');
    expect(rows.slice(at + 1, at + 6)).toEqual([
      ['Xếp loại', 'Số báo cáo', 'Tỷ lệ (%)'],
      ['Tốt', '1', '33.3'],
      ['Khá', '1', '33.3'],
      ['Trung bình', '1', '33.3'],
      ['Kém', '0', '0'],
    ]);
    expect(rows.some((r) => r[0] === 'Trộm cắp tài sản')).toBe(false); // figures, not issue texts
    // The default stays `,` and a decimal point; the totals row is a row of the block.
    expect(rows[at + 6]).toEqual(['Tổng cộng', '3', '100']);
    const text = res.bytes.toString('utf8');
    expect(text).toContain('\r\nĐiểm bình quân (cấp ủy viên chấm),82.67\r\n');
    expect(text).toContain('\r\n"Kiến nghị, đề xuất theo lĩnh vực"\r\n');
  });

  it('CSV for a Vietnamese-locale spreadsheet (csvLocale=vi): `;` between fields, decimal comma, still UTF-8 with BOM', async () => {
    await buildNovember(h);
    const res = await exportAs('csv', 'month=2026-11&csvLocale=vi');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.bytes.toString('utf8');
    expect(text).toContain('\r\nĐiểm bình quân (cấp ủy viên chấm);82,67\r\n');
    expect(text).toContain('\r\nTỷ lệ nộp đúng hạn (%);50\r\n');
    // A comma in a text is no separator here: no quotes needed.
    expect(text).toContain('\r\nKiến nghị, đề xuất theo lĩnh vực\r\n');
    const rows = parseCsv(text, { delimiter: ';' });
    expect(rows[0]![0]).toBe(
      'Đảng ủy xã Hưng Nguyên — tháng 11 năm 2026. Xuất lúc 25/11/2026 10:00',
    );
    const at = rows.findIndex((r) => r[0] === 'Xếp loại chất lượng sinh hoạt chi bộ');
    expect(rows.slice(at + 1, at + 7)).toEqual([
      ['Xếp loại', 'Số báo cáo', 'Tỷ lệ (%)'],
      ['Tốt', '1', '33,3'],
      ['Khá', '1', '33,3'],
      ['Trung bình', '1', '33,3'],
      ['Kém', '0', '0'],
      ['Tổng cộng', '3', '100'],
    ]);
    const list = rows.findIndex((r) => r[0] === 'Danh sách báo cáo theo phân công');
    expect(rows[list + 2]!.slice(0, 5)).toEqual([
      '1',
      'Đảng ủy xã Hưng Nguyên',
      expect.stringMatching(/^Chi bộ /),
      expect.any(String),
      '03/11/2026',
    ]);
  });

  it.each([['xlsx'], ['docx'], ['csv']])(
    'an empty month still gives a valid %s file',
    async (format) => {
      const res = await exportAs(format, 'month=2025-05');
      expect(res.status).toBe(200);
      if (format === 'xlsx') {
        const wb = await workbook(res.bytes);
        expect(wb.worksheets).toHaveLength(14);
        expect(wb.getWorksheet('Danh sách báo cáo')!.getCell('A4').value).toBe(
          'Không có phân công nào trong tháng.',
        );
        expect(rowValues(wb.getWorksheet('Tổng hợp')!, 4)).toEqual([
          'Số báo cáo phải nộp theo phân công',
          0,
        ]);
      } else if (format === 'docx') {
        const text = await docxText(res.bytes);
        expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
        expect(text).toContain('Không có phân công nào trong tháng.');
      } else {
        expect(res.bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
        expect(
          parseCsv(res.bytes.toString('utf8')).some(
            (r) => r[0] === 'Không có phân công nào trong tháng.',
          ),
        ).toBe(true);
      }
    },
  );

  it('a provincial board’s document is headed by the provincial committee', async () => {
    const text = await docxText((await exportAs('docx', 'month=2026-11', 'province')).bytes);
    expect(text).toContain('TỈNH ỦY NGHỆ AN\nBAN NỘI CHÍNH\n*');
    expect(text).toContain('Nghệ An, ngày 05 tháng 11 năm 2026');
  });

  it.each([
    ['month=2026-11&format=pdf', 422],
    ['month=2026-11&format=csv&csvLocale=fr', 422],
    ['month=2026-12&format=xlsx', 422],
    ['month=2026-11&format=xlsx&bodyId=truong-vinh', 404],
  ])('%s → %i as JSON, never a broken file', async (query, status) => {
    const res = await h.raw('GET', `/api/synthesis/export?${query}`, {
      token: await h.login('commune'),
    });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBeDefined();
  });

  it('is refused to observers', async () => {
    expect((await exportAs('xlsx', 'month=2026-11', 'observer')).status).toBe(403);
  });
});

describe('GET /api/report-exports/:id (one report as DOCX)', () => {
  it('the author gets the report with facts, attendance, points per criterion, suggestions and issues', async () => {
    const { r3 } = await buildNovember(h);
    const res = await download(
      h,
      `/api/report-exports/${r3.id}?format=docx`,
      await h.login('observer'),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-du-sinh-hoat-hn-th-2026-11-03.docx"',
    );
    const text = await docxText(res.bytes);
    const lines = text.split('\n').map((l) => l.trim());
    expect(text).toContain('ĐẢNG BỘ TỈNH NGHỆ AN\nĐẢNG ỦY XÃ HƯNG NGUYÊN\n*');
    expect(lines).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(lines).toContain('Hưng Nguyên, ngày 09 tháng 11 năm 2026'); // submitted on the 9th
    expect(lines).toContain(
      'Kết quả dự sinh hoạt Chi bộ Trường Tiểu học Hưng Nguyên ngày 03/11/2026',
    );
    const total = lines.indexOf('Tổng điểm (cấp ủy viên chấm)');
    expect(lines.slice(total, total + 3)).toEqual(['Tổng điểm (cấp ủy viên chấm)', '100', '60']);
    const band = lines.indexOf('Xếp loại');
    expect(lines.slice(band, band + 3)).toEqual(['Xếp loại', '', 'Trung bình']);
    expect(lines).toContain('Rác thải ven sông');
    expect(lines).toContain('Sở Nông nghiệp và Môi trường');
    expect(lines).toContain('Chi bộ cần chuẩn bị dự thảo nghị quyết sớm hơn.');
    expect(lines).toContain('Nguyễn Văn An');
  });

  it('same visibility as the report: a body its issue went to yes, another commune and bad ids 404', async () => {
    const { r1, r3 } = await buildNovember(h);
    expect(
      (await download(h, `/api/report-exports/${r1.id}`, await h.login('commune'))).status,
    ).toBe(200);
    expect(
      (await download(h, `/api/report-exports/${r3.id}`, await h.login('commune2'))).status,
    ).toBe(404);
    expect(
      (await download(h, `/api/report-exports/${r3.id}`, await h.login('observer2'))).status,
    ).toBe(404);
    expect(
      (await download(h, '/api/report-exports/not-a-uuid', await h.login('admin'))).status,
    ).toBe(404);
    expect(
      (await download(h, `/api/report-exports/${crypto.randomUUID()}`, await h.login('admin')))
        .status,
    ).toBe(404);
    expect(
      (await download(h, `/api/report-exports/${r3.id}?format=pdf`, await h.login('observer')))
        .status,
    ).toBe(422);
    expect((await download(h, `/api/report-exports/${r3.id}`)).status).toBe(401);
  });
});
