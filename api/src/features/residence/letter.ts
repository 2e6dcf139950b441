import {
  activeInYear,
  documentNumberLine,
  letterNumberPattern,
  RESIDENCE_RATING_LABELS,
  RESIDENCE_STATUS_LABELS,
  recipientLines,
  vnDate,
  workplaceKey,
  type ResidenceMemberRecord,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import type { BodyContext } from '../org/body-scope.ts';
import { documentConfigOf, documentYear, issueDocumentNumber } from '../exports/document-config.ts';
import type { DocSpec } from '../exports/docx.ts';
import { renderFile } from '../exports/render.ts';
import { documentHeader, exportFile, type ExportFile } from '../exports/synthesis-export.ts';
import { attachmentName, CONTENT_TYPES, exportedAt, type ExportTable } from '../exports/tables.ts';
import { validationError } from '../../lib/errors.ts';

const RULE = 'Quy định số 76-QĐ/TW ngày 15/6/2000 của Bộ Chính trị';
export const LETTER_TITLE =
  'đảng viên đang công tác ở cơ quan, doanh nghiệp, đơn vị sự nghiệp thường xuyên giữ mối liên hệ với chi ủy, tổ chức đảng và nhân dân nơi cư trú';

/** The workplace organisations of the members active in the year, with how many are assessed. */
export function workplacesOf(members: readonly ResidenceMemberRecord[], year: number) {
  const byKey = new Map<string, { key: string; name: string; members: number; assessed: number }>();
  for (const m of members.filter((x) => activeInYear(x, year))) {
    const key = workplaceKey(m);
    const w = byKey.get(key) ?? { key, name: m.workplace, members: 0, assessed: 0 };
    w.members++;
    if (m.assessment) w.assessed++;
    byKey.set(key, w);
  }
  const collator = new Intl.Collator('vi');
  return [...byKey.values()].sort((a, b) => collator.compare(a.name, b.name));
}

const ratingText = (m: ResidenceMemberRecord) =>
  m.assessment ? RESIDENCE_RATING_LABELS[m.assessment.rating] : 'Chưa nhận xét';

/** The letter's table: one row per member of the workplace, with the cell's assessment. */
function letterTable(members: readonly ResidenceMemberRecord[], year: number): ExportTable {
  return {
    sheet: 'Nhận xét',
    title: `Nhận xét năm ${year}`,
    columns: [
      { header: 'STT', width: 4, type: 'count' },
      { header: 'Họ và tên', width: 18 },
      { header: 'Năm sinh', width: 7 },
      { header: 'Chi bộ nơi cư trú', width: 16 },
      { header: 'Ngày tiếp nhận', width: 10, type: 'date' },
      { header: 'Nhận xét của chi bộ', width: 18 },
      { header: 'Lý do, ghi chú', width: 22 },
    ],
    rows: members.map((m, i) => [
      i + 1,
      m.fullName,
      m.birthYear == null ? null : String(m.birthYear),
      m.cellName,
      vnDate(m.receivedOn) || null,
      ratingText(m),
      m.assessment?.reasons ?? null,
    ]),
  };
}

/**
 * The letter to one workplace organisation in the Party layout: heading with the "Số …-CV/…"
 * number, the title of the Quy định 76 form, "Kính gửi", the table of its members with the cells'
 * assessments and reasons, the request, and the closing ("Nơi nhận": "Như trên" first).
 */
export function letterDocSpec(
  ctx: BodyContext,
  workplace: string,
  members: readonly ResidenceMemberRecord[],
  year: number,
  now: Date,
  issued: { number: string; config: Awaited<ReturnType<typeof documentConfigOf>> },
): DocSpec {
  const body = (text: string) => ({ text, align: 'both' as const, indent: 720, after: 120 });
  const good = members.filter((m) => m.assessment?.rating === 'good').length;
  const notGood = members.filter((m) => m.assessment?.rating === 'not_good').length;
  const missing = members.length - good - notGood;
  const config = issued.config;
  return {
    title: `Nhận xét đảng viên 76 năm ${year} — ${workplace}`,
    blocks: [
      { kind: 'header', header: documentHeader(ctx, now, issued.number) },
      {
        kind: 'lines',
        lines: [
          { text: 'NHẬN XÉT', bold: true, align: 'center', size: 30, before: 360 },
          { text: LETTER_TITLE, bold: true, align: 'center', size: 28 },
          { text: `Năm ${year}`, bold: true, align: 'center', size: 28 },
          { text: '-----', align: 'center', size: 24, after: 240 },
          { text: `Kính gửi: ${workplace}`, align: 'center', size: 28, after: 240 },
          body(
            `Thực hiện ${RULE} về việc ${LETTER_TITLE}; căn cứ nhận xét của các chi bộ nơi cư trú, ${ctx.body.name} gửi ${workplace} kết quả nhận xét năm ${year} đối với ${members.length} đồng chí đảng viên của đơn vị đang giữ mối liên hệ với nơi cư trú như sau:`,
          ),
          body(
            `Hoàn thành tốt nhiệm vụ nơi cư trú: ${good} đồng chí; chưa hoàn thành tốt nhiệm vụ nơi cư trú: ${notGood} đồng chí${missing ? `; chưa có nhận xét: ${missing} đồng chí` : ''}.`,
          ),
        ],
      },
      { kind: 'table', table: letterTable(members, year) },
      {
        kind: 'lines',
        lines: [
          { text: '', after: 60 },
          body(
            `Đề nghị ${workplace} xem xét, làm căn cứ đánh giá, xếp loại chất lượng đảng viên năm ${year}; phối hợp với chi bộ nơi cư trú giúp đỡ những đồng chí chưa hoàn thành tốt nhiệm vụ.`,
          ),
        ],
      },
      {
        kind: 'closing',
        recipients: recipientLines(['Như trên', ...config.recipients]),
        signature: {
          onBehalf: config.signerOnBehalf,
          title: config.signerTitle,
          ...(config.signerName ? { name: config.signerName } : {}),
        },
      },
    ],
  };
}

/** The DOCX letter to one workplace: takes the body's next number ("Số 3-CV/ĐU"). */
export async function exportLetter(
  db: Db,
  ctx: BodyContext,
  all: readonly ResidenceMemberRecord[],
  key: string,
  year: number,
  now: Date,
): Promise<ExportFile> {
  const members = all.filter((m) => activeInYear(m, year) && workplaceKey(m) === key);
  if (!members.length)
    throw validationError({
      workplace: [`Không có đảng viên 76 nào của đơn vị này trong năm ${year}`],
    });
  const config = await documentConfigOf(db, ctx);
  const n = await issueDocumentNumber(db, ctx.body.id, documentYear(now));
  const number = documentNumberLine(letterNumberPattern(config.numberPattern), n);
  const workplace = members[0]!.workplace;
  const spec = letterDocSpec(ctx, workplace, members, year, now, { number, config });
  const body = await renderFile({ kind: 'docx', spec });
  const stem = `nhan-xet-dang-vien-76-${year}-${key.replace(/^(unit|name):/, '')}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd');
  return { body, contentType: CONTENT_TYPES.docx, filename: attachmentName(stem, 'docx') };
}

/** The whole register under the body with the year's assessments, as XLSX or CSV. */
export async function exportRegister(
  ctx: BodyContext,
  all: readonly ResidenceMemberRecord[],
  year: number,
  format: 'xlsx' | 'csv',
  now: Date,
): Promise<ExportFile> {
  const table: ExportTable = {
    sheet: 'Đảng viên 76',
    title: `Danh sách đảng viên 76 và nhận xét năm ${year}`,
    columns: [
      { header: 'STT', width: 5, type: 'count' },
      { header: 'Họ và tên', width: 24 },
      { header: 'Năm sinh', width: 9 },
      { header: 'Chi bộ nơi cư trú', width: 26 },
      { header: 'Nơi công tác', width: 32 },
      { header: 'Ngày giới thiệu', width: 12, type: 'date' },
      { header: 'Ngày tiếp nhận', width: 12, type: 'date' },
      { header: 'Trạng thái', width: 20 },
      { header: 'Ngày thay đổi', width: 12, type: 'date' },
      { header: `Nhận xét năm ${year}`, width: 30 },
      { header: 'Lý do', width: 36 },
      { header: 'Ghi chú', width: 24 },
    ],
    rows: all.map((m, i) => [
      i + 1,
      m.fullName,
      m.birthYear == null ? null : String(m.birthYear),
      m.cellName,
      m.workplace,
      vnDate(m.introducedOn),
      vnDate(m.receivedOn) || null,
      RESIDENCE_STATUS_LABELS[m.status],
      vnDate(m.statusOn) || null,
      activeInYear(m, year) ? ratingText(m) : null,
      m.assessment?.reasons ?? null,
      m.note,
    ]),
    empty: 'Chưa có đảng viên 76 nào.',
  };
  return exportFile({
    tables: [table],
    subject: `${ctx.body.name} — đảng viên 76, năm ${year}. ${exportedAt(now)}`,
    stem: `dang-vien-76-${ctx.body.id}-${year}`,
    format,
    csvLocale: 'vi',
    docSpec: () => Promise.reject(new Error('no DOCX of the register')),
  });
}
