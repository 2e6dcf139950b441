import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { buildNovember, download } from '../support/monthly.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

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

describe('GET /api/synthesis/export', () => {
  it('XLSX: one sheet per table, bold headers, column widths, the figures read back', async () => {
    await buildNovember(h);
    const res = await exportAs('xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-tong-hop-hung-nguyen-2026-11.xlsx"',
    );
    const wb = await workbook(res.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo đơn vị',
      'Xếp loại',
      'Nhóm tiêu chí',
      'Chênh lệch tự chấm',
      'Kiến nghị theo lĩnh vực',
      'Kiến nghị theo cơ quan',
      'Thời gian xử lý',
      'Diễn biến 6 tháng',
      'Danh sách báo cáo',
    ]);
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getCell('A1').value).toBe(
      'Tổng hợp báo cáo dự sinh hoạt chi bộ tháng 11 năm 2026',
    );
    expect(String(summary.getCell('A2').value)).toContain('Đảng ủy xã Hưng Nguyên');
    expect(rowValues(summary, 3)).toEqual(['Chỉ tiêu', 'Số liệu']);
    expect(summary.getCell('A3').font?.bold).toBe(true);
    expect(summary.getColumn(1).width).toBe(44);
    expect(rowValues(summary, 4)).toEqual(['Số báo cáo phải nộp theo phân công', 4]);
    expect(rowValues(summary, 5)).toEqual(['Số báo cáo đã nộp', 3]);
    expect(rowValues(summary, 9)).toEqual(['Tỷ lệ nộp đúng hạn (%)', 50]);
    expect(rowValues(summary, 10)).toEqual(['Điểm bình quân (cấp ủy viên chấm)', 82.67]);

    const bands = wb.getWorksheet('Xếp loại')!;
    expect([4, 5, 6, 7].map((r) => rowValues(bands, r))).toEqual([
      ['Tốt', 1, 33.3],
      ['Khá', 1, 33.3],
      ['Trung bình', 1, 33.3],
      ['Kém', 0, 0],
    ]);
    const gaps = wb.getWorksheet('Chênh lệch tự chấm')!;
    expect(rowValues(gaps, 4)).toEqual([
      'Chi bộ Trường Tiểu học Hưng Nguyên',
      'Nguyễn Văn An',
      '03/11/2026',
      60,
      75,
      15,
    ]);
    const byBody = wb.getWorksheet('Kiến nghị theo cơ quan')!;
    expect(rowValues(byBody, 5)).toEqual(['Ban Nội chính Tỉnh ủy', 1, 0, 0, 1, 1]);
    const list = wb.getWorksheet('Danh sách báo cáo')!;
    expect(list.rowCount).toBe(3 + 4);
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
  });

  it('DOCX: Party header, issuing body on the left, place and date, title and numbered sections with the tables', async () => {
    await buildNovember(h);
    const res = await exportAs('docx');
    expect(res.status).toBe(200);
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
    expect(sections).toHaveLength(10);
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
  });

  it.each([['xlsx'], ['docx'], ['csv']])(
    'an empty month still gives a valid %s file',
    async (format) => {
      const res = await exportAs(format, 'month=2025-05');
      expect(res.status).toBe(200);
      if (format === 'xlsx') {
        const wb = await workbook(res.bytes);
        expect(wb.worksheets).toHaveLength(10);
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
