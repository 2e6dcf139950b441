import {
  presenceSentences,
  toLocalIso,
  vnDate,
  type CsvLocale,
  type YearCounts,
  type YearIssueCounts,
  type YearViewResponse,
} from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import type { BodyContext } from '../org/body-scope.ts';
import { numberedSections, type DocSpec } from './docx.ts';
import {
  closingOf,
  defaultDocumentConfig,
  documentHeader,
  exportFile,
  issueDocument,
  type ExportFile,
  type ExportFormat,
  type IssuedDocument,
} from './synthesis-export.ts';
import {
  exportedAt,
  figures,
  presenceTables,
  type Cell,
  type ExportColumn,
  type ExportTable,
} from './tables.ts';

const n = (header: string, width = 10): ExportColumn => ({ header, width, type: 'count' });
const p = (header: string, width = 12): ExportColumn => ({ header, width, type: 'rate' });
const t = (header: string, width = 30): ExportColumn => ({ header, width, type: 'text' });

const QUARTERS = ['I', 'II', 'III', 'IV'];
const TOTAL = 'Tổng cộng';

const countCols = () => [
  n('Phải dự'),
  n('Đã dự, đã nộp', 12),
  n('Đúng hạn'),
  n('Trễ hạn'),
  n('Chưa nộp'),
  n('Chưa đến hạn', 12),
  p('Tỷ lệ đúng hạn (%)', 14),
];
const countCells = (c: YearCounts): Cell[] => [
  c.expected,
  c.attended,
  c.onTime,
  c.late,
  c.missing,
  c.notDue,
  c.onTimeRate,
];
const issueCols = () => [
  n('Phát sinh'),
  n('Đã giải quyết xong', 14),
  n('Trả lời khác (giải trình, sẽ giải quyết…)', 16),
  n('Đang xử lý', 12),
  n('Quá hạn'),
];
const issueCells = (x: YearIssueCounts): Cell[] => [
  x.raised,
  x.resolved,
  x.otherAnswer,
  x.inProgress,
  x.overdue,
];

/** The year view as tables, in the order of the printed report; member tables end with a totals row. */
export function yearTables(v: YearViewResponse): ExportTable[] {
  const tot = v.totals;
  const top = tot.topical;
  return [
    figures('Tổng hợp', `Tổng hợp kết quả dự sinh hoạt chi bộ năm ${v.year}`, [
      ['Số cấp ủy viên được phân công', tot.members, 'count'],
      ['Số lượt phải dự sinh hoạt theo phân công', tot.expected, 'count'],
      ['Số lượt đã dự và nộp báo cáo', tot.attended, 'count'],
      ['Nộp báo cáo đúng hạn', tot.onTime, 'count'],
      ['Nộp báo cáo trễ hạn', tot.late, 'count'],
      ['Chưa nộp (đã quá hạn)', tot.missing, 'count'],
      ['Chưa đến hạn', tot.notDue, 'count'],
      ['Tỷ lệ nộp đúng hạn (%)', tot.onTimeRate, 'rate'],
      ['Tổng số báo cáo đã nộp (kể cả sinh hoạt chuyên đề)', tot.reportsFiled, 'count'],
      ['Kiến nghị phát sinh', tot.issues.raised, 'count'],
      ['Kiến nghị đã giải quyết xong', tot.issues.resolved, 'count'],
      ['Kiến nghị quá hạn', tot.issues.overdue, 'count'],
      ['Chi bộ phải sinh hoạt chuyên đề (các quý đã kết thúc)', top.expected, 'count'],
      ['Chi bộ sinh hoạt chuyên đề đủ mỗi quý', top.held, 'count'],
      ['Tỷ lệ chi bộ sinh hoạt chuyên đề (%)', top.percent, 'rate'],
    ]),
    {
      sheet: 'Theo cấp ủy viên',
      title: `Kết quả dự sinh hoạt chi bộ và nộp báo cáo của cấp ủy viên năm ${v.year}`,
      columns: [n('STT', 6), t('Cấp ủy viên', 24), t('Chi bộ phụ trách', 34), ...countCols()],
      rows: v.members.map((m, i): Cell[] => [
        i + 1,
        m.observerName,
        m.cells.join('; '),
        ...countCells(m),
      ]),
      ...(v.members.length ? { totals: [null, TOTAL, null, ...countCells(tot)] } : {}),
      empty: 'Không có cấp ủy viên nào được phân công trong năm.',
    },
    {
      sheet: 'Kiến nghị theo cấp ủy viên',
      title: `Kiến nghị, đề xuất nêu trong báo cáo của cấp ủy viên năm ${v.year} và kết quả xử lý`,
      columns: [n('STT', 6), t('Cấp ủy viên', 24), n('Số báo cáo đã nộp', 12), ...issueCols()],
      rows: v.members.map((m, i): Cell[] => [
        i + 1,
        m.observerName,
        m.reportsFiled,
        ...issueCells(m.issues),
      ]),
      ...(v.members.length
        ? { totals: [null, TOTAL, tot.reportsFiled, ...issueCells(tot.issues)] }
        : {}),
      empty: 'Không có cấp ủy viên nào được phân công trong năm.',
    },
    {
      sheet: 'Theo đơn vị',
      title: `Kết quả theo đơn vị năm ${v.year}`,
      columns: [
        t('Đơn vị', 34),
        n('Số cấp ủy viên', 10),
        ...countCols(),
        n('Kiến nghị phát sinh', 12),
        n('Kiến nghị quá hạn', 12),
      ],
      rows: v.bodies.map((b): Cell[] => [
        b.bodyName,
        b.members,
        ...countCells(b),
        b.issues.raised,
        b.issues.overdue,
      ]),
      ...(v.bodies.length > 1
        ? {
            totals: [TOTAL, tot.members, ...countCells(tot), tot.issues.raised, tot.issues.overdue],
          }
        : {}),
      empty: 'Không có phân công nào trong năm.',
    },
    {
      sheet: 'Sinh hoạt chuyên đề',
      title: `Chi bộ tổ chức sinh hoạt chuyên đề năm ${v.year} (ít nhất một lần mỗi quý)`,
      columns: [
        t('Đơn vị', 34),
        t('Kỳ', 14),
        n('Chi bộ phải sinh hoạt', 12),
        n('Chi bộ có sinh hoạt chuyên đề', 14),
        p('Tỷ lệ (%)', 10),
      ],
      rows: [
        ...v.bodies,
        ...(v.bodies.length > 1 ? [{ bodyName: TOTAL, topical: top }] : []),
      ].flatMap((b) => [
        ...b.topical.quarters.map((q): Cell[] => [
          b.bodyName,
          `Quý ${QUARTERS[q.quarter - 1]}${q.ended ? '' : ' (chưa hết quý)'}`,
          q.expected,
          q.held,
          q.percent,
        ]),
        [b.bodyName, 'Cả năm (đủ mỗi quý)', b.topical.expected, b.topical.held, b.topical.percent],
      ]),
      empty: 'Không có chi bộ nào phải sinh hoạt trong năm.',
    },
    ...presenceTables(
      v.bodies.map((b) => ({ ...b.presence, bodyName: b.bodyName })),
      tot.presence,
      `năm ${v.year}`,
      presenceSentences(tot.presence, `năm ${v.year}`),
    ),
  ];
}

