import {
  foldCsvLabel,
  parseDayInput,
  RESIDENCE_CSV_COLUMNS,
  RESIDENCE_STATUS_LABELS,
  type ResidenceStatus,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import { importRowsFailed, readImportRows } from '../../lib/csv-import.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import {
  checkMemberDrafts,
  currentYear,
  insertMembers,
  loadMembers,
  type MemberDraft,
} from './members.ts';

type Key = (typeof RESIDENCE_CSV_COLUMNS)[number]['key'];
/**
 * Header spellings accepted for a column besides its Vietnamese header and its English key (all
 * with or without diacritics).
 */
const ALIASES: Partial<Record<Key, string[]>> = {
  fullName: ['Họ tên'],
  workplaceUnitId: ['Mã nơi công tác'],
  workplaceName: ['Cơ quan công tác', 'Đơn vị công tác'],
  statusOn: ['Ngày thay đổi trạng thái'],
};

/** A status in the CSV: the code or the Vietnamese label (folded like the headers). */
const STATUSES: Record<string, ResidenceStatus> = Object.fromEntries(
  (Object.keys(RESIDENCE_STATUS_LABELS) as ResidenceStatus[]).flatMap((s) => [
    [foldCsvLabel(s), s],
    [foldCsvLabel(RESIDENCE_STATUS_LABELS[s]), s],
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
  const rows = readImportRows(text, RESIDENCE_CSV_COLUMNS, ALIASES, (index) =>
    index.workplaceUnitId < 0 && index.workplaceName < 0
      ? ['Thiếu cột "Nơi công tác" (hoặc "Mã đơn vị công tác")']
      : [],
  );
  const errors: FieldErrors = {};
  const drafts: { row: number; draft: MemberDraft }[] = rows.map(({ row, values }) => {
    const get = (k: Key) => values[k];
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
    const status = statusText ? STATUSES[foldCsvLabel(statusText)] : 'active';
    if (!status)
      add(
        'status',
        `Trạng thái "${statusText}" không hợp lệ (${Object.values(RESIDENCE_STATUS_LABELS).join(', ')})`,
      );
    const note = get('note');
    if (note.length > 1000) add('note', 'Tối đa 1000 ký tự');
    const workplaceName = get('workplaceName');
    if (workplaceName.length > 200) add('workplaceName', 'Tối đa 200 ký tự');
    return {
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
    };
  });
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
  if (Object.keys(errors).length) throw importRowsFailed(errors);
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
