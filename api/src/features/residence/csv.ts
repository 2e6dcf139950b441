import {
  CsvError,
  normalizeForSearch,
  parseCsv,
  parseDayInput,
  RESIDENCE_CSV_COLUMNS,
  RESIDENCE_STATUS_LABELS,
  type ResidenceStatus,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import { validationError, type FieldErrors } from '../../lib/errors.ts';
import { MAX_IMPORT_ROWS } from '../assignments/csv.ts';
import {
  checkMemberDrafts,
  currentYear,
  insertMembers,
  loadMembers,
  type MemberDraft,
} from './members.ts';

type Key = (typeof RESIDENCE_CSV_COLUMNS)[number]['key'];
const fold = (s: string) => normalizeForSearch(s).replace(/[^a-z0-9]/g, '');

/** Header spellings accepted for each column: Vietnamese (with or without diacritics) or the English key. */
const ALIASES: Record<Key, string[]> = {
  fullName: ['Họ và tên', 'Họ tên', 'fullName'],
  birthYear: ['Năm sinh', 'birthYear'],
  cellId: ['Mã chi bộ', 'cellId'],
  workplaceUnitId: ['Mã đơn vị công tác', 'workplaceUnitId', 'Mã nơi công tác'],
  workplaceName: ['Nơi công tác', 'workplaceName', 'Cơ quan công tác', 'Đơn vị công tác'],
  introducedOn: ['Ngày giới thiệu', 'introducedOn'],
  receivedOn: ['Ngày tiếp nhận', 'receivedOn'],
  status: ['Trạng thái', 'status'],
  statusOn: ['Ngày thay đổi', 'statusOn', 'Ngày thay đổi trạng thái'],
  note: ['Ghi chú', 'note'],
};

/** A status in the CSV: the code or the Vietnamese label (folded like the headers). */
const STATUSES: Record<string, ResidenceStatus> = Object.fromEntries(
  (Object.keys(RESIDENCE_STATUS_LABELS) as ResidenceStatus[]).flatMap((s) => [
    [fold(s), s],
    [fold(RESIDENCE_STATUS_LABELS[s]), s],
  ]),
);

const badDate = (text: string) => `Ngày "${text}" không hợp lệ (dùng dd/mm/yyyy hoặc yyyy-mm-dd)`;

/**
 * Reads a register CSV into drafts, as the assignments' import does: spreadsheet row numbers in
 * errors (`rows.3.introducedOn`, the header being row 1), blank lines skipped, 422 for an
 * unreadable file or a missing column.
 */
export function readResidenceCsv(text: string): {
  drafts: { row: number; draft: MemberDraft }[];
  errors: FieldErrors;
} {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw validationError({ file: [err.message] });
    throw err;
  }
  const [header, ...body] = table;
  if (!header) throw validationError({ file: ['Tệp trống'] });
  const folded = header.map(fold);
  const index = {} as Record<Key, number>;
  const missing: string[] = [];
  for (const col of RESIDENCE_CSV_COLUMNS) {
    const names = ALIASES[col.key].map(fold);
    index[col.key] = folded.findIndex((h) => names.includes(h));
    if (index[col.key] < 0 && col.required) missing.push(`Thiếu cột "${col.header}"`);
  }
  if (index.workplaceUnitId < 0 && index.workplaceName < 0)
    missing.push('Thiếu cột "Nơi công tác" (hoặc "Mã đơn vị công tác")');
  if (missing.length) throw validationError({ columns: missing });

  const errors: FieldErrors = {};
  const drafts: { row: number; draft: MemberDraft }[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => !c.trim())) return;
    const get = (k: Key) => (index[k] >= 0 ? (cells[index[k]] ?? '').trim() : '');
    const add = (k: Key, m: string) => (errors[`rows.${row}.${k}`] ??= []).push(m);
    const date = (k: Key, required: string | null) => {
      const text = get(k);
      if (!text) {
        if (required) add(k, required);
        return null;
      }
      const iso = parseDayInput(text);
      if (!iso) add(k, badDate(text));
      return iso;
    };
    const fullName = get('fullName');
    if (!fullName) add('fullName', 'Thiếu họ và tên');
    else if (fullName.length > 120) add('fullName', 'Tối đa 120 ký tự');
    const cellId = get('cellId');
    if (!cellId) add('cellId', 'Thiếu mã chi bộ');
    let birthYear: number | null = null;
    const by = get('birthYear');
    if (by) {
      if (!/^\d{4}$/.test(by) || Number(by) < 1920 || Number(by) > 2010)
        add('birthYear', `Năm sinh "${by}" không hợp lệ (1920 đến 2010)`);
      else birthYear = Number(by);
    }
    const statusText = get('status');
    const status = statusText ? STATUSES[fold(statusText)] : 'active';
    if (!status)
      add(
        'status',
        `Trạng thái "${statusText}" không hợp lệ (${Object.values(RESIDENCE_STATUS_LABELS).join(', ')})`,
      );
    const note = get('note');
    if (note.length > 1000) add('note', 'Tối đa 1000 ký tự');
    const workplaceName = get('workplaceName');
    if (workplaceName.length > 200) add('workplaceName', 'Tối đa 200 ký tự');
    drafts.push({
      row,
      draft: {
        cellId,
        fullName,
        birthYear,
        workplaceUnitId: get('workplaceUnitId') || null,
        workplaceName: workplaceName || null,
        introducedOn: date('introducedOn', 'Thiếu ngày giới thiệu') ?? '',
        receivedOn: date('receivedOn', null),
        status: status ?? 'active',
        statusOn: date('statusOn', null),
        note: note || null,
      },
    });
  });
  if (drafts.length === 0) throw validationError({ file: ['Tệp không có dòng dữ liệu nào'] });
  if (drafts.length > MAX_IMPORT_ROWS)
    throw validationError({ file: [`Tối đa ${MAX_IMPORT_ROWS} dòng mỗi lần nhập`] });
  return { drafts, errors };
}

/**
 * Imports a register CSV, all rows or none: errors of any row are one 422 with fields
 * `rows.<spreadsheet row>.<field>`. A dry run checks every row the same way and stores nothing.
 */
export async function importMembers(deps: Deps, keeper: AuthUser, text: string, dryRun: boolean) {
  const { drafts, errors } = readResidenceCsv(text);
  const checked = await checkMemberDrafts(
    deps.db,
    keeper,
    drafts.map((d) => d.draft),
  );
  checked.forEach((e, i) => {
    for (const [field, messages] of Object.entries(e)) {
      const key = `rows.${drafts[i]!.row}.${field}`;
      // A date the reader already refused is not reported twice.
      if (!errors[key]) errors[key] = [...messages];
    }
  });
  if (Object.keys(errors).length)
    throw validationError(
      errors,
      `Không nhập dòng nào: ${new Set(Object.keys(errors).map((k) => k.split('.')[1])).size} dòng có lỗi`,
    );
  if (dryRun) return { imported: 0, items: [], dryRun: true, valid: drafts.length };
  const ids = await insertMembers(
    deps,
    keeper,
    drafts.map((d) => d.draft),
    'residence_member.import',
  );
  return {
    imported: ids.length,
    items: await loadMembers(deps.db, { ids }, currentYear(deps.now())),
  };
}
