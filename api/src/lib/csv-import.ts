import {
  CsvError,
  readCsvTable,
  type CsvTableAliases,
  type CsvTableColumn,
  type CsvTableRow,
} from '@duhop/shared';
import { type ApiError, type FieldErrors, validationError } from './errors.ts';

/** The most data rows one import file may hold (the register's and the assignments'). */
export const MAX_IMPORT_ROWS = 5000;

/**
 * The data rows of an import CSV (`readCsvTable`), or a 422 for the whole file: `file` when it is
 * unreadable (the line says where), empty, without a data row or over `MAX_IMPORT_ROWS` rows;
 * `columns` with one message per missing column, the required ones first, then `moreMissing`'s
 * (columns the import needs one of).
 */
export function readImportRows<K extends string>(
  text: string,
  columns: readonly CsvTableColumn<K>[],
  aliases: CsvTableAliases<K>,
  moreMissing: (index: Record<K, number>) => string[] = () => [],
): CsvTableRow<K>[] {
  let table: ReturnType<typeof readCsvTable<K>>;
  try {
    table = readCsvTable(text, columns, aliases);
  } catch (err) {
    if (err instanceof CsvError) throw validationError({ file: [err.message] });
    throw err;
  }
  if (!table.header) throw validationError({ file: ['Tệp trống'] });
  const missing = [
    ...table.missing.map((col) => `Thiếu cột "${col.header}"`),
    ...moreMissing(table.index),
  ];
  if (missing.length) throw validationError({ columns: missing });
  if (table.rows.length === 0) throw validationError({ file: ['Tệp không có dòng dữ liệu nào'] });
  if (table.rows.length > MAX_IMPORT_ROWS)
    throw validationError({ file: [`Tối đa ${MAX_IMPORT_ROWS} dòng mỗi lần nhập`] });
  return table.rows;
}

/**
 * The 422 of an import whose rows have errors (`rows.<spreadsheet row>.<field>`): nothing is
 * stored, and the message counts the rows at fault.
 */
export function importRowsFailed(errors: FieldErrors): ApiError {
  const rows = new Set(Object.keys(errors).map((k) => k.split('.')[1]));
  return validationError(errors, `Không nhập dòng nào: ${rows.size} dòng có lỗi`);
}
