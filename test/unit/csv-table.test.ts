import { describe, expect, it } from 'vitest';
import { BOM, CsvError, foldCsvLabel, readCsvTable, type CsvTableColumn } from '@duhop/shared';

type Key = 'name' | 'cell' | 'note';
const COLUMNS: readonly CsvTableColumn<Key>[] = [
  { key: 'name', header: 'Họ và tên', required: true },
  { key: 'cell', header: 'Mã chi bộ', required: true },
  { key: 'note', header: 'Ghi chú' },
];
const ALIASES = { name: ['Họ tên'] };

describe('readCsvTable', () => {
  it('reads rows keyed by column, with spreadsheet row numbers (the header is row 1)', () => {
    const t = readCsvTable('Họ và tên,Mã chi bộ,Ghi chú\r\nAn,cb-1,x\r\nBình,cb-2,\r\n', COLUMNS);
    expect(t.header).toEqual(['Họ và tên', 'Mã chi bộ', 'Ghi chú']);
    expect(t.index).toEqual({ name: 0, cell: 1, note: 2 });
    expect(t.missing).toEqual([]);
    expect(t.unknown).toEqual([]);
    expect(t.rows).toEqual([
      { row: 2, values: { name: 'An', cell: 'cb-1', note: 'x' } },
      { row: 3, values: { name: 'Bình', cell: 'cb-2', note: '' } },
    ]);
  });

  it('ignores a byte order mark before the first header', () => {
    const t = readCsvTable(`${BOM}Họ và tên,Mã chi bộ\nAn,cb-1\n`, COLUMNS);
    expect(t.index.name).toBe(0);
    expect(t.rows[0]!.values.name).toBe('An');
  });

  it('reads `;` files as well as `,` files (a Vietnamese-locale spreadsheet)', () => {
    const semi = readCsvTable('Mã chi bộ;Họ và tên\r\ncb-1;Nguyễn, Văn An\r\n', COLUMNS);
    const comma = readCsvTable('Mã chi bộ,Họ và tên\r\ncb-1,"Nguyễn, Văn An"\r\n', COLUMNS);
    expect(semi.rows).toEqual(comma.rows);
    expect(semi.rows[0]!.values).toEqual({ name: 'Nguyễn, Văn An', cell: 'cb-1', note: '' });
  });

  it('keeps quoted fields whole (separators, quotes, line breaks) and trims the cells', () => {
    const t = readCsvTable(
      'Họ và tên,Mã chi bộ,Ghi chú\n"  An ""Bé"" ",cb-1,"dòng 1\ndòng 2, vẫn ô này"\nBình,cb-2,y\n',
      COLUMNS,
    );
    expect(t.rows).toEqual([
      { row: 2, values: { name: 'An "Bé"', cell: 'cb-1', note: 'dòng 1\ndòng 2, vẫn ô này' } },
      // A line break inside quotes does not start a spreadsheet row: Bình is on row 3.
      { row: 3, values: { name: 'Bình', cell: 'cb-2', note: 'y' } },
    ]);
  });

  it('matches headers without case, diacritics, spaces or punctuation; the key and aliases too', () => {
    const t = readCsvTable('HO TEN*, CELL ,ghi-chu\nAn,cb-1,x\n', COLUMNS, ALIASES);
    expect(t.index).toEqual({ name: 0, cell: 1, note: 2 });
    // Without the alias "Họ tên" the name column is not found.
    expect(readCsvTable('HO TEN,cell\nAn,cb-1\n', COLUMNS).missing.map((c) => c.key)).toEqual([
      'name',
    ]);
    expect(foldCsvLabel(' Họ và TÊN: ')).toBe('hovaten');
  });

  it('lists the required columns the header lacks, in column order; an optional one is not missing', () => {
    const t = readCsvTable('Ghi chú\nx\n', COLUMNS);
    expect(t.missing).toEqual([COLUMNS[0], COLUMNS[1]]);
    expect(t.index).toEqual({ name: -1, cell: -1, note: 0 });
    const noNote = readCsvTable('Họ và tên,Mã chi bộ\nAn,cb-1\n', COLUMNS);
    expect(noNote.missing).toEqual([]);
    expect(noNote.rows[0]!.values.note).toBe('');
  });

  it('ignores unknown columns and names them; the first of two matching headers counts', () => {
    const t = readCsvTable(
      'Số thứ tự,Họ và tên,Mã chi bộ,,Họ tên\n1,An,cb-1,z,Khác\n',
      COLUMNS,
      ALIASES,
    );
    expect(t.unknown).toEqual(['Số thứ tự', 'Họ tên']);
    expect(t.rows[0]!.values).toEqual({ name: 'An', cell: 'cb-1', note: '' });
  });

  it('skips blank lines (white space only too) and keeps the row numbers of the others', () => {
    const t = readCsvTable('Họ và tên,Mã chi bộ\n\nAn,cb-1\n , \nBình\n', COLUMNS);
    expect(t.rows).toEqual([
      { row: 3, values: { name: 'An', cell: 'cb-1', note: '' } },
      // A short row: the absent cells read as empty.
      { row: 5, values: { name: 'Bình', cell: '', note: '' } },
    ]);
  });

  it('has no header for an empty file and a header but no rows for a header alone', () => {
    const empty = readCsvTable('', COLUMNS);
    expect(empty.header).toBeNull();
    expect(empty.rows).toEqual([]);
    expect(empty.missing.map((c) => c.key)).toEqual(['name', 'cell']);
    expect(readCsvTable(`${BOM}`, COLUMNS).header).toBeNull();
    const headerOnly = readCsvTable('Họ và tên,Mã chi bộ\r\n\r\n', COLUMNS);
    expect(headerOnly.header).toEqual(['Họ và tên', 'Mã chi bộ']);
    expect(headerOnly.rows).toEqual([]);
  });

  it('throws CsvError with the line of an unclosed quote or of text after a closing quote', () => {
    const unclosed = () => readCsvTable('Họ và tên,Mã chi bộ\nAn,cb-1\nBình,"cb-2\n', COLUMNS);
    expect(unclosed).toThrow(CsvError);
    expect(unclosed).toThrow('Dấu ngoặc kép mở ở dòng 3 chưa được đóng');
    try {
      readCsvTable('Họ và tên,Mã chi bộ\n"An\nB"x,cb-1\n', COLUMNS);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CsvError);
      expect((err as CsvError).line).toBe(3);
      expect((err as CsvError).message).toBe('Dòng 3: có ký tự sau dấu ngoặc kép đóng');
    }
  });
});
