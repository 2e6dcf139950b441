import { BOM, parseCsv } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import {
  buildPreview,
  columnKey,
  decodeCsvBytes,
  ORG_CSV,
  sampleCsv,
  splitImportFields,
  USER_CSV,
} from '../../extension/utils/admin/csv-preview.ts';

const HEADER = 'Tên đăng nhập,Họ và tên,Vai trò,Đơn vị,Mật khẩu';

describe('CSV import preview', () => {
  it.each([
    ['Tên đăng nhập', 'username'],
    ['  TEN DANG NHAP ', 'username'],
    ['Họ tên', 'displayName'],
    ['Mật khẩu tạm:', 'password'],
    ['orgUnitId', 'orgUnitId'],
    ['Các vai trò', 'roles'],
    ['roles', 'roles'],
    ['Ghi chú', null],
  ])(
    'header %j is column %j (case, accents and spaces ignored, as the API reads it)',
    (header, key) => {
      expect(columnKey(USER_CSV, header)).toBe(key);
    },
  );

  it('puts each row error on its cell, numbering rows as a spreadsheet does and skipping blank rows', () => {
    const text = `${BOM}${HEADER},Ghi chú\r\nok.user,Người Tốt,cán bộ,hung-nguyen,matkhau-01,\r\n,,,,,\r\nbad user,,trưởng thôn,nowhere,123,x\r\n`;
    const errors = [
      { row: 4, field: 'username', message: 'Tên đăng nhập chỉ gồm chữ không dấu' },
      { row: 4, field: 'displayName', message: 'Thiếu họ và tên' },
      { row: 4, field: 'password', message: 'Mật khẩu phải có ít nhất 8 ký tự' },
      { row: 4, field: 'somethingElse', message: 'Lỗi khác' },
    ];
    const p = buildPreview(text, USER_CSV, errors);
    expect(p.header.map((h) => h.key)).toEqual([
      'username',
      'displayName',
      'role',
      'orgUnitId',
      'password',
      null,
    ]);
    expect(p.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(p.errorRows).toBe(1);
    const [good, bad] = p.rows;
    expect(good!.errors).toEqual([]);
    expect(good!.cells.every((c) => c.errors.length === 0)).toBe(true);
    expect(bad!.cells.map((c) => c.value)).toEqual([
      'bad user',
      '',
      'trưởng thôn',
      'nowhere',
      '123',
      'x',
    ]);
    expect(bad!.cells.map((c) => c.errors)).toEqual([
      ['Tên đăng nhập chỉ gồm chữ không dấu'],
      ['Thiếu họ và tên'],
      [],
      [],
      ['Mật khẩu phải có ít nhất 8 ký tự'],
      [],
    ]);
    // An error of a field no column shows stays on the row.
    expect(bad!.errors.map((e) => e.field)).toContain('somethingElse');
  });

  it('reports an unreadable file instead of throwing', () => {
    const p = buildPreview(`${HEADER}\n"unclosed,quote`, USER_CSV);
    expect(p.rows).toEqual([]);
    expect(p.fileErrors).toHaveLength(1);
  });

  it('splits a 422 into row errors and errors of the whole file (a missing column is reported on row 1)', () => {
    const split = splitImportFields({
      'rows.5.username': ['Trùng với dòng 2'],
      'rows.3.role': ['Vai trò "x" không hợp lệ', 'khác'],
      'rows.1.password': ['Thiếu cột "Mật khẩu"'],
      file: ['Tệp không phải UTF-8'],
    });
    expect(split.rowErrors).toEqual([
      { row: 3, field: 'role', message: 'Vai trò "x" không hợp lệ' },
      { row: 3, field: 'role', message: 'khác' },
      { row: 5, field: 'username', message: 'Trùng với dòng 2' },
    ]);
    expect(split.fileErrors).toEqual(['Thiếu cột "Mật khẩu"', 'Tệp không phải UTF-8']);
  });

  it.each([USER_CSV, ORG_CSV])(
    'the sample file has a BOM, the Vietnamese headers and rows the size of the header ($fileName)',
    (spec) => {
      const text = sampleCsv(spec);
      expect(text.startsWith(BOM)).toBe(true);
      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual(spec.columns.map((c) => c.header));
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r).toHaveLength(header!.length);
      expect(buildPreview(text, spec).header.every((h) => h.key !== null)).toBe(true);
    },
  );

  it('accepts UTF-8 bytes and refuses a legacy code page', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('Tên,Mã\nXã,1'))).toBe('Tên,Mã\nXã,1');
    // "Tên" in Windows-1258 is not valid UTF-8.
    expect(decodeCsvBytes(new Uint8Array([0x54, 0xea, 0x6e]))).toBeNull();
  });
});
