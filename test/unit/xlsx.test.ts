import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  cellType,
  columnType,
  exportedAt,
  totalsRow,
  type ExportTable,
} from '../../api/src/features/exports/tables.ts';
import { dateCell, toXlsx } from '../../api/src/features/exports/xlsx.ts';

async function read(tables: ExportTable[], subject = 'Chủ đề') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await toXlsx(tables, subject)) as unknown as ArrayBuffer);
  return wb;
}

describe('the export table model', () => {
  it('a column type comes from `type`, else the former `kind`, else text', () => {
    expect(columnType({ header: 'a', width: 5, type: 'rate' })).toBe('rate');
    expect(columnType({ header: 'a', width: 5, kind: 'int' })).toBe('count');
    expect(columnType({ header: 'a', width: 5, kind: 'decimal' })).toBe('number');
    expect(columnType({ header: 'a', width: 5 })).toBe('text');
    expect(columnType(undefined)).toBe('text');
  });

  it('rowTypes override the figures of a row, never a text column', () => {
    const table: ExportTable = {
      sheet: 's',
      title: 't',
      columns: [
        { header: 'Chỉ tiêu', width: 30 },
        { header: 'Số liệu', width: 10, type: 'count' },
      ],
      rows: [
        ['a', 1],
        ['b', 50],
      ],
      rowTypes: [null, 'rate'],
    };
    expect([cellType(table, 0, 1), cellType(table, 1, 1), cellType(table, 1, 0)]).toEqual([
      'count',
      'rate',
      'text',
    ]);
  });

  it('a totals row sums counts only, and takes the rates it is given', () => {
    const columns = [
      { header: 'Đơn vị', width: 30 },
      { header: 'Phải nộp', width: 10, type: 'count' as const },
      { header: 'Đúng hạn', width: 10, kind: 'int' as const },
      { header: 'Tỷ lệ (%)', width: 10, type: 'rate' as const },
      { header: 'Điểm', width: 10, type: 'number' as const },
    ];
    const rows = [
      ['A', 4, 2, 50, 80],
      ['B', 6, 6, 100, 90],
    ];
    expect(totalsRow(columns, rows, 'Tổng cộng')).toEqual(['Tổng cộng', 10, 8, null, null]);
    expect(totalsRow(columns, rows, 'Tổng cộng', { 3: 80 })).toEqual([
      'Tổng cộng',
      10,
      8,
      80,
      null,
    ]);
  });

  it('the export time is dd/mm/yyyy HH:mm in Vietnam (UTC+7), whatever the server zone', () => {
    expect(exportedAt(new Date('2026-11-30T17:05:00Z'))).toBe('Xuất lúc 01/12/2026 00:05');
  });

  it('date cells from dd/mm/yyyy or yyyy-mm-dd, at midnight UTC; anything else is not a date', () => {
    expect(dateCell('03/11/2026')).toEqual(new Date('2026-11-03T00:00:00Z'));
    expect(dateCell('2026-11-03')).toEqual(new Date('2026-11-03T00:00:00Z'));
    expect(dateCell('2026-11-03T10:00:00+07:00')).toEqual(new Date('2026-11-03T00:00:00Z'));
    for (const v of ['31/02/2026', '11/2026', 'Chưa nộp', '', null, 5])
      expect(dateCell(v)).toBe(null);
  });
});

describe('toXlsx', () => {
  it('a table written with the former `kind` still gets whole numbers, and untyped numbers are not "4.00"', async () => {
    const wb = await read([
      {
        sheet: 'Cũ',
        title: 'Bảng cũ',
        columns: [
          { header: 'Tên', width: 20 },
          { header: 'Số', width: 8, kind: 'int' },
          { header: 'Điểm', width: 8, kind: 'decimal' },
          { header: 'Khác', width: 8 },
        ],
        rows: [['a', 1234, 82.5, 4]],
      },
    ]);
    const ws = wb.getWorksheet('Cũ')!;
    expect(ws.getCell('B4').numFmt).toBe('#,##0');
    expect(ws.getCell('C4').numFmt).toBe('#,##0.0#');
    expect(ws.getCell('D4').numFmt).toBe('#,##0');
    expect(ws.getCell('D4').value).toBe(4);
    expect(ws.pageSetup.paperSize).toBe(9);
  });

  it('dates become date cells, rates fractions, empty dates empty cells; a text never runs as a formula', async () => {
    const wb = await read([
      {
        sheet: 'Mới',
        title: 'Bảng mới',
        columns: [
          { header: 'Tên', width: 20, type: 'text' },
          { header: 'Ngày', width: 12, type: 'date' },
          { header: 'Tỷ lệ', width: 8, type: 'rate' },
          { header: 'Số', width: 8, type: 'count' },
        ],
        rows: [
          ['=1+1', '05/11/2026', 12.5, 3],
          ['b', '', null, 4],
        ],
        totals: ['Tổng cộng', null, 14.3, 7],
      },
    ]);
    const ws = wb.getWorksheet('Mới')!;
    expect(ws.getCell('A4').value).toBe("'=1+1");
    expect(ws.getCell('B4').value).toEqual(new Date('2026-11-05T00:00:00Z'));
    expect(ws.getCell('B4').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('B5').value).toBe(null);
    expect(ws.getCell('C4').value).toBe(0.125);
    expect(ws.getCell('C4').numFmt).toBe('0.0%');
    expect(ws.getCell('D6').value).toBe(7); // a value: no cell of an export is a formula
    expect(ws.getCell('C6').value).toBe(0.143);
    expect(ws.getCell('A6').font).toMatchObject({ name: 'Times New Roman', bold: true });
  });

  it('wide sheets are landscape, narrow ones portrait, both one page wide', async () => {
    const wide = Array.from({ length: 12 }, (_, i) => ({
      header: `Cột ${i + 1}`,
      width: 12,
      type: 'text' as const,
    }));
    const wb = await read([
      { sheet: 'Hẹp', title: 'Hẹp', columns: wide.slice(0, 2), rows: [['x'.repeat(10), 'y']] },
      { sheet: 'Rộng', title: 'Rộng', columns: wide, rows: [wide.map(() => 'x'.repeat(10))] },
    ]);
    expect(wb.getWorksheet('Hẹp')!.pageSetup).toMatchObject({
      orientation: 'portrait',
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(wb.getWorksheet('Rộng')!.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
    });
  });
});
