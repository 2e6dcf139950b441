/**
 * A small RFC 4180 CSV reader and writer: quoted fields with commas, quotes ("" inside quotes)
 * and line breaks; CRLF, LF or CR line ends; an optional UTF-8 byte order mark. Spreadsheet
 * programs in Vietnam save "CSV UTF-8" with a BOM and CRLF, and some locales use `;`.
 */

import { normalizeForSearch } from './text.ts';

/** The UTF-8 byte order mark as a character: spreadsheet programs need it to read UTF-8 CSV. */
export const BOM = '\uFEFF';

/** A CSV that cannot be read: an unclosed quote or text right after a closing quote. */
export class CsvError extends Error {
  /** 1-based line of the file where the problem was found. */
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface ParseCsvOptions {
  /** Field separator; default: guessed from the first line among `,` `;` and tab (`,` when none). */
  delimiter?: string;
}

/** Drops a leading byte order mark, if any. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The separator a file most likely uses: the most frequent of `,` `;` and tab outside quotes on its first line. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of stripBom(text)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * Rows of a CSV text, each an array of fields (strings, never trimmed). A BOM is ignored; a final
 * line end does not make an empty row; an empty line in the middle is a row with one empty field.
 * Throws `CsvError` on an unclosed quote or characters after a closing quote.
 * @example parseCsv('a,"b ""c"""\r\n1,2') // [['a', 'b "c"'], ['1', '2']]
 */
export function parseCsv(text: string, opts: ParseCsvOptions = {}): string[][] {
  const src = stripBom(text);
  const delim = opts.delimiter ?? detectDelimiter(src);
  if (delim.length !== 1 || delim === '"' || delim === '\n' || delim === '\r')
    throw new RangeError('parseCsv: bad delimiter');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const n = src.length;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < n) {
    const ch = src[i]!;
    if (ch === '"' && field === '') {
      // A quoted field: read to the closing quote.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n)
          throw new CsvError(`Dấu ngoặc kép mở ở dòng ${startLine} chưa được đóng`, startLine);
        const c = src[i]!;
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      const next = src[i];
      if (next !== undefined && next !== delim && next !== '\n' && next !== '\r') {
        throw new CsvError(`Dòng ${line}: có ký tự sau dấu ngoặc kép đóng`, line);
      }
      // The field may be empty after quotes (""); mark it so that a delimiter closes it.
      if (next === undefined) {
        endRow();
        return rows;
      }
      if (next === delim) {
        row.push(field);
        field = '';
        i++;
        if (i >= n) endRow();
        continue;
      }
      continue;
    }
    if (ch === delim) {
      row.push(field);
      field = '';
      i++;
      if (i >= n) endRow();
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    i++;
    if (i >= n) endRow();
  }
  return rows;
}

/** A column of an import table: its key (also accepted as a header), its header and whether it must be there. */
export interface CsvTableColumn<K extends string = string> {
  readonly key: K;
  /** The header as the template writes it (Vietnamese); named in "missing column" messages. */
  readonly header: string;
  readonly required?: boolean;
}

/** Other spellings of a column's header, besides its `header` and its `key`. */
export type CsvTableAliases<K extends string> = Partial<Record<K, readonly string[]>>;

export interface CsvTableRow<K extends string> {
  /** The row as a spreadsheet numbers it: the header is row 1 (blank rows keep their numbers). */
  row: number;
  /** Every column's cell, trimmed: `''` when the column is not in the file or the row is short. */
  values: Record<K, string>;
}

export interface CsvTable<K extends string> {
  /** The header row as written, or null when the file has no line at all. */
  header: readonly string[] | null;
  /** Where each column stands in the header (0-based), or -1 when the file lacks it. */
  index: Record<K, number>;
  /** The required columns the header lacks, in the order of `columns`. */
  missing: CsvTableColumn<K>[];
  /** Header cells that no column claims (they are ignored), as written. */
  unknown: string[];
  /** The rows that hold anything but white space, in file order. */
  rows: CsvTableRow<K>[];
}

/**
 * A header or a label as import tables compare them: without case, diacritics, spaces or
 * punctuation, so that "Họ và tên", "HO VA TEN" and "ho-va-ten" are one.
 */
export function foldCsvLabel(s: string): string {
  return normalizeForSearch(s).replace(/[^a-z0-9]/g, '');
}

/**
 * An import CSV read into rows keyed by column (see `parseCsv` for the format: BOM, `,` or `;`,
 * quotes). A header matches a column when it folds (`foldCsvLabel`) to the column's header, its
 * key or one of its aliases; the first such header counts. Unknown columns are ignored and listed,
 * blank rows skipped (the others keep their spreadsheet row numbers for error messages). Throws
 * `CsvError` (with its line) on an unreadable file; what is missing is for the caller to judge.
 * @example readCsvTable('Họ tên;Ghi chú\r\nAn;x', [{ key: 'name', header: 'Họ và tên', required: true }], { name: ['Họ tên'] })
 * // rows: [{ row: 2, values: { name: 'An' } }], unknown: ['Ghi chú']
 */
export function readCsvTable<K extends string>(
  text: string,
  columns: readonly CsvTableColumn<K>[],
  aliases: CsvTableAliases<K> = {},
): CsvTable<K> {
  const [header, ...body] = parseCsv(text);
  const folded = (header ?? []).map(foldCsvLabel);
  const index = {} as Record<K, number>;
  const missing: CsvTableColumn<K>[] = [];
  for (const col of columns) {
    const names = [col.header, col.key, ...(aliases[col.key] ?? [])].map(foldCsvLabel);
    index[col.key] = folded.findIndex((h) => names.includes(h));
    if (index[col.key] < 0 && col.required) missing.push(col);
  }
  const claimed = new Set(Object.values<number>(index));
  const unknown = (header ?? []).filter((h, i) => !claimed.has(i) && h.trim() !== '');
  const rows: CsvTableRow<K>[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => !c.trim())) return;
    const values = {} as Record<K, string>;
    for (const col of columns) {
      const at = index[col.key];
      values[col.key] = at >= 0 ? (cells[at] ?? '').trim() : '';
    }
    rows.push({ row: i + 2, values });
  });
  return { header: header ?? null, index, missing, unknown, rows };
}

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Characters that make a spreadsheet (Excel, LibreOffice Calc, Google Sheets) read a cell as a
 * formula or a DDE call when they start it: = + - @ (and their full-width forms, which some
 * spreadsheets fold), possibly after spaces or quotes; and a cell starting with tab, CR, LF or NUL.
 */
