import { describe, expect, it } from 'vitest';
import {
  BOM,
  CsvError,
  csvField,
  csvOptions,
  detectDelimiter,
  parseCsv,
  spreadsheetText,
  spreadsheetValue,
  stripBom,
  toCsv,
} from '@duhop/shared';

describe('parseCsv', () => {
  it.each([
    ['plain', 'a,b,c', [['a', 'b', 'c']]],
    [
      'CRLF lines',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'LF lines',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CR lines',
      'a,b\r1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['no final line end', 'a\r\nb', [['a'], ['b']]],
    ['quoted comma', '"Hưng Nguyên, Nghệ An",x', [['Hưng Nguyên, Nghệ An', 'x']]],
    ['escaped quotes', '"Số ""125"" QĐ"', [['Số "125" QĐ']]],
    [
      'line break inside quotes',
      '"dòng 1\r\ndòng 2",b\r\nc,d',
      [
        ['dòng 1\r\ndòng 2', 'b'],
        ['c', 'd'],
      ],
    ],
    ['empty fields', ',a,,', [['', 'a', '', '']]],
    ['empty quoted field', '"",x', [['', 'x']]],
    ['empty line in the middle', 'a\r\n\r\nb', [['a'], [''], ['b']]],
    ['spaces kept', ' a , b ', [[' a ', ' b ']]],
    [
      'BOM ignored',
      `${BOM}Tên đăng nhập,Mã chi bộ\r\nobserver,hn-xom-1\r\n`,
      [
        ['Tên đăng nhập', 'Mã chi bộ'],
        ['observer', 'hn-xom-1'],
      ],
    ],
    ['empty text', '', []],
  ])('%s', (_, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('reads semicolon-separated files (some locales) by guessing from the first line', () => {
    expect(parseCsv('a;"b;c";d\r\n1;2;3')).toEqual([
      ['a', 'b;c', 'd'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('a;b', { delimiter: ',' })).toEqual([['a;b']]);
  });

  it.each([
    ['unclosed quote', 'a,"b\r\nc', 1],
    ['text after a closing quote', 'a\r\n"b"c,d', 2],
  ])('refuses %s with the line', (_, text, line) => {
    expect(() => parseCsv(text)).toThrow(CsvError);
    try {
      parseCsv(text);
    } catch (err) {
      expect((err as CsvError).line).toBe(line);
    }
  });
});

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and quotes what needs it', () => {
    const text = toCsv([
      ['Tên', 'Ghi chú'],
      ['Chi bộ xóm 1', 'a, "b"'],
      ['x', null],
      [3, true],
    ]);
    expect(text).toBe(`${BOM}Tên,Ghi chú\r\nChi bộ xóm 1,"a, ""b"""\r\nx,\r\n3,true\r\n`);
  });

  it('can leave the BOM out and use another separator', () => {
    expect(toCsv([['a;b', 'c']], { bom: false, delimiter: ';' })).toBe('"a;b";c\r\n');
  });

  it('writes for a Vietnamese-locale spreadsheet: `;` between fields, decimal comma, BOM kept', () => {
    const rows = [['Điểm, bình quân', 82.67, -0.5, 1234567, 4, null, '3.5']];
    expect(toCsv(rows, csvOptions('vi'))).toBe(
      `${BOM}Điểm, bình quân;82,67;-0,5;1234567;4;;3.5\r\n`,
    );
    // The default is unchanged: `,` and a decimal point.
    expect(toCsv(rows, csvOptions('en'))).toBe(toCsv(rows));
    expect(toCsv(rows)).toBe(`${BOM}"Điểm, bình quân",82.67,-0.5,1234567,4,,3.5\r\n`);
    expect(parseCsv(toCsv(rows, csvOptions('vi')), { delimiter: ';' })).toEqual([
      ['Điểm, bình quân', '82,67', '-0,5', '1234567', '4', '', '3.5'],
    ]);
  });

  it('refuses a decimal mark that is the separator', () => {
    expect(() => toCsv([[1.5]], { decimal: ',' })).toThrow(RangeError);
  });

  it.each([['plain'], ['with, comma'], ['with "quotes"'], ['two\nlines'], [' edge spaces '], ['']])(
    'round-trips %j',
    (value) => {
      expect(parseCsv(toCsv([[value, 'z']]))).toEqual([[value, 'z']]);
    },
  );

  it.each([
    ['=HYPERLINK("http://attacker.example","x")'],
    ["=cmd|'/c calc'!A0"],
    ['+SUM(1+1)'],
    ['-2+3'],
    ['@SUM(1+1)'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['\n=1+1'],
    ['   =1+1'],
    ['"=1+1'],
    ["'=1+1"],
    ['\u00a0=1'],
    ['＝1+1'],
    ['＠SUM(1)'],
  ])('neutralises the formula %j with a leading apostrophe (CSV and XLSX)', (value) => {
    expect(spreadsheetText(value)).toBe(`'${value}`);
    expect(parseCsv(toCsv([[value, 'z', 'y']], { bom: false }))).toEqual([[`'${value}`, 'z', 'y']]);
  });

  it('leaves other text, and numbers, alone', () => {
    for (const value of [
      'Chi bộ xóm 1',
      '125-QĐ/ĐU',
      'a=b',
      'x+1',
      'email@example.com',
      '',
      ' chi bộ ',
    ])
      expect(spreadsheetText(value)).toBe(value);
    expect(toCsv([[-2, 3.5, 0]], { bom: false })).toBe('-2,3.5,0\r\n');
    expect(spreadsheetValue(-2)).toBe(-2);
    expect(spreadsheetValue(null)).toBe(null);
    expect(spreadsheetValue('-2')).toBe("'-2");
  });

  it('csvField quotes only when needed', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(undefined)).toBe('');
  });
});

describe('helpers', () => {
  it('stripBom and detectDelimiter', () => {
    expect(stripBom(`${BOM}x`)).toBe('x');
    expect(stripBom('x')).toBe('x');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"a;b",c')).toBe(',');
    expect(detectDelimiter('abc')).toBe(',');
  });
});
