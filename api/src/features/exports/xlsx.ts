import ExcelJS from 'exceljs';
import { spreadsheetText, spreadsheetValue } from '@duhop/shared';
import { yieldToLoop, type ExportTable } from './tables.ts';

const CHUNK = 500;
const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDCE6F1' },
};
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Excel refuses these in sheet names, and names longer than 31 characters. */
const sheetName = (name: string, used: Set<string>) => {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet';
  let out = base;
  for (let i = 2; used.has(out.toLowerCase()); i++) out = `${base.slice(0, 28)} ${i}`;
  used.add(out.toLowerCase());
  return out;
};

/**
 * A workbook with one sheet per table: the title in row 1, the subject (body and month) in row 2,
 * bold shaded headers in row 3 (frozen, with filters), then the data with number formats and
 * column widths. Rows are added in chunks with a turn of the event loop in between; the API runs
 * it in a worker thread anyway (`renderFile`).
 */
export async function toXlsx(tables: readonly ExportTable[], subject: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'duhop';
  wb.created = new Date(0); // Reproducible files: the date is in the title, not in the metadata.
  const used = new Set<string>();
  for (const table of tables) {
    const ws = wb.addWorksheet(sheetName(table.sheet, used), {
      views: [{ state: 'frozen', ySplit: 3 }],
    });
    ws.columns = table.columns.map((c) => ({ width: c.width }));
    const title = ws.getRow(1);
    title.getCell(1).value = spreadsheetText(table.title);
    title.font = { bold: true, size: 13 };
    ws.getRow(2).getCell(1).value = spreadsheetText(subject);
    ws.getRow(2).font = { italic: true };
    const header = ws.getRow(3);
    table.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = spreadsheetText(c.header);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = THIN;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    });
    header.height = 32;
    if (table.rows.length === 0 && table.empty) {
      ws.getRow(4).getCell(1).value = spreadsheetText(table.empty);
      ws.getRow(4).font = { italic: true };
      continue;
    }
    ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: table.columns.length } };
    for (let start = 0; start < table.rows.length; start += CHUNK) {
      for (const [offset, values] of table.rows.slice(start, start + CHUNK).entries()) {
        const row = ws.getRow(4 + start + offset);
        values.forEach((v, i) => {
          const cell = row.getCell(i + 1);
          // Text that would start a formula gets a leading apostrophe; numbers stay numbers.
          cell.value = spreadsheetValue(v);
          cell.border = THIN;
          const kind = table.columns[i]?.kind;
          if (kind === 'int') cell.numFmt = '#,##0';
          else if (kind === 'decimal') cell.numFmt = '#,##0.00';
        });
      }
      if (start + CHUNK < table.rows.length) await yieldToLoop();
    }
  }
  await yieldToLoop();
  return Buffer.from(await wb.xlsx.writeBuffer());
}
