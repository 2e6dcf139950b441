import { describe, expect, it } from 'vitest';
import {
  criteriaSetNote,
  defaultNumberPattern,
  documentNumberLine,
  DocumentConfig,
  initialsOf,
  provenanceMark,
  recipientLines,
  resolveDocumentConfig,
  synthesisAssessment,
  type SynthesisResponse,
} from '@duhop/shared';
import { columnWidths } from '../../api/src/features/exports/docx.ts';
import type { ExportTable } from '../../api/src/features/exports/tables.ts';

const commune = { name: 'Đảng ủy xã Hưng Nguyên', kind: 'commune', parentName: 'Tỉnh ủy Nghệ An' };

describe('number line, signer and recipients (Hướng dẫn 36-HD/VPTW)', () => {
  it('number patterns by body kind, initials of a board’s name', () => {
    expect(defaultNumberPattern({ name: 'Tỉnh ủy Nghệ An', kind: 'province' })).toBe('{n}-BC/TU');
    expect(defaultNumberPattern(commune)).toBe('{n}-BC/ĐU');
    expect(defaultNumberPattern({ name: 'Huyện ủy Nam Đàn', kind: 'district' })).toBe('{n}-BC/HU');
    expect(defaultNumberPattern({ name: 'Ban Nội chính Tỉnh ủy', kind: 'province_board' })).toBe(
      '{n}-BC/BNCTU',
    );
    expect(initialsOf('Văn phòng Đảng ủy')).toBe('VPĐU');
    expect(initialsOf('Ủy ban Kiểm tra Tỉnh ủy')).toBe('UBKTTU');
    expect(documentNumberLine('{n}-BC/ĐU', 12)).toBe('Số 12-BC/ĐU');
  });

  it('defaults fill what the configuration leaves unset; a name only when configured', () => {
    expect(resolveDocumentConfig(commune, null)).toEqual({
      numberPattern: '{n}-BC/ĐU',
      signerOnBehalf: 'T/M BAN THƯỜNG VỤ',
      signerTitle: 'BÍ THƯ',
      signerName: '',
      recipients: ['Ban Thường vụ Tỉnh ủy (b/c)', 'Lưu Văn phòng'],
    });
    expect(
      resolveDocumentConfig(commune, { signerTitle: 'PHÓ BÍ THƯ', signerName: 'Nguyễn Văn A' }),
    ).toMatchObject({
      signerOnBehalf: 'T/M BAN THƯỜNG VỤ',
      signerTitle: 'PHÓ BÍ THƯ',
      signerName: 'Nguyễn Văn A',
    });
    expect(
      resolveDocumentConfig(
        { name: 'Văn phòng Tỉnh ủy', kind: 'province_board', parentName: 'Tỉnh ủy Nghệ An' },
        null,
      ),
    ).toMatchObject({
      signerOnBehalf: '',
      signerTitle: 'CHÁNH VĂN PHÒNG',
      recipients: ['Thường trực Tỉnh ủy (b/c)', 'Lưu Văn phòng'],
    });
    expect(DocumentConfig.safeParse({ numberPattern: 'BC/ĐU' }).success).toBe(false);
  });

  it('"Nơi nhận" lines: "- …," and the last "- ….", whatever the configuration ended them with', () => {
    expect(recipientLines(['Ban Thường vụ Tỉnh ủy (b/c);', '- Lưu Văn phòng,'])).toEqual([
      '- Ban Thường vụ Tỉnh ủy (b/c),',
      '- Lưu Văn phòng.',
    ]);
  });

  it('criteria sets by name and source, marked when not an official text (provenanceLabel)', () => {
    const set = { id: 'na-08-2021', name: 'Tiêu chí 08-QĐ/TU', source: 'Quyết định 08-QĐ/TU' };
    expect(criteriaSetNote(set)).toBe('Tiêu chí 08-QĐ/TU (nguồn: Quyết định 08-QĐ/TU)');
    expect(provenanceMark(set)).toBeNull();
    expect(criteriaSetNote({ ...set, official: false })).toBe(
      'Tiêu chí 08-QĐ/TU (nguồn: Quyết định 08-QĐ/TU; cấu hình địa phương / tạm tính)',
    );
    // One reconstructed item is enough to mark the set.
    const groups = [{ items: [{}, { official: false }] }];
    expect(provenanceMark({ ...set, groups })).toBe('cấu hình địa phương / tạm tính');
    expect(provenanceMark({ ...set, official: true, groups: [{ items: [{}] }] })).toBeNull();
  });
});

describe('the assessment in sentences', () => {
  const base = {
    month: '2026-11',
    gap: 10,
    reports: {
      expected: 0,
      filed: 0,
      onTime: 0,
      late: 0,
      missing: 0,
      onTimeRate: null,
      averageScore: null,
      averageSelfScore: null,
    },
    bands: [],
    gaps: [],
    issues: { raised: 0, resolved: 0, answered: 0, open: 0, overdue: 0 },
  } as unknown as SynthesisResponse;

  it('an empty month says so rather than printing zeros as rates', () => {
    expect(synthesisAssessment(base)).toEqual([
      'Trong tháng 11 năm 2026, không có báo cáo dự sinh hoạt chi bộ nào phải nộp theo phân công.',
      'Chưa có báo cáo nào được chấm điểm chất lượng sinh hoạt trong tháng.',
      'Trong tháng không có kiến nghị, đề xuất nào phát sinh.',
    ]);
  });

  it('early in the month, reports not due yet are neither missing nor in the rate', () => {
    const early = {
      ...base,
      reports: { ...base.reports, expected: 4, notDue: 4 },
    } as SynthesisResponse;
    expect(synthesisAssessment(early)[0]).toBe(
      'Trong tháng 11 năm 2026, theo phân công có 4 báo cáo dự sinh hoạt chi bộ phải nộp; đã nộp 0 báo cáo, chưa có báo cáo nào đến hạn nộp; 4 báo cáo chưa đến hạn nộp.',
    );
    const mid = {
      ...base,
      reports: {
        ...base.reports,
        expected: 4,
        filed: 2,
        onTime: 1,
        late: 1,
        missing: 1,
        notDue: 1,
        onTimeRate: 33.33,
      },
    } as SynthesisResponse;
    expect(synthesisAssessment(mid)[0]).toContain(
      'trong số 3 báo cáo đã đến hạn có 1 báo cáo nộp đúng hạn (đạt 33,3%), 1 báo cáo nộp trễ hạn; còn 1 báo cáo chưa nộp; 1 báo cáo chưa đến hạn nộp.',
    );
  });
});

describe('column widths from content', () => {
  const table: ExportTable = {
    sheet: 'x',
    title: 'x',
    columns: [
      { header: 'STT', width: 3, kind: 'int' },
      { header: 'Chi bộ', width: 60 },
      { header: 'Ngày họp', width: 4 },
      { header: 'Tình trạng', width: 4 },
    ],
    rows: [[1, 'Chi bộ Trường Tiểu học Hưng Nguyên', '03/11/2026', 'Đúng hạn']],
  };

  it('a date, "STT" and a short status get their whole width; the text column gives way', () => {
    const [stt, name, date, status] = columnWidths(table, 9355);
    // Declared shares would give STT 421 and the date 561 twips: too narrow for one line.
    expect(stt).toBeGreaterThanOrEqual(560);
    expect(date).toBeGreaterThanOrEqual(1150);
    expect(status).toBeGreaterThanOrEqual(1000);
    expect(stt! + name! + date! + status!).toBe(9355);
  });
});
