import type { Context } from 'hono';
import {
  CsvError,
  normalizeForSearch,
  parseCsv,
  yearInRange,
  type ImportError,
} from '@duhop/shared';
import { ApiError, validationError, type FieldErrors } from '../../lib/errors.ts';

/** A column of an import file: its key in error paths and the headers (Vietnamese first) it may carry. */
export interface CsvColumn<K extends string = string> {
  key: K;
  headers: readonly string[];
  required?: boolean;
}

export interface CsvRow<K extends string> {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  values: Record<K, string>;
}

const CSV_TYPE = /^(text\/csv|application\/csv|text\/plain)\s*(;|$)/i;

/**
 * The body of a CSV upload as text. It must be sent as `text/csv` (415 otherwise) and be UTF-8
 * (a file saved in a legacy Vietnamese code page is refused with 422, not read as mojibake).
 */
export async function readCsvBody(c: Context): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(type)?.[1];
  if (!CSV_TYPE.test(type) || (charset && !/^utf-?8$/i.test(charset))) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Tệp nhập phải là CSV mã hóa UTF-8 (Content-Type: text/csv)',
    );
  }
  const bytes = await c.req.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw validationError({
      file: ['Tệp không phải UTF-8: trong Excel hãy lưu dưới dạng "CSV UTF-8 (Comma delimited)"'],
    });
  }
}

const fold = (s: string) => normalizeForSearch(s.replace(/[*:]/g, ''));

/**
 * Reads a CSV into rows keyed by column. Headers are matched without regard to case, diacritics
 * or extra spaces; unknown columns are ignored; blank rows are skipped. An unreadable file, a
 * missing required column or too many rows is a 422 for the whole file.
 */
export function csvTable<K extends string>(
  text: string,
  columns: readonly CsvColumn<K>[],
  maxRows = 20_000,
): CsvRow<K>[] {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw validationError({ file: [err.message] });
    throw err;
  }
  const [header, ...body] = records;
  if (!header || body.every(isBlank))
    throw validationError({ file: ['Tệp không có dòng dữ liệu nào'] });
  if (body.length > maxRows)
    throw validationError({ file: [`Tệp có quá nhiều dòng (tối đa ${maxRows})`] });
  const folded = header.map(fold);
  const index = new Map<K, number>();
  const fields: FieldErrors = {};
  for (const col of columns) {
    const names = col.headers.map(fold);
    const at = folded.findIndex((h) => names.includes(h));
    if (at >= 0) index.set(col.key, at);
    else if (col.required) fields[`rows.1.${col.key}`] = [`Thiếu cột "${col.headers[0]}"`];
  }
  if (Object.keys(fields).length) throw validationError(fields, 'Tệp thiếu cột bắt buộc');
  const rows: CsvRow<K>[] = [];
  body.forEach((record, i) => {
    if (isBlank(record)) return;
    const values = {} as Record<K, string>;
    for (const col of columns) {
      const at = index.get(col.key);
      values[col.key] = at === undefined ? '' : (record[at] ?? '').trim();
    }
    rows.push({ row: i + 2, values });
  });
  return rows;
}

const isBlank = (record: readonly string[]) => record.every((f) => f.trim() === '');

/** Row errors as the 422 of docs/api.md: `fields['rows.3.username']`, nothing stored. */
export function importFailed(errors: readonly ImportError[]): ApiError {
  const fields: FieldErrors = {};
  for (const e of errors) (fields[`rows.${e.row}.${e.field}`] ??= []).push(e.message);
  return validationError(
    fields,
    `Tệp có ${new Set(errors.map((e) => e.row)).size} dòng lỗi; chưa nhập dòng nào`,
  );
}

/** `YYYY-MM-DD`, or `DD/MM/YYYY` as Vietnamese spreadsheets write dates; null when not a real date. */
export function parseImportDate(s: string): string | null {
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : s;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso && yearInRange(iso)
    ? iso
    : null;
}

/** A label in a CSV cell matched to a code through a table of folded synonyms (codes match themselves). */
export function lookupLabel<T extends string>(
  value: string,
  table: Readonly<Record<T, readonly string[]>>,
): T | null {
  const v = fold(value);
  for (const [code, labels] of Object.entries(table) as [T, readonly string[]][]) {
    if (v === code.toLowerCase() || labels.some((l) => fold(l) === v)) return code;
  }
  return null;
}
