import {
  csvOptions,
  issuerLines,
  localDate,
  placeOf,
  signatureTitle,
  toCsv,
  toLocalIso,
  vnDate,
  vnDateLine,
  vnMonth,
  type ComplianceItem,
  type CsvLocale,
  type SynthesisResponse,
} from '@duhop/shared';
import type { BodyContext } from '../org/body-scope.ts';
import { numberedSections, type DocHeader, type DocSpec } from './docx.ts';
import { renderFile } from './render.ts';
import {
  attachmentName,
  CONTENT_TYPES,
  exportedAt,
  synthesisTables,
  yieldToLoop,
  type ExportTable,
} from './tables.ts';

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
  return {
    issuer: issuerLines(ctx.body, ctx.parent, ctx.province),
    dateLine: vnDateLine(place, localDate(now)),
  };
}

/**
 * CSV of several tables: each as a title line, a header line, its rows and its totals row, with a
 * blank line between. `locale` `vi`: `;` between fields and a decimal comma (`csvOptions`).
 */
export async function tablesToCsv(
  tables: readonly ExportTable[],
  subject: string,
  locale: CsvLocale = 'en',
): Promise<string> {
  const rows: (string | number | null)[][] = [[subject], []];
  for (const t of tables) {
    rows.push(
      [t.title],
      t.columns.map((c) => c.header),
    );
    if (t.rows.length === 0 && t.empty) rows.push([t.empty]);
    for (let i = 0; i < t.rows.length; i += 1000) {
      rows.push(...t.rows.slice(i, i + 1000));
      if (t.rows.length > 1000) await yieldToLoop();
    }
    if (t.totals) rows.push(t.totals);
    rows.push([]);
  }
  return toCsv(rows, csvOptions(locale));
}

/** The synthesis in the Party's administrative layout: heading, title, numbered sections, closing. */
export function synthesisDocSpec(
  ctx: BodyContext,
  s: SynthesisResponse,
  tables: readonly ExportTable[],
  now: Date,
): DocSpec {
  const local = toLocalIso(now);
  return {
    title: `Báo cáo tổng hợp ${vnMonth(s.month)}`,
    blocks: [
      { kind: 'header', header: documentHeader(ctx, now) },
      {
        kind: 'lines',
        lines: [
          { text: 'BÁO CÁO TỔNG HỢP', bold: true, align: 'center', size: 30, before: 360 },
          {
            text: `Kết quả dự sinh hoạt chi bộ và theo dõi kiến nghị, đề xuất ${vnMonth(s.month)}`,
            bold: true,
            align: 'center',
            size: 28,
          },
          {
            text: `(Số liệu đến ${local.slice(11, 16)} ngày ${vnDate(local)})`,
            italics: true,
            align: 'center',
            size: 24,
            after: 240,
          },
        ],
      },
      ...numberedSections(tables),
      {
        kind: 'columns',
        left: [
          { text: 'Nơi nhận:', bold: true, italics: true, size: 24, before: 240 },
          { text: '- Cấp ủy cấp trên;', size: 22 },
          { text: '- Lưu văn phòng.', size: 22 },
        ],
        right: [
          { text: signatureTitle(ctx.body.kind), bold: true, align: 'center', before: 240 },
          { text: '(Ký, ghi rõ họ tên)', italics: true, align: 'center', size: 24 },
        ],
      },
    ],
  };
}

/**
 * The synthesis of a month as an XLSX, DOCX or CSV file (XLSX and DOCX built in a worker thread);
 * `csvLocale` picks the CSV's separator and decimal mark.
 */
export async function exportSynthesis(
  ctx: BodyContext,
  s: SynthesisResponse,
  items: readonly ComplianceItem[],
  format: ExportFormat,
  now: Date,
  csvLocale: CsvLocale = 'en',
): Promise<ExportFile> {
  const tables = synthesisTables(s, items);
  const subject = `${ctx.body.name} — ${vnMonth(s.month)}. ${exportedAt(now)}`;
  const filename = attachmentName(`bao-cao-tong-hop-${ctx.body.id}-${s.month}`, format);
  const contentType = CONTENT_TYPES[format];
  if (format === 'csv')
    return {
      body: new TextEncoder().encode(await tablesToCsv(tables, subject, csvLocale)),
      contentType,
      filename,
    };
  const body = await renderFile(
    format === 'xlsx'
      ? { kind: 'xlsx', tables, subject }
      : { kind: 'docx', spec: synthesisDocSpec(ctx, s, tables, now) },
  );
  return { body, contentType, filename };
}
