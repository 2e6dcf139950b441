import {
  ASSIGNMENT_CSV_COLUMNS,
  FREQUENCY_LABELS,
  foldCsvLabel,
  parseDayInput,
  toCsv,
  type AssignmentFrequency,
  type AssignmentRecord,
} from '@duhop/shared';
import type { Context } from 'hono';
import { readImportRows } from '../../lib/csv-import.ts';
import { ApiError, validationError, type FieldErrors } from '../../lib/errors.ts';
import type { AssignmentDraft } from './assignments.ts';

type Key = (typeof ASSIGNMENT_CSV_COLUMNS)[number]['key'];

/**
 * Header spellings accepted for a column besides its Vietnamese header and its English key (all
 * with or without diacritics).
 */
const ALIASES: Partial<Record<Key, string[]>> = {
  username: ['Tài khoản'],
  decisionNo: ['Quyết định'],
  validFrom: ['Ngày bắt đầu'],
  validTo: ['Ngày kết thúc'],
  every: ['Cách mấy tháng'],
  rotaPosition: ['Thứ tự'],
};

/** Spellings of a frequency in the CSV (folded like the headers): the code or the Vietnamese label. */
const FREQUENCIES: Record<string, AssignmentFrequency> = Object.fromEntries(
  (Object.keys(FREQUENCY_LABELS) as AssignmentFrequency[]).flatMap((f) => [
    [foldCsvLabel(f), f],
    [foldCsvLabel(FREQUENCY_LABELS[f]), f],
  ]),
);
Object.assign(FREQUENCIES, {
  [foldCsvLabel('Hàng tháng')]: 'monthly',
  [foldCsvLabel('Định kỳ')]: 'every_n',
  [foldCsvLabel('Cách tháng')]: 'every_n',
});

/** A whole number in `[min, max]` from a cell, or an error message. */
function wholeNumber(text: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(text)) return `"${text}" không phải số nguyên`;
  const n = Number(text);
  return n < min || n > max ? `Phải từ ${min} đến ${max}` : n;
}

const CSV_TYPES =
  /^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel|application\/octet-stream)\b/i;

/**
 * The text of an assignment import: a CSV body, or the file of a multipart form (as a browser's
 * file input sends it). Anything else is 415; a broken form or a file that is not UTF-8, 400/422.
 */
export async function readAssignmentUpload(c: Context): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  let bytes: ArrayBuffer;
  if (/^multipart\/form-data\b/i.test(type)) {
    // A broken multipart body (bad boundary, truncated) is the client's error, not a 500.
    const form = await c.req.parseBody().catch(() => {
      throw new ApiError(400, 'MALFORMED_BODY', 'Biểu mẫu multipart/form-data không đọc được');
    });
    const file = Object.values(form).find(
      (v): v is File => typeof v === 'object' && v !== null && 'arrayBuffer' in v,
    );
    if (!file) throw validationError({ file: ['Chọn tệp CSV để nhập'] });
    bytes = await file.arrayBuffer();
  } else if (CSV_TYPES.test(type)) bytes = await c.req.arrayBuffer();
  else
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Gửi tệp CSV (Content-Type: text/csv) hoặc biểu mẫu multipart/form-data',
    );
  return decodeUtf8(bytes);
}

/** Decodes an uploaded file as UTF-8 (BOM allowed); anything else is a 422 saying how to save it. */
function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw validationError({
      file: ['Tệp không phải văn bản UTF-8: hãy lưu ở dạng "CSV UTF-8 (Comma delimited)"'],
    });
  }
}

/**
 * Reads an assignment CSV into drafts. Row numbers in errors are those a spreadsheet shows (the
 * header is row 1), so `rows.3.cellId` is the cell code on the spreadsheet's third row. Blank
 * lines are skipped. Throws 422 for an unreadable file or missing columns.
 */
export function readAssignmentCsv(text: string): {
  drafts: { row: number; draft: AssignmentDraft }[];
  errors: FieldErrors;
} {
  const rows = readImportRows(text, ASSIGNMENT_CSV_COLUMNS, ALIASES);
  const errors: FieldErrors = {};
  const drafts: { row: number; draft: AssignmentDraft }[] = rows.map(({ row, values }) => {
    const get = (k: Key) => values[k];
    const add = (k: Key, m: string) => (errors[`rows.${row}.${k}`] ??= []).push(m);
    const username = get('username');
    const cellId = get('cellId');
    const decisionNo = get('decisionNo');
    const from = parseDayInput(get('validFrom'));
    const toText = get('validTo');
    const to = toText ? parseDayInput(toText) : null;
    if (!username) add('username', 'Thiếu tên đăng nhập');
    if (!cellId) add('cellId', 'Thiếu mã chi bộ');
    if (!decisionNo) add('decisionNo', 'Thiếu số quyết định');
    else if (decisionNo.length > 100) add('decisionNo', 'Tối đa 100 ký tự');
    if (!from)
      add(
        'validFrom',
        get('validFrom')
          ? `Ngày "${get('validFrom')}" không hợp lệ (dùng dd/mm/yyyy hoặc yyyy-mm-dd)`
          : 'Thiếu ngày bắt đầu',
      );
    if (toText && !to)
      add('validTo', `Ngày "${toText}" không hợp lệ (dùng dd/mm/yyyy hoặc yyyy-mm-dd)`);
    // Frequency: optional columns, so files written before them stay valid (monthly).
    const freqText = get('frequency');
    const everyText = get('every');
    const posText = get('rotaPosition');
    let frequency: AssignmentFrequency | undefined = freqText
      ? FREQUENCIES[foldCsvLabel(freqText)]
      : everyText
        ? 'every_n'
        : posText
          ? 'rota'
          : 'monthly';
    if (!frequency) {
      add(
        'frequency',
        `Tần suất "${freqText}" không hợp lệ (${Object.values(FREQUENCY_LABELS).join(', ')})`,
      );
      frequency = 'monthly';
    }
    let every: number | null = null;
    let rotaPosition: number | null = null;
    if (frequency === 'every_n') {
      const n = everyText
        ? wholeNumber(everyText, 2, 12)
        : 'Nhập số tháng giữa hai lần dự (2 đến 12)';
      if (typeof n === 'string') add('every', n);
      else every = n;
    }
    if (frequency === 'rota') {
      const n = posText
        ? wholeNumber(posText, 1, 99)
        : 'Nhập thứ tự trong lượt luân phiên (1, 2, 3…)';
      if (typeof n === 'string') add('rotaPosition', n);
      else rotaPosition = n;
    }
    return {
      row,
      draft: {
        username,
        cellId,
        decisionNo,
        validFrom: from ?? '',
        validTo: to,
        frequency,
        every,
        rotaPosition,
      },
    };
  });
  return { drafts, errors };
}

/** Assignments as CSV (UTF-8 with BOM), with the import's headers plus names for the reader. */
export function assignmentsCsv(items: readonly AssignmentRecord[]): string {
  return toCsv([
    [
      'Tên đăng nhập',
      'Họ và tên',
      'Mã chi bộ',
      'Tên chi bộ',
      'Số quyết định',
      'Từ ngày',
      'Đến ngày',
      'Tần suất',
      'Số tháng',
      'Thứ tự luân phiên',
    ],
    ...items.map((a) => [
      a.username,
      a.displayName,
      a.cellId,
      a.cellName,
      a.decisionNo,
      a.validFrom,
      a.validTo,
      FREQUENCY_LABELS[a.frequency],
      a.every,
      a.rotaPosition,
    ]),
  ]);
}
