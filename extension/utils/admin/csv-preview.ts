import { CsvError, normalizeForSearch, parseCsv, toCsv, type ImportError } from '@duhop/shared';

/**
 * The preview of a CSV import: the file as the admin wrote it (its own header and order), with
 * the server's row errors (`{row, field}` from a dry run, or `rows.N.field` from a 422) placed on
 * the cell they concern. The server alone decides what is valid; this only lays its answer out.
 */

/** A column of an import file as the API documents it (OpenAPI `description` of the route). */
export interface CsvColumnSpec {
  key: string;
  /** The Vietnamese header written in the sample file. */
  header: string;
  /** Other headers the API accepts for the column (English names, short forms). */
  aliases: readonly string[];
}

export interface CsvSpec {
  columns: readonly CsvColumnSpec[];
  /** Rows of the downloadable sample, in the columns' order. */
  sample: readonly (readonly string[])[];
  fileName: string;
}

export const USER_CSV: CsvSpec = {
  columns: [
    { key: 'username', header: 'Tên đăng nhập', aliases: ['Tài khoản', 'username'] },
    { key: 'displayName', header: 'Họ và tên', aliases: ['Họ tên', 'displayName'] },
    { key: 'role', header: 'Vai trò', aliases: ['role'] },
    // Optional: every role of an account that holds several, separated by `|`.
    { key: 'roles', header: 'Các vai trò', aliases: ['Vai trò kiêm nhiệm', 'roles'] },
    { key: 'orgUnitId', header: 'Đơn vị', aliases: ['Mã đơn vị', 'orgUnitId'] },
    { key: 'password', header: 'Mật khẩu', aliases: ['Mật khẩu tạm', 'password'] },
  ],
  sample: [
    ['hn.lan', 'Nguyễn Thị Lan', 'Cấp ủy viên', '', 'hung-nguyen', 'doi-ngay-8ky'],
    ['hn.son', 'Trần Văn Sơn', 'Cán bộ', '', 'Đảng ủy xã Hưng Nguyên', 'tam-thoi-123'],
    [
      'hn.tam',
      'Ngô Văn Tâm',
      'Cấp ủy viên',
      'Cấp ủy viên|Cán bộ',
      'Đảng ủy xã Hưng Nguyên',
      'tam-thoi-456',
    ],
    ['bnc.minh', 'Lê Minh', 'Lãnh đạo', '', 'na-bnc', 'mat-khau-tam'],
  ],
  fileName: 'mau-tai-khoan.csv',
};

export const ORG_CSV: CsvSpec = {
  columns: [
    { key: 'id', header: 'Mã', aliases: ['Mã đơn vị', 'id'] },
    { key: 'name', header: 'Tên', aliases: ['Tên đơn vị', 'name'] },
    { key: 'kind', header: 'Loại', aliases: ['Loại đơn vị', 'kind'] },
    { key: 'parentId', header: 'Mã đơn vị cấp trên', aliases: ['Đơn vị cấp trên', 'parentId'] },
    { key: 'validFrom', header: 'Hiệu lực từ', aliases: ['Ngày hiệu lực', 'validFrom'] },
    { key: 'cellType', header: 'Loại chi bộ', aliases: ['cellType'] },
    { key: 'meetingDay', header: 'Ngày sinh hoạt', aliases: ['meetingDay'] },
  ],
  sample: [
    ['ht-tu', 'Tỉnh ủy Hà Tĩnh', 'Tỉnh ủy', '', '01/07/2025', '', ''],
    ['ht-bnc', 'Ban Nội chính Tỉnh ủy Hà Tĩnh', 'Ban', 'ht-tu', '01/07/2025', '', ''],
    ['ht-thien-loc', 'Đảng ủy xã Thiên Lộc', 'Đảng ủy xã', 'ht-tu', '01/07/2025', '', ''],
    [
      'ht-cb-phu-thuong',
      'Chi bộ thôn Phú Thượng',
      'Chi bộ',
      'ht-thien-loc',
      '01/07/2025',
      'Thôn',
      '5',
    ],
  ],
  fileName: 'mau-don-vi.csv',
};

/** The sample file: UTF-8 with a BOM and CRLF, as Excel saves "CSV UTF-8". */
export function sampleCsv(spec: CsvSpec): string {
  return toCsv([spec.columns.map((c) => c.header), ...spec.sample]);
}

const fold = (s: string) => normalizeForSearch(s.replace(/[*:]/g, ''));

/** The column key a header of the file stands for (matched like the API: case, accents and spaces ignored). */
export function columnKey(spec: CsvSpec, header: string): string | null {
  const h = fold(header);
  return (
    spec.columns.find((c) => [c.header, ...c.aliases].some((name) => fold(name) === h))?.key ?? null
  );
}

export interface FieldsSplit {
  rowErrors: ImportError[];
  /** Problems of the whole file: unreadable, not UTF-8, a missing column (reported on the header row). */
  fileErrors: string[];
}

/** A 422's `fields` as row errors (`rows.N.field`) and errors of the whole file (everything else). */
export function splitImportFields(
  fields: Readonly<Record<string, readonly string[]>>,
): FieldsSplit {
  const rowErrors: ImportError[] = [];
  const fileErrors: string[] = [];
  for (const [key, messages] of Object.entries(fields)) {
    const m = /^rows\.(\d+)\.(.+)$/.exec(key);
    const row = m ? Number(m[1]) : NaN;
    if (m && row > 1)
      for (const message of messages) rowErrors.push({ row, field: m[2]!, message });
    else fileErrors.push(...messages);
  }
  rowErrors.sort((a, b) => a.row - b.row);
  return { rowErrors, fileErrors };
}

export interface PreviewCell {
  value: string;
  errors: string[];
}
export interface PreviewRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  cells: PreviewCell[];
  /** Every error of the row, with the fields no column of the file shows. */
  errors: ImportError[];
}
export interface CsvPreview {
  header: { label: string; key: string | null }[];
  rows: PreviewRow[];
  fileErrors: string[];
  errorRows: number;
}

/** Lays a CSV text out as a table with each error on its cell (blank rows are skipped, as the API does). */
export function buildPreview(
  text: string,
  spec: CsvSpec,
  errors: readonly ImportError[] = [],
  fileErrors: readonly string[] = [],
): CsvPreview {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    return { header: [], rows: [], fileErrors: [...fileErrors, err.message], errorRows: 0 };
  }
  const [head = [], ...body] = records;
  const header = head.map((label) => ({ label: label.trim(), key: columnKey(spec, label) }));
  const rows: PreviewRow[] = [];
  body.forEach((record, i) => {
    if (record.every((f) => f.trim() === '')) return;
    const row = i + 2;
    const rowErrors = errors.filter((e) => e.row === row);
    const cells = header.map((h, c) => ({
      value: (record[c] ?? '').trim(),
      errors: h.key ? rowErrors.filter((e) => e.field === h.key).map((e) => e.message) : [],
    }));
    rows.push({ row, cells, errors: rowErrors });
  });
  return {
    header,
    rows,
    fileErrors: [...fileErrors],
    errorRows: new Set(errors.map((e) => e.row)).size,
  };
}

/**
 * A chosen file's bytes as text, only when they are UTF-8: a file saved in a legacy Vietnamese
 * code page would otherwise show as mojibake in the preview and be refused by the server anyway.
 */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
