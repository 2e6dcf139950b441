import ExcelJS from 'exceljs';
import { spreadsheetText, spreadsheetValue } from '@duhop/shared';
import { cellType, columnType, yieldToLoop, type Cell, type ExportTable } from './tables.ts';

const CHUNK = 500;
const FONT = 'Times New Roman';
/** Excel's paper size code for A4 (ECMA-376 §18.18.43 ST_PaperSize). */
const A4 = 9;
/**
 * Total column width (in characters) above which a sheet is printed landscape: about what A4
 * portrait holds at 100 % between the margins below. Wider sheets are scaled to one page wide.
 */
const PORTRAIT_MAX = 100;
const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDCE6F1' },
};
const TOTAL_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFF2F2F2' },
};
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
/** Number formats; the decimal and thousands marks come from the spreadsheet's locale. */
const NUM_FMT = {
  count: '#,##0',
  rate: '0.0%',
  date: 'dd/mm/yyyy',
  decimal: '#,##0.0#',
} as const;

const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
  name: FONT,
  size: 12,
  ...extra,
});

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

/** A date cell from `dd/mm/yyyy` or `yyyy-mm-dd` (midnight UTC: Excel dates have no zone); else null. */
export function dateCell(v: Cell): Date | null {
  if (typeof v !== 'string') return null;
  const vn = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v.trim());
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim());
  const [y, m, d] = vn ? [vn[3], vn[2], vn[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 ? date : null;
}

/** The value and number format of one data cell, by its type. */
function cellContent(
  v: Cell,
  type: ReturnType<typeof columnType>,
): { value: ExcelJS.CellValue; numFmt?: string } {
  if (v == null || v === '') return { value: null };
  if (type === 'date') {
    const date = dateCell(v);
    return date ? { value: date, numFmt: NUM_FMT.date } : { value: spreadsheetValue(v) };
  }
  if (typeof v !== 'number') return { value: spreadsheetValue(v) };
  // 33.3 % is 0.333 (not 0.33299999999999996): the percent's digits, two places on.
  if (type === 'rate') return { value: Number((v / 100).toPrecision(12)), numFmt: NUM_FMT.rate };
  if (type === 'count' || Number.isInteger(v)) return { value: v, numFmt: NUM_FMT.count };
  return { value: v, numFmt: NUM_FMT.decimal };
}

/** Characters a value takes once formatted (an estimate for column widths and row heights). */
function shownLength(v: Cell, type: ReturnType<typeof columnType>): number {
  if (v == null) return 0;
  if (typeof v === 'string') return type === 'date' && dateCell(v) ? 10 : v.length;
  if (type === 'rate') return `${v.toFixed(1)}%`.length;
  const digits = Math.trunc(Math.abs(v)).toString().length;
  return digits + Math.floor((digits - 1) / 3) + (Number.isInteger(v) ? 0 : 3) + (v < 0 ? 1 : 0);
}

const longestWord = (s: string) => Math.max(0, ...s.split(/\s+/).map((w) => w.length));

/** Column width units one character of the 14 pt bold title takes, roughly. */
const TITLE_CHARS = 1.3;
/** Characters of 12 pt Times New Roman a column of width 1 holds (width units are Calibri's), roughly. */
const TEXT_CHARS = 1.1;

/** Lines a text takes when wrapped in a column `width` wide (word wrap, roughly). */
function wrappedLines(text: string, columnWidth: number): number {
  const width = Math.max(1, Math.floor(columnWidth * TEXT_CHARS));
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (used && used + 1 + word.length > width) {
      lines++;
      used = word.length;
    } else used += (used ? 1 : 0) + word.length;
  }
  return lines;
}

/**
 * Column widths from the content: text columns as wide as their longest value, at most the width
 * the table gives (longer texts wrap); figures and dates as wide as their longest value; every
 * column at least as wide as the longest word of its header (headers wrap between words).
 */
function columnWidths(table: ExportTable, subject: string): number[] {
  const widths = table.columns.map((c, i) => {
    const type = columnType(c);
    let content = 0;
    for (const [r, row] of table.rows.entries())
      content = Math.max(content, shownLength(row[i] ?? null, cellType(table, r, i)));
    if (table.totals) content = Math.max(content, shownLength(table.totals[i] ?? null, type));
    const header = longestWord(c.header) + 2;
    if (type === 'text') return Math.max(header, 8, Math.min(c.width, content + 2));
    // A figure's header on two lines at most where its words allow.
    const twoLines = Math.ceil(c.header.length / 2) + 2;
    return Math.max(header, twoLines, type === 'date' ? 12 : 8, content + 3);
  });
  // A narrow table is widened (its first text column) so that its title and subject hold on one
  // line each, within a portrait page.
  const need = Math.min(
    Math.ceil(Math.max(table.title.length * TITLE_CHARS, subject.length / TEXT_CHARS) + 2),
    PORTRAIT_MAX - 10,
  );
  const sum = widths.reduce((s, w) => s + w, 0);
  const grow = Math.max(
    0,
    table.columns.findIndex((c) => columnType(c) === 'text'),
  );
  if (sum < need && widths.length) widths[grow]! += need - sum;
  return widths;
}

