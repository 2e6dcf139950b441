import { inArray } from 'drizzle-orm';
import {
  csvOptions,
  criteriaSetNote,
  documentNumberLine,
  issuerLines,
  localDate,
  placeOf,
  presenceSentences,
  recipientLines,
  resolveDocumentConfig,
  synthesisAssessment,
  toCsv,
  toLocalIso,
  vnDate,
  vnDateLine,
  vnMonth,
  type ComplianceItem,
  type CsvLocale,
  type CriteriaSetLabel,
  type ResolvedDocumentConfig,
  type SynthesisResponse,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { criteriaSets } from '../../db/schema.ts';
import type { BodyContext } from '../org/body-scope.ts';
import { documentConfigOf, documentYear, issueDocumentNumber } from './document-config.ts';
import { numberedSections, type DocBlock, type DocHeader, type DocSpec } from './docx.ts';
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

/**
 * The heading of a document issued by the body: issuer lines, the place and date, and the number
 * line when the document was given a number (`issueDocument`).
 */
export function documentHeader(ctx: BodyContext, now: Date, number?: string): DocHeader {
  const own = ['province', 'commune', 'district'].includes(ctx.body.kind);
  const place = placeOf(own || !ctx.province ? ctx.body : ctx.province);
  return {
    issuer: issuerLines(ctx.body, ctx.parent, ctx.province),
    dateLine: vnDateLine(place, localDate(now)),
    ...(number ? { number } : {}),
  };
}

/** A document the body issues: its number line ("Số 12-BC/ĐU") and how it is signed. */
export interface IssuedDocument {
  number: string;
  config: ResolvedDocumentConfig;
}

/**
 * Gives a document of the body its running number for the year and reads how the body signs.
 * Each call takes a new number: call it once per document issued.
 */
export async function issueDocument(db: Db, ctx: BodyContext, now: Date): Promise<IssuedDocument> {
  const config = await documentConfigOf(db, ctx);
  const n = await issueDocumentNumber(db, ctx.body.id, documentYear(now));
  return { number: documentNumberLine(config.numberPattern, n), config };
}

/** How a body signs when nothing is configured (the defaults of its kind): documents not issued. */
export function defaultDocumentConfig(ctx: BodyContext): ResolvedDocumentConfig {
  return resolveDocumentConfig(
    { name: ctx.body.name, kind: ctx.body.kind, parentName: ctx.parent?.name ?? null },
    null,
  );
}

/** The closing of an issued document: "Nơi nhận" in the Party style and the signature block. */
export function closingOf(config: ResolvedDocumentConfig): DocBlock {
  return {
    kind: 'closing',
    recipients: recipientLines(config.recipients),
    signature: {
      onBehalf: config.signerOnBehalf,
      title: config.signerTitle,
      ...(config.signerName ? { name: config.signerName } : {}),
    },
  };
}

/** The criteria sets a synthesis names, by id, for their names and sources (never print ids). */
export async function criteriaSetLabels(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, CriteriaSetLabel>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: criteriaSets.id, name: criteriaSets.name, definition: criteriaSets.definition })
    .from(criteriaSets)
    .where(inArray(criteriaSets.id, unique));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        source: r.definition.source ?? null,
        official: r.definition.official,
        groups: r.definition.groups,
      },
    ]),
  );
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

/**
 * The synthesis in the Party's administrative layout: heading with the number line, title, a
 * short assessment in sentences, the numbered tables, and the closing ("Nơi nhận", signature).
 * Without `issued` (older callers) the document has no number and the default closing.
 */
export function synthesisDocSpec(
  ctx: BodyContext,
  s: SynthesisResponse,
  tables: readonly ExportTable[],
  now: Date,
  issued?: IssuedDocument,
  sets: ReadonlyMap<string, CriteriaSetLabel> = new Map(),
): DocSpec {
  const local = toLocalIso(now);
  const config = issued?.config ?? defaultDocumentConfig(ctx);
  const setNotes = [...sets.values()].map(criteriaSetNote);
  const body = (text: string) => ({ text, align: 'both' as const, indent: 720, after: 60 });
  return {
    title: `Báo cáo tổng hợp ${vnMonth(s.month)}`,
    blocks: [
      { kind: 'header', header: documentHeader(ctx, now, issued?.number) },
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
          { text: '-----', align: 'center', size: 24 },
          {
            text: `(Số liệu đến ${local.slice(11, 16)} ngày ${vnDate(local)})`,
            italics: true,
            align: 'center',
            size: 24,
            after: 240,
          },
          { text: 'I. ĐÁNH GIÁ CHUNG', bold: true, before: 120, after: 120, keepNext: true },
          ...synthesisAssessment(s).map(body),
          ...presenceSentences(s.presence, vnMonth(s.month)).map(body),
          ...(setNotes.length ? [body(`Bộ tiêu chí áp dụng: ${setNotes.join('; ')}.`)] : []),
          { text: 'II. SỐ LIỆU CHI TIẾT', bold: true, before: 240, keepNext: true },
        ],
      },
      ...numberedSections(tables),
      closingOf(config),
    ],
  };
}

/**
 * The synthesis of a month as an XLSX, DOCX or CSV file (XLSX and DOCX built in a worker thread);
 * `csvLocale` picks the CSV's separator and decimal mark.
 */
export async function exportSynthesis(
  db: Db,
  ctx: BodyContext,
  s: SynthesisResponse,
  items: readonly ComplianceItem[],
  format: ExportFormat,
  now: Date,
  csvLocale: CsvLocale = 'en',
): Promise<ExportFile> {
  const sets = await criteriaSetLabels(
    db,
    s.groups.map((g) => g.criteriaSetId),
  );
  const tables = synthesisTables(s, items, new Map([...sets].map(([id, set]) => [id, set.name])));
  return exportFile({
    tables,
    subject: `${ctx.body.name} — ${vnMonth(s.month)}. ${exportedAt(now)}`,
    stem: `bao-cao-tong-hop-${ctx.body.id}-${s.month}`,
    format,
    csvLocale,
    // A DOCX is the document the body files: it takes the body's next number.
    docSpec: async () =>
      synthesisDocSpec(ctx, s, tables, now, await issueDocument(db, ctx, now), sets),
  });
}

/**
 * One set of tables as the file asked for: CSV here, XLSX and DOCX rendered in a worker thread.
 * `docSpec` is only called for a DOCX (it may take the body's next document number).
 */
export async function exportFile(o: {
  tables: ExportTable[];
  subject: string;
  stem: string;
  format: ExportFormat;
  csvLocale: CsvLocale;
  docSpec: () => Promise<DocSpec>;
}): Promise<ExportFile> {
  const filename = attachmentName(o.stem, o.format);
  const contentType = CONTENT_TYPES[o.format];
  if (o.format === 'csv')
    return {
      body: new TextEncoder().encode(await tablesToCsv(o.tables, o.subject, o.csvLocale)),
      contentType,
      filename,
    };
  const body = await renderFile(
    o.format === 'xlsx'
      ? { kind: 'xlsx', tables: o.tables, subject: o.subject }
      : { kind: 'docx', spec: await o.docSpec() },
  );
  return { body, contentType, filename };
}
