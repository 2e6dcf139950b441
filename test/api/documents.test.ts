import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { read } from '../support/client.ts';
import { useHarness } from '../support/app.ts';
import { buildNovember, download } from '../support/monthly.ts';
import { keepDocument } from '../support/render-pdf.ts';
import { issueDocumentNumber } from '../../api/src/features/exports/document-config.ts';

/**
 * The documents a body files (issue 14, Hướng dẫn 36-HD/VPTW): number line with a running number
 * per body and year, page numbers, the assessment in sentences, the signature and "Nơi nhận" from
 * the body's configuration, names never ids, tables kept apart. Each document is also kept with
 * its PDF rendering in test/results/documents/ when LibreOffice is installed.
 */
const h = useHarness('2026-11-05T09:00:00+07:00');
const driver = process.env.TEST_DB_DRIVER ?? 'pglite';

interface Docx {
  xml: string;
  /** Paragraphs of word/document.xml, trimmed, one a line. */
  lines: string[];
  footers: Record<string, string>;
}

const plain = (xml: string) =>
  xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

async function openDocx(bytes: Buffer): Promise<Docx> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const footers: Record<string, string> = {};
  for (const name of Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)))
    footers[name] = await zip.file(name)!.async('string');
  return {
    xml,
    lines: plain(xml)
      .split('\n')
      .map((l) => l.trim()),
    footers,
  };
}

async function synthesisDocx(username = 'commune', month = '2026-11') {
  const res = await download(
    h,
    `/api/synthesis/export?month=${month}&format=docx`,
    await h.login(username),
  );
  expect(res.status).toBe(200);
  return { bytes: res.bytes, ...(await openDocx(res.bytes)) };
}

const numberLine = (d: Docx) => d.lines.find((l) => /^Số \d+/.test(l));

async function putConfig(unitId: string, json: Record<string, unknown>) {
  return read(
    h
      .as(await h.login('admin'))
      .api.admin['org-units'][':id']['document-config'].$put({ param: { id: unitId }, json }),
  );
}

