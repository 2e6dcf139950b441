import {
  BAND_LABELS,
  COMPLIANCE_STATUS_LABELS,
  STATUS_LABELS,
  vnDate,
  vnMonth,
  type ComplianceItem,
  type SynthesisResponse,
} from '@duhop/shared';

export type Cell = string | number | null;

export interface ExportColumn {
  header: string;
  /** Width in characters (spreadsheet) and relative width (document). */
  width: number;
  /** Numbers are right-aligned; `decimal` ones shown with up to 2 decimals. */
  kind?: 'text' | 'int' | 'decimal';
}

/** One table of an export: a sheet in XLSX, a numbered section in DOCX, a block in CSV. */
export interface ExportTable {
  /** Sheet name: at most 31 characters, none of : \ / ? * [ ]. */
  sheet: string;
  title: string;
  columns: ExportColumn[];
  rows: Cell[][];
  /** Shown instead of an empty table. */
  empty?: string;
}

const n = (header: string, width = 12): ExportColumn => ({ header, width, kind: 'int' });
const d = (header: string, width = 12): ExportColumn => ({ header, width, kind: 'decimal' });
const t = (header: string, width = 30): ExportColumn => ({ header, width, kind: 'text' });

/**
 * The synthesis as tables, in the order of the printed report. Every table is present even when
 * empty (an honest "no data" rather than a missing section); `items` is the month's compliance list.
 */
