import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
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
  /** Kept on the same page as the next paragraph or table (headings). */
  keepNext?: boolean;
  /** First-line indent in twips (body paragraphs: 720 = 1.27 cm). */
  indent?: number;
}

export interface DocHeader {
  /** Issuing body, top to bottom ("ĐẢNG BỘ TỈNH NGHỆ AN", "ĐẢNG ỦY XÃ HƯNG NGUYÊN"). */
  issuer: string[];
  /** "Hưng Nguyên, ngày 26 tháng 11 năm 2026". */
  dateLine: string;
  /** The number line under the issuer ("Số 12-BC/ĐU"), for a document the body issues. */
  number?: string;
}

/** Who signs (Hướng dẫn 36-HD/VPTW): "T/M BAN THƯỜNG VỤ" / "BÍ THƯ" / (signature) / name. */
export interface DocSignature {
  /** "T/M BAN THƯỜNG VỤ"; empty or absent when the signer signs in their own name. */
  onBehalf?: string;
  /** "BÍ THƯ", "PHÓ BÍ THƯ", "TRƯỞNG BAN". */
  title: string;
  /** The signer's name; when absent the document says "(Ký, ghi rõ họ tên)". */
  name?: string;
}

/** A document as plain data, so that it can be rendered in a worker thread. */
export type DocBlock =
  | { kind: 'header'; header: DocHeader }
  | { kind: 'lines'; lines: TextLine[] }
  | { kind: 'table'; table: ExportTable }
  | { kind: 'columns'; left: TextLine[]; right: TextLine[] }
  /**
   * "Nơi nhận" in the Party style on the left (lines as given; none for a document without
   * recipients), the signature block on the right; kept on the page of what precedes it.
   */
  | { kind: 'closing'; recipients: string[]; signature: DocSignature };

export interface DocSpec {
  title: string;
  blocks: DocBlock[];
  /** Page numbers centred in the footer from page 2 (default true). */
  pageNumbers?: boolean;
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
    ...(l.keepNext ? { keepNext: true } : {}),
    ...(l.indent ? { indent: { firstLine: l.indent } } : {}),
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
        cantSplit: true,
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
  const left: TextLine[] = [
    ...h.issuer.map((text, i) => ({
      text,
      align: 'center' as const,
      bold: i === h.issuer.length - 1,
    })),
    { text: '*', align: 'center' },
    ...(h.number ? [{ text: h.number, align: 'center' as const, size: 28 }] : []),
  ];
  // The date line level with the number line when there is one (Hướng dẫn 36-HD/VPTW).
  const blanks = h.number ? Math.max(1, left.length - 2) : 1;
  return columns(
    left,
    [
      { text: PARTY_HEADER, align: 'center', bold: true, underline: true, size: 28 },
      ...Array.from({ length: blanks }, () => ({ text: '' })),
      { text: h.dateLine, align: 'center', italics: true },
    ],
    0.45,
  );
}

/**
 * The closing: "Nơi nhận:" (upright, underlined) and its lines in 12 pt on the left; on the right
 * the signer's position and title in bold capitals, room for the signature, and the name in bold,
 * or "(Ký, ghi rõ họ tên)" when no name is configured.
 */
function closingBlock(recipients: readonly string[], sig: DocSignature): Table {
  const named = !!sig.name?.trim();
  return columns(
    recipients.length
      ? [
          { text: 'Nơi nhận:', underline: true, size: 28, before: 240 },
          ...recipients.map((text) => ({ text, size: 24 })),
        ]
      : [{ text: '' }],
    [
      ...(sig.onBehalf?.trim()
        ? [{ text: sig.onBehalf, bold: true, align: 'center' as const, size: 28, before: 240 }]
        : []),
      {
        text: sig.title,
        bold: true,
        align: 'center',
        size: 28,
        ...(sig.onBehalf?.trim() ? {} : { before: 240 }),
      },
      named
        ? { text: sig.name!.trim(), bold: true, align: 'center', size: 28, before: 1400 }
        : { text: '(Ký, ghi rõ họ tên)', italics: true, align: 'center', size: 24, after: 1400 },
    ],
    0.45,
  );
}

