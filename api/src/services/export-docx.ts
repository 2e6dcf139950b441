import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
} from 'docx';
import { PARTY_HEADER } from '@duhop/shared';
import { yieldToLoop, type Cell, type ExportTable } from './export-tables.ts';

/** A4 with the margins of administrative documents (top/bottom 20 mm, left 30 mm, right 15 mm), in twips. */
const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1701, right: 850 };
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const FONT = 'Times New Roman';
const CHUNK = 300;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

export interface DocHeader {
  /** Issuing body, top to bottom ("ĐẢNG BỘ TỈNH NGHỆ AN", "ĐẢNG ỦY XÃ HƯNG NGUYÊN"). */
  issuer: string[];
  /** "Số: …" line under the star, if any. */
  number?: string;
  /** "Hưng Nguyên, ngày 26 tháng 11 năm 2026". */
  dateLine: string;
}

const p = (text: string, o: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number; align?: 'left' | 'center' | 'right' | 'both'; before?: number; after?: number } = {}) =>
  new Paragraph({
    alignment: o.align === 'center' ? AlignmentType.CENTER : o.align === 'right' ? AlignmentType.RIGHT : o.align === 'both' ? AlignmentType.JUSTIFIED : AlignmentType.LEFT,
    spacing: { before: o.before ?? 0, after: o.after ?? 0 },
    children: [new TextRun({ text, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined, size: o.size, font: FONT })],
  });

export const para = p;

/**
 * The heading block: the issuing body on the left (the last line bold, then "*" and the number),
 * "ĐẢNG CỘNG SẢN VIỆT NAM" underlined on the right with the place and date in italics below.
 */
export function headerBlock(h: DocHeader): Table {
  const left = [
    ...h.issuer.map((line, i) => p(line, { align: 'center', bold: i === h.issuer.length - 1, size: 26 })),
    p('*', { align: 'center', size: 26 }),
    ...(h.number ? [p(h.number, { align: 'center', size: 26 })] : []),
  ];
  const right = [p(PARTY_HEADER, { align: 'center', bold: true, underline: true, size: 28 }), p('', { size: 26 }), p(h.dateLine, { align: 'center', italics: true, size: 26 })];
  const leftWidth = Math.round(TEXT_WIDTH * 0.42);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: leftWidth, type: WidthType.DXA }, children: left }),
          new TableCell({ width: { size: TEXT_WIDTH - leftWidth, type: WidthType.DXA }, children: right }),
        ],
      }),
    ],
  });
}

const cellText = (v: Cell) => (v == null ? '' : typeof v === 'number' ? v.toLocaleString('vi-VN', { maximumFractionDigits: 2 }) : v);

/** A bordered table with a bold shaded header row repeated on every page; rows built in chunks. */
export async function dataTable(table: ExportTable): Promise<Table> {
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => Math.round((c.width / total) * TEXT_WIDTH));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      ...(header ? { shading: { fill: 'DCE6F1' } } : {}),
      children: [p(text, { bold: header, size: 22, align: header ? 'center' : table.columns[i]?.kind === 'text' || !table.columns[i]?.kind ? 'left' : 'right' })],
    });
  const rows = [new TableRow({ tableHeader: true, children: table.columns.map((c, i) => cell(c.header, i, true)) })];
  for (let start = 0; start < table.rows.length; start += CHUNK) {
    for (const values of table.rows.slice(start, start + CHUNK)) rows.push(new TableRow({ children: values.map((v, i) => cell(cellText(v), i, false)) }));
    if (start + CHUNK < table.rows.length) await yieldToLoop();
  }
  const border = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, borders: border, rows });
}

/** Numbered sections ("1. …"), each a table or the table's "no data" sentence. */
export async function numberedSections(tables: readonly ExportTable[]): Promise<FileChild[]> {
  const out: FileChild[] = [];
  for (const [i, t] of tables.entries()) {
    out.push(p(`${i + 1}. ${t.title}`, { bold: true, size: 26, before: 240, after: 120 }));
    if (t.rows.length === 0) out.push(p(t.empty ?? 'Không có số liệu.', { italics: true, size: 26 }));
    else out.push(await dataTable(t));
  }
  return out;
}

/** Packs a document on A4 with the administrative margins and Times New Roman. */
export async function packDocx(children: FileChild[], title: string): Promise<Buffer> {
  const doc = new Document({
    creator: 'duhop',
    title,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } } },
        children,
      },
    ],
  });
  await yieldToLoop();
  return Packer.toBuffer(doc);
}