describe('synthesis DOCX: the document a body files', () => {
  it('a running number per body and year: 1, 2 for the same body, 1 for another body, 1 again the next year', async () => {
    await buildNovember(h);
    const first = await synthesisDocx();
    expect(numberLine(first)).toBe('Số 1-BC/ĐU');
    // The number line sits under the issuer and its "*", in the heading's left cell.
    const at = first.lines.indexOf('ĐẢNG ỦY XÃ HƯNG NGUYÊN');
    expect(first.lines.slice(at, at + 3)).toEqual(['ĐẢNG ỦY XÃ HƯNG NGUYÊN', '*', 'Số 1-BC/ĐU']);
    expect(numberLine(await synthesisDocx())).toBe('Số 2-BC/ĐU');
    // Another body numbers on its own: the provincial board, by the initials of its name.
    expect(numberLine(await synthesisDocx('province'))).toBe('Số 1-BC/BNCTU');
    // XLSX and CSV are working files, not issued documents: they take no number.
    await download(h, '/api/synthesis/export?month=2026-11&format=xlsx', await h.login('commune'));
    expect(numberLine(await synthesisDocx())).toBe('Số 3-BC/ĐU');
    h.clock.set('2027-01-04T09:00:00+07:00');
    expect(numberLine(await synthesisDocx('commune', '2026-12'))).toBe('Số 1-BC/ĐU');
    expect(numberLine(await synthesisDocx())).toBe('Số 2-BC/ĐU');
    // Seven documents built in one test: a hang guard above the suite's 120 s (76–85 s seen at load 25).
  }, 300_000);

  it('numbers taken at the same moment are all different (one atomic upsert)', async () => {
    const taken = await Promise.all(
      Array.from({ length: 6 }, () => issueDocumentNumber(h.database.db, 'hung-nguyen', 2026)),
    );
    expect(taken.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await issueDocumentNumber(h.database.db, 'hung-nguyen', 2027)).toBe(1);
  });

  it('page numbers centred in the footer from page 2; the first page has none', async () => {
    const d = await synthesisDocx();
    expect(d.xml).toMatch(/<w:titlePg\/>/);
    const refs = [...d.xml.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)];
    expect(refs.map((r) => r[1]).sort()).toEqual(['default', 'first']);
    const withPage = Object.values(d.footers).filter((x) => /PAGE/.test(x));
    expect(withPage).toHaveLength(1);
    expect(withPage[0]).toMatch(/<w:jc w:val="center"\/>/);
    expect(Object.values(d.footers).filter((x) => !/PAGE/.test(x))).toHaveLength(1);
  });

  it('the assessment in sentences before the tables, the criteria set by its name, never its id', async () => {
    await buildNovember(h);
    const d = await synthesisDocx();
    const text = d.lines.join('\n');
    const assessment = d.lines.indexOf('I. ĐÁNH GIÁ CHUNG');
    const tables = d.lines.indexOf('II. SỐ LIỆU CHI TIẾT');
    expect(assessment).toBeGreaterThan(0);
    expect(tables).toBeGreaterThan(assessment);
    const words = d.lines.slice(assessment, tables).join(' ');
    expect(words).toContain('trong số 4 báo cáo đã đến hạn có 2 báo cáo nộp đúng hạn (đạt 50%)');
    expect(words).toContain('1 báo cáo nộp trễ hạn; còn 1 báo cáo chưa nộp');
    expect(words).toContain('1 Tốt (33,3%), 1 Khá (33,3%), 1 Trung bình (33,3%)');
    expect(words).toContain('điểm bình quân 82,67 điểm');
    expect(words).toContain(
      'phát sinh 4 kiến nghị; đã trả lời 1 (trong đó đã giải quyết xong 1), đang xử lý 3',
    );
    expect(words).toContain('2 kiến nghị quá hạn');
    expect(words).toContain(
      'Tiêu chí đánh giá chất lượng sinh hoạt chi bộ (Hướng dẫn 42-HD/BTCTW) (nguồn: Hướng dẫn số 42-HD/BTCTW',
    );
    expect(text).toContain(
      '4. Điểm bình quân theo nhóm tiêu chí (Tiêu chí đánh giá chất lượng sinh hoạt chi bộ (Hướng dẫn 42-HD/BTCTW))',
    );
    expect(text).not.toContain('hd42-2025');
    await keepDocument(`bao-cao-tong-hop-${driver}.docx`, d.bytes);
  });

  it('headings kept with their table, rows never split, dates and "STT" wide enough, tables never adjacent', async () => {
    await buildNovember(h);
    const d = await synthesisDocx();
    // No table follows another directly: LibreOffice would merge them (the last one into the signature).
    expect(d.xml).not.toMatch(/<\/w:tbl>\s*<w:tbl>/);
    const tablesXml = d.xml.split('<w:tbl>').length - 1;
    // heading, 13 data tables, closing; the 8th section ("Kiến nghị trùng") has no duplicates this
    // month and says so in a sentence, not an empty table
    expect(tablesXml).toBe(1 + 13 + 1);
    // Every numbered heading is kept with what follows it.
    const headings = [...d.xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)]
      .map((m) => m[0])
      .filter((p) => /^\d+\. /.test(plain(p).trim()));
    expect(headings).toHaveLength(14);
    for (const p of headings) expect(p).toContain('<w:keepNext/>');
    expect(d.xml).toContain('<w:cantSplit/>');
    // The list of reports: its grid gives "STT" and the date columns room for the whole word.
    const list = d.xml.slice(d.xml.indexOf('11. Danh sách báo cáo'));
    const grid = [...list.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].slice(0, 8).map((m) => +m[1]!);
    expect(grid).toHaveLength(8);
    expect(grid[0]).toBeGreaterThanOrEqual(560); // STT
    for (const date of grid.slice(4, 7)) expect(date).toBeGreaterThanOrEqual(1150); // dd/mm/yyyy: 1,002 twips of text and the margins
  });

  it('the signature and "Nơi nhận" by default: position by body kind, "(Ký, ghi rõ họ tên)" only when no name is set', async () => {
    const d = await synthesisDocx();
    const closing = d.lines.slice(d.lines.indexOf('Nơi nhận:'));
    expect(closing.slice(0, 3)).toEqual([
      'Nơi nhận:',
      '- Ban Thường vụ Tỉnh ủy (b/c),',
      '- Lưu Văn phòng.',
    ]);
    expect(closing).toContain('T/M BAN THƯỜNG VỤ');
    expect(closing).toContain('BÍ THƯ');
    expect(closing).toContain('(Ký, ghi rõ họ tên)');
    // Party style: "Nơi nhận:" upright and underlined, not the state's bold italic.
    const p = d.xml.slice(d.xml.lastIndexOf('<w:p>', d.xml.indexOf('Nơi nhận:')));
    expect(p.slice(0, p.indexOf('</w:p>'))).toMatch(/<w:u w:val="single"\/>/);
    expect(p.slice(0, p.indexOf('</w:p>'))).not.toMatch(/<w:i\/>|<w:b\/>/);
    // A board signs in its head's own name.
    const board = await synthesisDocx('province');
    const boardClosing = board.lines.slice(board.lines.indexOf('Nơi nhận:'));
    expect(boardClosing).toContain('TRƯỞNG BAN');
    expect(boardClosing).not.toContain('THỦ TRƯỞNG ĐƠN VỊ');
    expect(boardClosing).toContain('- Thường trực Tỉnh ủy (b/c),');
  });

  it('the body’s configuration: number pattern, signer’s position, title and name, recipients', async () => {
    const put = await putConfig('hung-nguyen', {
      numberPattern: '{n}-BC/ĐU-VP',
      signerOnBehalf: 'T/M BAN THƯỜNG VỤ',
      signerTitle: 'PHÓ BÍ THƯ',
      signerName: 'Nguyễn Văn A',
      recipients: ['Ban Thường vụ Tỉnh ủy (b/c)', 'Ban Tổ chức Tỉnh ủy', 'Lưu Văn phòng'],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.effective.signerTitle).toBe('PHÓ BÍ THƯ');
    expect(put.body.lastNumber).toBe(0);
    const d = await synthesisDocx();
    expect(numberLine(d)).toBe('Số 1-BC/ĐU-VP');
    const closing = d.lines.slice(d.lines.indexOf('Nơi nhận:'));
    expect(closing.slice(0, 4)).toEqual([
      'Nơi nhận:',
      '- Ban Thường vụ Tỉnh ủy (b/c),',
      '- Ban Tổ chức Tỉnh ủy,',
      '- Lưu Văn phòng.',
    ]);
    const sig = closing.filter((l) => l);
    expect(sig.slice(sig.indexOf('T/M BAN THƯỜNG VỤ'))).toEqual([
      'T/M BAN THƯỜNG VỤ',
      'PHÓ BÍ THƯ',
      'Nguyễn Văn A',
    ]);
    expect(d.lines).not.toContain('(Ký, ghi rõ họ tên)');
    await keepDocument(`bao-cao-tong-hop-da-cau-hinh-${driver}.docx`, d.bytes);
    const view = await read(
      h
        .as(await h.login('admin'))
        .api.admin['org-units'][':id']['document-config'].$get({ param: { id: 'hung-nguyen' } }),
    );
    expect(view.body).toMatchObject({ year: 2026, lastNumber: 1 });
    expect(view.body.config.signerName).toBe('Nguyễn Văn A');
  });

  it('the configuration is refused without {n}, to anyone but an admin, and for an unknown unit', async () => {
    const bad = await putConfig('hung-nguyen', { numberPattern: 'BC/ĐU' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.error?.fields ?? {})).toContain('numberPattern');
    expect((await putConfig('no-such-unit', { signerName: 'X' })).status).toBe(404);
    const staff = await read(
      h.as(await h.login('commune')).api.admin['org-units'][':id']['document-config'].$put({
        param: { id: 'hung-nguyen' },
        json: { signerName: 'X' },
      }),
    );
    expect(staff.status).toBe(403);
    // An empty configuration is the defaults again.
    expect((await putConfig('hung-nguyen', {})).body.effective).toEqual({
      numberPattern: '{n}-BC/ĐU',
      signerOnBehalf: 'T/M BAN THƯỜNG VỤ',
      signerTitle: 'BÍ THƯ',
      signerName: '',
      recipients: ['Ban Thường vụ Tỉnh ủy (b/c)', 'Lưu Văn phòng'],
    });
  });
});