export function synthesisTables(
  s: SynthesisResponse,
  items: readonly ComplianceItem[],
): ExportTable[] {
  const r = s.reports;
  const issueCols = [
    n('Phát sinh'),
    n('Đã giải quyết xong', 14),
    n('Đã trả lời', 12),
    n('Đang xử lý', 12),
    n('Quá hạn', 10),
  ];
  const issueCells = (x: SynthesisResponse['issues']) => [
    x.raised,
    x.resolved,
    x.answered,
    x.open,
    x.overdue,
  ];
  return [
    {
      sheet: 'Tổng hợp',
      title: `Tổng hợp báo cáo dự sinh hoạt chi bộ ${vnMonth(s.month)}`,
      columns: [t('Chỉ tiêu', 44), d('Số liệu', 14)],
      rows: [
        ['Số báo cáo phải nộp theo phân công', r.expected],
        ['Số báo cáo đã nộp', r.filed],
        ['Nộp đúng hạn', r.onTime],
        ['Nộp trễ hạn', r.late],
        ['Chưa nộp', r.missing],
        ['Tỷ lệ nộp đúng hạn (%)', r.onTimeRate],
        ['Điểm bình quân (cấp ủy viên chấm)', r.averageScore],
        ['Điểm bình quân (chi bộ tự chấm)', r.averageSelfScore],
        ['Kiến nghị phát sinh', s.issues.raised],
        ['Kiến nghị đã giải quyết xong', s.issues.resolved],
        ['Kiến nghị quá hạn', s.issues.overdue],
        // Last, so that the rows above keep their places: not filed, not due yet, not in the rate.
        ['Báo cáo chưa đến hạn nộp (không tính vào tỷ lệ)', r.notDue ?? 0],
      ],
    },
    {
      sheet: 'Theo đơn vị',
      title: 'Kết quả nộp báo cáo theo đơn vị',
      columns: [
        t('Đơn vị', 40),
        n('Phải nộp'),
        n('Đã nộp'),
        n('Đúng hạn'),
        n('Trễ hạn'),
        n('Chưa nộp'),
        d('Tỷ lệ đúng hạn (%)', 16),
        d('Điểm bình quân', 14),
        n('Chưa đến hạn'),
      ],
      rows: s.bodies.map((b) => [
        b.bodyName,
        b.expected,
        b.filed,
        b.onTime,
        b.late,
        b.missing,
        b.onTimeRate,
        b.averageScore,
        b.notDue ?? 0,
      ]),
      empty: 'Không có phân công hoặc báo cáo nào trong tháng.',
    },
    {
      sheet: 'Xếp loại',
      title: 'Xếp loại chất lượng sinh hoạt chi bộ',
      columns: [t('Xếp loại', 20), n('Số báo cáo'), d('Tỷ lệ (%)')],
      rows: s.bands.map((b) => [b.label, b.count, b.percent]),
    },
    {
      sheet: 'Nhóm tiêu chí',
      title: 'Điểm bình quân theo nhóm tiêu chí',
      columns: [
        t('Bộ tiêu chí', 16),
        t('Nhóm tiêu chí', 50),
        d('Điểm tối đa'),
        d('Điểm bình quân', 14),
        n('Số báo cáo'),
      ],
      rows: s.groups.map((g) => [g.criteriaSetId, g.title, g.maxPoints, g.average, g.reports]),
      empty: 'Chưa có báo cáo nào trong tháng.',
    },
    {
      sheet: 'Chênh lệch tự chấm',
      title: `Chi bộ có điểm tự chấm chênh lệch trên ${s.gap} điểm so với cấp ủy viên chấm`,
      columns: [
        t('Chi bộ', 34),
        t('Cấp ủy viên dự', 24),
        t('Ngày họp', 12),
        d('Điểm cấp ủy viên chấm', 14),
        d('Điểm chi bộ tự chấm', 14),
        d('Chênh lệch', 12),
      ],
      rows: s.gaps.map((g) => [
        g.cellName,
        g.observerName,
        vnDate(g.meetingDate),
        g.score,
        g.cellSelfScore,
        g.difference,
      ]),
      empty: 'Không có chi bộ nào chênh lệch quá mức này.',
    },
    {
      sheet: 'Kiến nghị theo lĩnh vực',
      title: 'Kiến nghị, đề xuất theo lĩnh vực',
      columns: [t('Lĩnh vực', 32), ...issueCols],
      rows: s.issues.byCategory.map((c) => [c.label, ...issueCells({ ...s.issues, ...c })]),
      empty: 'Không có kiến nghị nào phát sinh trong tháng.',
    },
    {
      sheet: 'Kiến nghị theo cơ quan',
      title: 'Kiến nghị, đề xuất theo cơ quan chịu trách nhiệm',
      columns: [t('Cơ quan', 40), ...issueCols],
      rows: s.issues.byBody.map((b) => [b.bodyName, ...issueCells({ ...s.issues, ...b })]),
      empty: 'Không có kiến nghị nào phát sinh trong tháng.',
    },
    {
      sheet: 'Thời gian xử lý',
      title: 'Thời gian xử lý kiến nghị (trung vị, ngày làm việc)',
      columns: [t('Chỉ tiêu', 40), d('Trung vị (ngày làm việc)', 16), n('Số kiến nghị', 12)],
      rows: [
        [
          'Từ khi chuyển đến khi tiếp nhận',
          s.handling.acknowledge.median,
          s.handling.acknowledge.count,
        ],
        [
          'Từ khi chuyển đến khi giải quyết xong',
          s.handling.resolve.median,
          s.handling.resolve.count,
        ],
        ...Object.entries(s.issues.byStatus).map(([st, count]): Cell[] => [
          `Trạng thái: ${STATUS_LABELS[st as keyof typeof STATUS_LABELS] ?? st}`,
          null,
          count ?? 0,
        ]),
      ],
    },
    {
      sheet: 'Diễn biến 6 tháng',
      title: 'Diễn biến 6 tháng gần nhất',
      columns: [
        t('Tháng', 10),
        n('Phải nộp'),
        n('Đã nộp'),
        n('Đúng hạn'),
        d('Điểm bình quân', 14),
        n(BAND_LABELS.tot, 8),
        n(BAND_LABELS.kha, 8),
        n(BAND_LABELS.trung_binh, 12),
        n(BAND_LABELS.kem, 8),
        n('Kiến nghị', 10),
        n('Đã giải quyết xong', 14),
      ],
      rows: s.trend.map((m) => [
        `${m.month.slice(5)}/${m.month.slice(0, 4)}`,
        m.expected,
        m.filed,
        m.onTime,
        m.averageScore,
        m.bands.tot,
        m.bands.kha,
        m.bands.trung_binh,
        m.bands.kem,
        m.issuesRaised,
        m.issuesResolved,
      ]),
    },
    {
      sheet: 'Danh sách báo cáo',
      title: 'Danh sách báo cáo theo phân công',
      columns: [
        n('STT', 6),
        t('Đơn vị', 30),
        t('Chi bộ', 32),
        t('Cấp ủy viên', 24),
        t('Ngày họp', 12),
        t('Hạn nộp', 12),
        t('Ngày nộp', 12),
        t('Tình trạng', 12),
      ],
      rows: items.map((i, idx) => [
        idx + 1,
        i.bodyName ?? '',
        i.cellName,
        i.observerName,
        vnDate(i.meetingDate),
        vnDate(i.dueDate),
        vnDate(i.submittedAt),
        COMPLIANCE_STATUS_LABELS[i.status],
      ]),
      empty: 'Không có phân công nào trong tháng.',
    },
  ];
}

/** Gives the event loop a turn: big exports are built in chunks so other requests keep flowing. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An ASCII file name: `bao-cao-tong-hop-hung-nguyen-2026-11.xlsx`. */
export function attachmentName(stem: string, ext: string): string {
  return `${stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '')}.${ext}`;
}

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
} as const;
