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
import { columnType, type Cell, type ExportTable } from './tables.ts';

/** A4 with the margins of administrative documents (top/bottom 20 mm, left 30 mm, right 15 mm), in twips. */
const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1701, right: 850 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const FONT = 'Times New Roman';
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/** One paragraph of a document; `size` in half-points (26 = 13 pt). */
export interface TextLine {
  text: string;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right' | 'both';
  before?: number;
  after?: number;
}

export interface DocHeader {
  /** Issuing body, top to bottom ("ĐẢNG BỘ TỈNH NGHỆ AN", "ĐẢNG ỦY XÃ HƯNG NGUYÊN"). */
  issuer: string[];
  /** "Hưng Nguyên, ngày 26 tháng 11 năm 2026". */
  dateLine: string;
}

/** A document as plain data, so that it can be rendered in a worker thread. */
export type DocBlock =
  | { kind: 'header'; header: DocHeader }
  | { kind: 'lines'; lines: TextLine[] }
  | { kind: 'table'; table: ExportTable }
  | { kind: 'columns'; left: TextLine[]; right: TextLine[] };

export interface DocSpec {
  title: string;
  blocks: DocBlock[];
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  both: AlignmentType.JUSTIFIED,
} as const;

const paragraph = (l: TextLine) =>
  new Paragraph({
    alignment: ALIGN[l.align ?? 'left'],
    spacing: { before: l.before ?? 0, after: l.after ?? 0 },
    children: [
      new TextRun({
        text: l.text,
        bold: l.bold,
        italics: l.italics,
        underline: l.underline ? {} : undefined,
        size: l.size ?? 26,
        font: FONT,
      }),
    ],
  });

/** A borderless two-column block: the heading (issuer | Party name and date) or the closing (recipients | signature). */
function columns(left: TextLine[], right: TextLine[], leftShare: number): Table {
  const leftWidth = Math.round(TEXT_WIDTH * leftShare);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: leftWidth, type: WidthType.DXA },
            children: left.map(paragraph),
          }),
          new TableCell({
            width: { size: TEXT_WIDTH - leftWidth, type: WidthType.DXA },
            children: right.map(paragraph),
          }),
        ],
      }),
    ],
  });
}

/**
 * The heading block: the issuing body on the left (the last line bold, then "*"), "ĐẢNG CỘNG SẢN
 * VIỆT NAM" bold and underlined on the right with the place and date in italics below.
 */
function headerBlock(h: DocHeader): Table {
  return columns(
    [
      ...h.issuer.map((text, i) => ({
        text,
        align: 'center' as const,
        bold: i === h.issuer.length - 1,
      })),
      { text: '*', align: 'center' },
    ],
    [
      { text: PARTY_HEADER, align: 'center', bold: true, underline: true, size: 28 },
      { text: '' },
      { text: h.dateLine, align: 'center', italics: true },
    ],
    0.42,
  );
}

const cellText = (v: Cell) =>
  v == null
    ? ''
    : typeof v === 'number'
      ? v.toLocaleString('vi-VN', { maximumFractionDigits: 2 })
      : v;

/** A bordered table with a bold shaded header row repeated on every page. */
function dataTable(table: ExportTable): Table {
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => Math.round((c.width / total) * TEXT_WIDTH));
  const cell = (text: string, i: number, header: boolean, bold = header) => {
    const kind = columnType(table.columns[i]);
    return new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      ...(header ? { shading: { fill: 'DCE6F1' } } : {}),
      children: [
        paragraph({
          text,
          bold,
          size: 22,
          align: header || kind === 'date' ? 'center' : kind === 'text' ? 'left' : 'right',
        }),
      ],
    });
  };
  const rows = [
    new TableRow({
      tableHeader: true,
      children: table.columns.map((c, i) => cell(c.header, i, true)),
    }),
    ...table.rows.map(
      (values) => new TableRow({ children: values.map((v, i) => cell(cellText(v), i, false)) }),
    ),
    ...(table.totals
      ? [
          new TableRow({
            children: table.totals.map((v, i) => cell(cellText(v), i, false, true)),
          }),
        ]
      : []),
  ];
  const border = {
    top: LINE,
    bottom: LINE,
    left: LINE,
    right: LINE,
    insideHorizontal: LINE,
    insideVertical: LINE,
  };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: border,
    rows,
  });
}

/**
 * Renders a document spec on A4 with the administrative margins and Times New Roman. CPU-heavy
 * for big tables (the docx packer is synchronous): call it through `runInWorker`.
 */
export async function renderDocx(spec: DocSpec): Promise<Buffer> {
  const children: FileChild[] = spec.blocks.flatMap((b): FileChild[] => {
    if (b.kind === 'header') return [headerBlock(b.header)];
    if (b.kind === 'lines') return b.lines.map(paragraph);
    if (b.kind === 'columns') return [columns(b.left, b.right, 0.5)];
    return [dataTable(b.table)];
  });
  const doc = new Document({
    creator: 'duhop',
    title: spec.title,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Numbered sections ("1. …"), each a table or, when empty, the table's "no data" sentence. */
export function numberedSections(tables: readonly ExportTable[], start = 1): DocBlock[] {
  return tables.flatMap((t, i): DocBlock[] => [
    {
      kind: 'lines',
      lines: [{ text: `${start + i}. ${t.title}`, bold: true, before: 240, after: 120 }],
    },
    t.rows.length === 0
      ? { kind: 'lines', lines: [{ text: t.empty ?? 'Không có số liệu.', italics: true }] }
      : { kind: 'table', table: t },
  ]);
}