const cellText = (v: Cell) =>
  v == null
    ? ''
    : typeof v === 'number'
      ? v.toLocaleString('vi-VN', { maximumFractionDigits: 2 })
      : v;

/** Advance widths of Times New Roman in thousandths of an em (lower case; upper case below). */
const TIMES_LOWER: Record<string, number> = {
  a: 444,
  b: 500,
  c: 444,
  d: 500,
  e: 444,
  f: 333,
  g: 500,
  h: 500,
  i: 278,
  j: 278,
  k: 500,
  l: 278,
  m: 778,
  n: 500,
  o: 500,
  p: 500,
  q: 500,
  r: 333,
  s: 389,
  t: 278,
  u: 500,
  v: 500,
  w: 722,
  x: 500,
  y: 500,
  z: 444,
};
const TIMES_UPPER: Record<string, number> = {
  I: 333,
  J: 389,
  M: 889,
  W: 944,
  L: 611,
  F: 556,
  P: 556,
  S: 556,
  E: 611,
  T: 611,
  Z: 611,
};
const TIMES_OTHER: Record<string, number> = {
  ' ': 250,
  '/': 278,
  '.': 250,
  ',': 250,
  ':': 278,
  ';': 278,
  '(': 333,
  ')': 333,
  '-': 333,
  '–': 500,
  '%': 833,
};

/**
 * The width a word needs in a cell, in twips, for Times New Roman 11 pt (220 twips an em), from
 * the font's advance widths (Vietnamese marks do not widen a letter); bold a little wider, and
 * 5 % to spare so that LibreOffice and Word agree.
 */
function wordTwips(word: string, bold: boolean): number {
  let em = 0;
  for (const ch of word) {
    const base = ch === 'đ' ? 'd' : ch === 'Đ' ? 'D' : ch.normalize('NFD')[0]!;
    if (/[0-9]/.test(base)) em += 500;
    else if (base in TIMES_LOWER) em += TIMES_LOWER[base]!;
    else if (/[A-Z]/.test(base)) em += TIMES_UPPER[base] ?? 722;
    else em += TIMES_OTHER[base] ?? 500;
  }
  return Math.ceil((em / 1000) * 220 * (bold ? 1.08 : 1) * 1.05);
}

/** Cell margins (left and right) and a little room so LibreOffice and Word agree. */
const CELL_PADDING = 120 + 40;

/** Values and headers this short ("Đúng hạn", "Ngày họp": two words at most) are kept on one line when the page allows. */
const isShort = (text: string) => text.length <= 12 && text.trim().split(/\s+/).length <= 2;

/**
 * Column widths from content: each column gets at least what its longest word needs (a date,
 * a number, "STT", a header word); then, cheapest first while the text width allows, what its
 * short values and headers need on one line; the rest of the text width is shared in proportion
 * to the columns' declared widths. Nothing breaks inside a date, and "Đúng hạn" stays whole.
 */
export function columnWidths(table: ExportTable, textWidth = TEXT_WIDTH): number[] {
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  const total = sum(table.columns.map((c) => c.width));
  const wanted = table.columns.map((c) => (c.width / total) * textWidth);
  const need = (whole: boolean) =>
    table.columns.map((c, i) => {
      const fit = (text: string, bold: boolean) =>
        whole && isShort(text)
          ? wordTwips(text, bold)
          : Math.max(...text.split(/\s+/).map((w) => wordTwips(w, bold)));
      let n = fit(c.header, true);
      for (const row of table.rows) n = Math.max(n, fit(cellText(row[i] ?? null), false));
      return n + CELL_PADDING;
    });
  const min = need(false);
  const whole = need(true);
  const order = min.map((_, i) => i).sort((a, b) => whole[a]! - min[a]! - (whole[b]! - min[b]!));
  for (const i of order) {
    const extra = whole[i]! - min[i]!;
    if (sum(min) + extra <= textWidth) min[i] = whole[i]!;
  }
  const widths = wanted.map((w, i) => Math.max(w, min[i]!));
  const excess = sum(widths) - textWidth;
  if (excess > 0) {
    // Take the excess from the columns above their minimum, in proportion to their room.
    const room = widths.map((w, i) => w - min[i]!);
    const roomTotal = sum(room);
    const take = Math.min(1, roomTotal > 0 ? excess / roomTotal : 0);
    for (let i = 0; i < widths.length; i++) widths[i] = widths[i]! - room[i]! * take;
  }
  const rounded = widths.map((w) => Math.round(w));
  const filled = sum(rounded);
  if (filled <= textWidth) {
    // Rounding: the widest column takes the last twips so that the table fills the text width.
    const widest = rounded.indexOf(Math.max(...rounded));
    rounded[widest] = rounded[widest]! + (textWidth - filled);
  }
  return rounded;
}