/**
 * A workbook with one sheet per table, made to be printed and filed: the title in row 1, the
 * subject (body, period, "Xuất lúc dd/mm/yyyy HH:mm") in row 2, bold bordered headers in row 3
 * (frozen, filtered and repeated on every printed page), then the data and, where a sum means
 * something, a totals row. Counts are whole numbers, rates percentages, dates real date cells
 * shown dd/mm/yyyy; Times New Roman throughout; A4, portrait or landscape by width, scaled to one
 * page wide. Rows are added in chunks with a turn of the event loop in between; the API runs it
 * in a worker thread anyway (`renderFile`).
 */
export async function toXlsx(tables: readonly ExportTable[], subject: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'duhop';
  wb.created = new Date(0); // Reproducible files: the date is in the title, not in the metadata.
  const used = new Set<string>();
  for (const table of tables) {
    const ncol = Math.max(1, table.columns.length);
    const widths = columnWidths(table, subject);
    const totalWidth = widths.reduce((s, w) => s + w, 0);
    const ws = wb.addWorksheet(sheetName(table.sheet, used), {
      views: [{ state: 'frozen', ySplit: 3 }],
      pageSetup: {
        paperSize: A4,
        orientation: totalWidth > PORTRAIT_MAX ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: `&C&"${FONT},Regular"&10Trang &P/&N` },
    });
    ws.columns = widths.map((width) => ({ width, style: { font: font() } }));

    // Title and subject across the table's width, wrapped when longer.
    const banner = (row: number, text: string, f: Partial<ExcelJS.Font>, lineHeight: number) => {
      const cell = ws.getCell(row, 1);
      cell.value = spreadsheetText(text);
      cell.font = font(f);
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      if (ncol > 1) ws.mergeCells(row, 1, row, ncol);
      const chars = f.size === 14 ? totalWidth / TITLE_CHARS : totalWidth;
      ws.getRow(row).height = wrappedLines(text, chars) * lineHeight + 4;
    };
    banner(1, table.title, { bold: true, size: 14 }, 19);
    banner(2, subject, { italic: true, size: 12 }, 16);

    const header = ws.getRow(3);
    table.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = spreadsheetText(c.header);
      cell.font = font({ bold: true });
      cell.fill = HEADER_FILL;
      cell.border = THIN;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    });
    header.height =
      Math.max(...table.columns.map((c, i) => wrappedLines(c.header, widths[i]! - 1))) * 16 + 4;
    ws.pageSetup.printTitlesRow = '3:3';

    let last = 3;
    if (table.rows.length === 0 && table.empty) {
      last = 4;
      const cell = ws.getCell(4, 1);
      cell.value = spreadsheetText(table.empty);
      cell.font = font({ italic: true });
      if (ncol > 1) ws.mergeCells(4, 1, 4, ncol);
    } else {
      ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: ncol } };
      const writeRow = (rowNo: number, values: readonly Cell[], typeOf: (i: number) => string) => {
        const row = ws.getRow(rowNo);
        let lines = 1;
        values.forEach((v, i) => {
          const cell = row.getCell(i + 1);
          const type = typeOf(i) as ReturnType<typeof columnType>;
          // Text that would start a formula gets a leading apostrophe; numbers stay numbers.
          const { value, numFmt } = cellContent(v, type);
          cell.value = value;
          if (numFmt) cell.numFmt = numFmt;
          cell.font = font();
          cell.border = THIN;
          const text = typeof value === 'string';
          cell.alignment = {
            vertical: 'middle',
            horizontal: type === 'date' ? 'center' : text ? 'left' : 'right',
            wrapText: text,
          };
          if (text) lines = Math.max(lines, wrappedLines(value, widths[i]! - 1));
        });
        if (lines > 1) row.height = lines * 16 + 2;
        return row;
      };
      for (let start = 0; start < table.rows.length; start += CHUNK) {
        for (const [offset, values] of table.rows.slice(start, start + CHUNK).entries()) {
          const r = start + offset;
          writeRow(4 + r, values, (i) => cellType(table, r, i));
        }
        if (start + CHUNK < table.rows.length) await yieldToLoop();
      }
      last = 3 + table.rows.length;
      if (table.totals) {
        // Values, not SUM formulas: no cell of an export is a formula (docs/security.md).
        const row = writeRow(++last, table.totals, (i) => columnType(table.columns[i]));
        table.columns.forEach((_, i) => {
          const cell = row.getCell(i + 1);
          cell.font = font({ bold: true });
          cell.fill = TOTAL_FILL;
          cell.border = { ...THIN, top: { style: 'double' } };
        });
      }
    }
    // exceljs puts a $ before each part: "A$1:H$7" is written $A$1:$H$7.
    ws.pageSetup.printArea = `A$1:${ws.getColumn(ncol).letter}$${last}`;
  }
  await yieldToLoop();
  return Buffer.from(await wb.xlsx.writeBuffer());
}