describe('report DOCX', () => {
  it('criteria by their text, never their ids; each issue’s status, answer and document number', async () => {
    const { r1 } = await buildNovember(h);
    // The second issue of R1 answered with a document number.
    const token = await h.login('commune');
    const issue = await read(
      h.as(token).api.issues[':id'].$get({ param: { id: r1.issues[1]!.id } }),
    );
    const answered = await read(
      h.as(token).api.issues[':id'].actions.$post({
        param: { id: r1.issues[1]!.id },
        json: {
          type: 'explain',
          note: 'Đã hòa giải tại thôn, hai bên thống nhất ranh giới.',
          documentNo: '125/UBND-ĐC',
          expectedVersion: issue.body.version,
        },
      }),
    );
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const res = await download(h, `/api/report-exports/${r1.id}`, await h.login('observer'));
    expect(res.status).toBe(200);
    const d = await openDocx(res.bytes);
    const text = d.lines.join('\n');
    expect(text).toContain(
      '1.1. Bảo đảm thời lượng sinh hoạt (ít nhất 90 phút; 120 phút khi kết hợp thường kỳ và chuyên đề)',
    );
    expect(text).not.toMatch(/\bg\d+\.\d+\b/);
    expect(text).not.toContain('hd42-2025');
    expect(text).toContain('nguồn: Hướng dẫn số 42-HD/BTCTW');
    // Statuses in the table, answers below it.
    expect(d.lines).toContain('Đã giải quyết xong');
    expect(d.lines).toContain('Đã giải trình');
    expect(text).toContain('Kiến nghị 1 (Đường liên xóm xuống cấp)');
    expect(text).toContain('Đã sửa xong đoạn đường.');
    expect(text).toContain('Kiến nghị 2 (Tranh chấp đất đai)');
    expect(text).toContain('tại văn bản số 125/UBND-ĐC');
    expect(text).toContain('Đã hòa giải tại thôn, hai bên thống nhất ranh giới.');
    await keepDocument(`bao-cao-du-sinh-hoat-${driver}.docx`, res.bytes);
  });
});