/** The year view in the Party's administrative layout: heading, title, numbered sections, closing. */
export function yearDocSpec(
  ctx: BodyContext,
  v: YearViewResponse,
  tables: readonly ExportTable[],
  now: Date,
  issued?: IssuedDocument,
): DocSpec {
  const local = toLocalIso(now);
  return {
    title: `Báo cáo kết quả dự sinh hoạt chi bộ năm ${v.year}`,
    blocks: [
      { kind: 'header', header: documentHeader(ctx, now, issued?.number) },
      {
        kind: 'lines',
        lines: [
          { text: 'BÁO CÁO', bold: true, align: 'center', size: 30, before: 360 },
          {
            text: `Kết quả dự sinh hoạt chi bộ, nộp báo cáo và theo dõi kiến nghị của cấp ủy viên năm ${v.year}`,
            bold: true,
            align: 'center',
            size: 28,
          },
          {
            text: `(Phục vụ đánh giá, xếp loại cuối năm; số liệu đến ${local.slice(11, 16)} ngày ${vnDate(local)})`,
            italics: true,
            align: 'center',
            size: 24,
            after: 240,
          },
        ],
      },
      ...numberedSections(tables),
      closingOf(issued?.config ?? defaultDocumentConfig(ctx)),
    ],
  };
}

/** The year view as an XLSX, DOCX or CSV file (XLSX and DOCX built in a worker thread). */
export async function exportYearView(
  db: Db,
  ctx: BodyContext,
  v: YearViewResponse,
  format: ExportFormat,
  now: Date,
  csvLocale: CsvLocale = 'en',
): Promise<ExportFile> {
  const tables = yearTables(v);
  return exportFile({
    tables,
    subject: `${ctx.body.name} — năm ${v.year}. ${exportedAt(now)}`,
    stem: `tong-hop-nam-${ctx.body.id}-${v.year}`,
    format,
    csvLocale,
    // Filed like the monthly synthesis: the body's next number, its signer and recipients.
    docSpec: async () => yearDocSpec(ctx, v, tables, now, await issueDocument(db, ctx, now)),
  });
}