const FORMULA_START = /^(?:[\t\r\n\0]|[\s\u00a0\u3000"']*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/**
 * Text for a spreadsheet cell that no spreadsheet will run as a formula (OWASP "CSV Injection",
 * ASVS 1.2.10): text starting as a formula gets a leading apostrophe, which spreadsheets take as
 * "this is text". Every CSV and XLSX writer passes its text cells through here (`toCsv` does it
 * for every string); numbers are not text and stay numbers.
 */
export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell value made safe for a spreadsheet: strings through `spreadsheetText`, the rest as is. */
export function spreadsheetValue<T>(value: T): T | string {
  return typeof value === 'string' ? spreadsheetText(value) : value;
}

/**
 * One field, quoted when it holds the delimiter, a quote, a line break or edge spaces. Strings
 * that a spreadsheet would run as a formula are neutralised (`spreadsheetText`); numbers are
 * written with `decimal` as the decimal mark, never with a thousands separator.
 */
export function csvField(value: CsvValue, delimiter = ',', decimal = '.'): string {
  if (value == null) return '';
  const s =
    typeof value === 'string'
      ? spreadsheetText(value)
      : typeof value === 'number' && decimal !== '.'
        ? String(value).replace('.', decimal)
        : String(value);
  return s.includes(delimiter) || /["\r\n]/.test(s) || /^\s|\s$/.test(s)
    ? `"${s.replace(/"/g, '""')}"`
    : s;
}

export interface ToCsvOptions {
  /** Start with a UTF-8 BOM (default true: what spreadsheet programs need to show Vietnamese). */
  bom?: boolean;
  delimiter?: string;
  /** Decimal mark of numbers: `.` (default) or `,` for a spreadsheet in a Vietnamese locale. */
  decimal?: '.' | ',';
}

/**
 * The separator and decimal mark of a CSV for the spreadsheet locale it is written for: `en` (the
 * default: `,` between fields, a decimal point) or `vi` (`;` between fields and a decimal comma:
 * what Excel and LibreOffice set to Vietnamese read as columns and numbers). Both keep the BOM.
 */
export function csvOptions(locale: 'en' | 'vi' = 'en'): ToCsvOptions {
  return locale === 'vi' ? { delimiter: ';', decimal: ',' } : { delimiter: ',', decimal: '.' };
}

/**
 * CSV text of rows, lines ended with CRLF (RFC 4180), with a BOM unless `bom: false`.
 * `null`/`undefined` become empty fields.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[], opts: ToCsvOptions = {}): string {
  const d = opts.delimiter ?? ',';
  const dec = opts.decimal ?? '.';
  if (dec === d) throw new RangeError('toCsv: the decimal mark cannot be the delimiter');
  const body = rows.map((r) => r.map((v) => csvField(v, d, dec)).join(d)).join('\r\n');
  return `${opts.bom === false ? '' : BOM}${body}${rows.length ? '\r\n' : ''}`;
}
