import { Table, TableBorders, TableCell, TableRow, WidthType } from 'docx';
import {
  issuerLines,
  localDate,
  placeOf,
  signatureTitle,
  toCsv,
  toLocalIso,
  vnDateLine,
  vnMonth,
  type ComplianceItem,
  type SynthesisResponse,
} from '@duhop/shared';
import type { BodyContext } from './body-scope.ts';
import { headerBlock, numberedSections, packDocx, para, TEXT_WIDTH, type DocHeader } from './export-docx.ts';
import { attachmentName, CONTENT_TYPES, synthesisTables, yieldToLoop, type ExportTable } from './export-tables.ts';
import { toXlsx } from './export-xlsx.ts';

export type ExportFormat = keyof typeof CONTENT_TYPES;

export interface ExportFile {
  body: Uint8Array;
  contentType: string;
  filename: string;
}

/** The heading of a document issued by the body: issuer lines, and the place and date. */
export function documentHeader(ctx: BodyContext, now: Date): DocHeader {
  const own = ['province', 'commune', 'district'].includes(ctx.body.kind);
  const place = placeOf(own || !ctx.province ? ctx.body : ctx.province);
  return { issuer: issuerLines(ctx.body, ctx.parent, ctx.province), dateLine: vnDateLine(place, localDate(now)) };
}

/** CSV of several tables: each as a title line, a header line and its rows, with a blank line between. */
export async function tablesToCsv(tables: readonly ExportTable[], subject: string): Promise<string> {
  const rows: (string | number | null)[][] = [[subject], []];
  for (const t of tables) {
    rows.push([t.title], t.columns.map((c) => c.header));
    if (t.rows.length === 0 && t.empty) rows.push([t.empty]);
    for (let i = 0; i < t.rows.length; i += 1000) {
      rows.push(...t.rows.slice(i, i + 1000));
      if (t.rows.length > 1000) await yieldToLoop();
    }
    rows.push([]);
  }
  return toCsv(rows);
}

/** The synthesis of a month as an XLSX, DOCX or CSV file. */
export async function exportSynthesis(
  ctx: BodyContext,
  s: SynthesisResponse,
  items: readonly ComplianceItem[],
  format: ExportFormat,
  now: Date,
): Promise<ExportFile> {
  const tables = synthesisTables(s, items);
  const subject = `${ctx.body.name} — ${vnMonth(s.month)} (số liệu đến ${toLocalIso(now).slice(0, 16).replace('T', ' ')})`;
  const filename = attachmentName(`bao-cao-tong-hop-${ctx.body.id}-${s.month}`, format);
  const contentType = CONTENT_TYPES[format];
  if (format === 'csv') return { body: new TextEncoder().encode(await tablesToCsv(tables, subject)), contentType, filename };
  if (format === 'xlsx') return { body: await toXlsx(tables, subject), contentType, filename };

  const sign = signatureTitle(ctx.body.kind);
  const half = Math.round(TEXT_WIDTH / 2);
  const closing = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, TEXT_WIDTH - half],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: half, type: WidthType.DXA },
            children: [para('Nơi nhận:', { bold: true, italics: true, size: 24 }), para('- Cấp ủy cấp trên;', { size: 22 }), para('- Lưu văn phòng.', { size: 22 })],
          }),
          new TableCell({
            width: { size: TEXT_WIDTH - half, type: WidthType.DXA },
            children: [para(sign, { bold: true, align: 'center', size: 26 }), para('(Ký, ghi rõ họ tên)', { italics: true, align: 'center', size: 24 })],
          }),
        ],
      }),
    ],
  });
  const children = [
    headerBlock(documentHeader(ctx, now)),
    para('BÁO CÁO TỔNG HỢP', { bold: true, align: 'center', size: 30, before: 360 }),
    para(`Kết quả dự sinh hoạt chi bộ và theo dõi kiến nghị, đề xuất ${vnMonth(s.month)}`, { bold: true, align: 'center', size: 28 }),
    para(`(Số liệu đến ${toLocalIso(now).slice(11, 16)} ngày ${toLocalIso(now).slice(0, 10).split('-').reverse().join('/')})`, { italics: true, align: 'center', size: 24, after: 240 }),
    ...(await numberedSections(tables)),
    para('', { before: 240 }),
    closing,
  ];
  return { body: await packDocx(children, `Báo cáo tổng hợp ${vnMonth(s.month)}`), contentType, filename };
}