/** Rows of a table up to this count are kept on one page with their heading; longer ones break. */
const KEEP_WHOLE_ROWS = 15;

/**
 * A bordered table with a bold shaded header row repeated on every page. Rows never split across
 * pages; a short table stays whole on one page, a long one keeps its header with its first rows.
 */
function dataTable(table: ExportTable, keepWithNext = false): Table {
  const widths = columnWidths(table);
  const width = widths.reduce((s, w) => s + w, 0);
  const cell = (text: string, i: number, header: boolean, bold = header) => {
    const kind = columnType(table.columns[i]);
    return new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      ...(header ? { shading: { fill: 'DCE6F1' } } : {}),
      children: text.split('\n').map((line) =>
        paragraph({
          text: line,
          bold,
          size: 22,
          align: header || kind === 'date' ? 'center' : kind === 'text' ? 'left' : 'right',
        }),
      ),
    });
  };
  const last = table.rows.length; // index of the last row, the header row being 0
  const keep = (index: number) =>
    (index < last && (table.rows.length <= KEEP_WHOLE_ROWS || index < 2)) ||
    (keepWithNext && index === last);
  const rows = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      keepNext: keep(0),
      children: table.columns.map((c, i) => cell(c.header, i, true)),
    }),
    ...table.rows.map(
      (values, r) =>
        new TableRow({
          cantSplit: true,
          keepNext: keep(r + 1),
          children: values.map((v, i) => cell(cellText(v), i, false)),
        }),
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
    width: { size: width, type: WidthType.DXA },
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
  const children: FileChild[] = [];
  spec.blocks.forEach((b, i) => {
    const isTable = b.kind !== 'lines';
    // LibreOffice merges adjacent tables into one: a small empty paragraph keeps them apart (kept
    // with the closing, so that the signature never stands alone at the top of a page).
    if (isTable && children.at(-1) instanceof Table)
      children.push(paragraph({ text: '', size: 12, keepNext: b.kind === 'closing' }));
    const closingNext = spec.blocks[i + 1]?.kind === 'closing';
    if (b.kind === 'header') children.push(headerBlock(b.header));
    else if (b.kind === 'lines')
      children.push(
        ...b.lines.map((l, j) =>
          paragraph(closingNext && j === b.lines.length - 1 ? { ...l, keepNext: true } : l),
        ),
      );
    else if (b.kind === 'columns') children.push(columns(b.left, b.right, 0.5));
    else if (b.kind === 'closing') children.push(closingBlock(b.recipients, b.signature));
    else children.push(dataTable(b.table, closingNext));
  });
  const pageNumbers = spec.pageNumbers ?? true;
  const doc = new Document({
    creator: 'duhop',
    title: spec.title,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: {
          // The first page has no number (its footer is empty); the others are numbered.
          titlePage: pageNumbers,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        ...(pageNumbers
          ? {
              footers: {
                default: new Footer({
                  children: [
                    new Paragraph({
                      alignment: AlignmentType.CENTER,
                      children: [
                        new TextRun({ children: [PageNumber.CURRENT], size: 26, font: FONT }),
                      ],
                    }),
                  ],
                }),
                first: new Footer({ children: [new Paragraph({ children: [] })] }),
              },
            }
          : {}),
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
      lines: [
        { text: `${start + i}. ${t.title}`, bold: true, before: 240, after: 120, keepNext: true },
        ...(t.intro ?? []).map((text) => ({
          text,
          align: 'both' as const,
          indent: 720,
          after: 60,
          keepNext: true,
        })),
      ],
    },
    t.rows.length === 0
      ? { kind: 'lines', lines: [{ text: t.empty ?? 'Không có số liệu.', italics: true }] }
      : { kind: 'table', table: t },
  ]);
}
