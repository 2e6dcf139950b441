import {
  BAND_LABELS,
  percent,
  COMPLIANCE_STATUS_LABELS,
  STATUS_LABELS,
  toLocalIso,
  vnDate,
  vnMonth,
  type ComplianceItem,
  type PresenceFigures,
  type SynthesisResponse,
} from '@duhop/shared';

export type Cell = string | number | null;

/**
 * What a column holds, which decides how each file shows it:
 * - `count`: whole numbers (XLSX `#,##0`; a totals row sums them);
 * - `rate`: a percentage as a number of percent (33.3 for 33,3 %; XLSX stores 0.333 as `0.0%`);
 * - `number`: other figures (points, medians): up to 2 decimals;
 * - `date`: a date written `dd/mm/yyyy` (or `yyyy-mm-dd`): a real date cell `dd/mm/yyyy` in XLSX;
 * - `text`: anything else (a number found in a text column is shown as a number).
 */
export type ColumnType = 'text' | 'count' | 'rate' | 'number' | 'date';

export interface ExportColumn {
  header: string;
  /** Width in characters (spreadsheet: the most a text column takes) and relative width (document). */
  width: number;
  /** What the values are; when absent, taken from `kind`, else `text` (see `columnType`). */
  type?: ColumnType;
  /** The former name of `type`: `int` is a count, `decimal` a number. Numbers are right-aligned. */
  kind?: 'text' | 'int' | 'decimal';
}

/** One table of an export: a sheet in XLSX, a numbered section in DOCX, a block in CSV. */
export interface ExportTable {
  /** Sheet name: at most 31 characters, none of : \ / ? * [ ]. */
  sheet: string;
  title: string;
  columns: ExportColumn[];
  rows: Cell[][];
  /**
   * Per row, a type for the row's figures instead of their columns' (a table of mixed figures such
   * as "Chỉ tiêu | Số liệu"): applies to the row's cells whose column is not `text`.
   */
  rowTypes?: (ColumnType | null | undefined)[];
  /** A totals row after the rows ("Tổng cộng"): see `totalsRow`. */
  totals?: Cell[];
  /** Shown instead of an empty table. */
  empty?: string;
  /** DOCX only: paragraphs printed between the section's heading and its table. */
  intro?: string[];
}

/** The type of a column: `type`, else the former `kind` (`int` → count, `decimal` → number), else text. */
export function columnType(c: ExportColumn | undefined): ColumnType {
  if (c?.type) return c.type;
  return c?.kind === 'int' ? 'count' : c?.kind === 'decimal' ? 'number' : 'text';
}

/** The type of the cell at row `r`, column `i` of a table (`rowTypes` before the column's). */
export function cellType(table: ExportTable, r: number, i: number): ColumnType {
  const col = columnType(table.columns[i]);
  return (col !== 'text' && table.rowTypes?.[r]) || col;
}

/**
 * The totals row of a table: `label` in the first column, the sum of every `count` column, and in
 * other columns the value given in `computed` (by column index) or nothing. Rates and averages are
 * never summed: the caller recomputes them from the totals (`percent(onTime, expected)`).
 */
export function totalsRow(
  columns: readonly ExportColumn[],
  rows: readonly (readonly Cell[])[],
  label: string,
  computed: Record<number, Cell> = {},
): Cell[] {
  return columns.map((c, i) => {
    if (i === 0) return label;
    if (i in computed) return computed[i]!;
    if (columnType(c) !== 'count') return null;
    return rows.reduce<number>((sum, r) => sum + (typeof r[i] === 'number' ? r[i] : 0), 0);
  });
}

/** "Xuất lúc 25/11/2026 10:00": when a file was made, in Vietnam's time (UTC+7). */
export function exportedAt(now: Date): string {
  const local = toLocalIso(now);
  return `Xuất lúc ${vnDate(local)} ${local.slice(11, 16)}`;
}

const TOTAL = 'Tổng cộng';
const n = (header: string, width = 12): ExportColumn => ({ header, width, type: 'count' });
const d = (header: string, width = 12): ExportColumn => ({ header, width, type: 'number' });
const p = (header: string, width = 12): ExportColumn => ({ header, width, type: 'rate' });
const day = (header: string, width = 12): ExportColumn => ({ header, width, type: 'date' });
const t = (header: string, width = 30): ExportColumn => ({ header, width, type: 'text' });

/**
 * A two-column table of mixed figures ("Chỉ tiêu | Số liệu"), each row typed on its own: a count,
 * a rate or a number (`rowTypes`).
 */
export function figures(
  sheet: string,
  title: string,
  lines: readonly [label: string, value: number | null, type: ColumnType][],
): ExportTable {
  return {
    sheet,
    title,
    columns: [t('Chỉ tiêu', 44), n('Số liệu', 14)],
    rows: lines.map(([label, value]) => [label, value]),
    rowTypes: lines.map(([, , type]) => type),
  };
}

/** A table whose totals row sums its counts; `computed` gives the other columns' totals. */
function withTotals(table: ExportTable, computed: Record<number, Cell> = {}): ExportTable {
  return table.rows.length
    ? { ...table, totals: totalsRow(table.columns, table.rows, TOTAL, computed) }
    : table;
}

/**
 * The synthesis as tables, in the order of the printed report. Every table is present even when
 * empty (an honest "no data" rather than a missing section); `items` is the month's compliance list.
 */
export function synthesisTables(
  s: SynthesisResponse,
  items: readonly ComplianceItem[],
  /** Criteria sets' names by id: tables name a set, never show its id. */
  setNames: ReadonlyMap<string, string> = new Map(),
): ExportTable[] {
  const r = s.reports;
  const bandTotal = s.bands.reduce((sum, b) => sum + b.count, 0);
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
    figures('Tổng hợp', `Tổng hợp báo cáo dự sinh hoạt chi bộ ${vnMonth(s.month)}`, [
      ['Số báo cáo phải nộp theo phân công', r.expected, 'count'],
      ['Số báo cáo đã nộp', r.filed, 'count'],
      ['Nộp đúng hạn', r.onTime, 'count'],
      ['Nộp trễ hạn', r.late, 'count'],
      ['Chưa nộp', r.missing, 'count'],
      ['Tỷ lệ nộp đúng hạn (%)', r.onTimeRate, 'rate'],
      ['Điểm bình quân (cấp ủy viên chấm)', r.averageScore, 'number'],
      ['Điểm bình quân (chi bộ tự chấm)', r.averageSelfScore, 'number'],
      ['Kiến nghị phát sinh', s.issues.raised, 'count'],
      ['Kiến nghị đã giải quyết xong', s.issues.resolved, 'count'],
      ['Kiến nghị giải đáp tại hội nghị', s.issues.answeredAtMeeting, 'count'],
      ['Kiến nghị quá hạn', s.issues.overdue, 'count'],
      ['Chi bộ phải sinh hoạt trong tháng', s.topical.expected, 'count'],
      ['Chi bộ tổ chức sinh hoạt chuyên đề', s.topical.held, 'count'],
      ['Tỷ lệ chi bộ sinh hoạt chuyên đề (%)', s.topical.percent, 'rate'],
      // Not filed and not due yet: in neither the missing count nor the rate.
      ['Báo cáo chưa đến hạn nộp (không tính vào tỷ lệ)', r.notDue ?? 0, 'count'],
    ]),
    withTotals(
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
          p('Tỷ lệ đúng hạn (%)', 16),
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
      // The bodies partition the month's reports: the rate and the average are the month's own.
      {
        6: percent(
          s.bodies.reduce((sum, b) => sum + b.onTime, 0),
          s.bodies.reduce((sum, b) => sum + b.expected - (b.notDue ?? 0), 0),
        ),
        7: r.averageScore,
      },
    ),
    withTotals(
      {
        sheet: 'Xếp loại',
        title: 'Xếp loại chất lượng sinh hoạt chi bộ',
        columns: [t('Xếp loại', 20), n('Số báo cáo'), p('Tỷ lệ (%)')],
        rows: s.bands.map((b) => [b.label, b.count, b.percent]),
      },
      { 2: percent(bandTotal, bandTotal) },
    ),
    groupsTable(s, setNames),
    {
      sheet: 'Chênh lệch tự chấm',
      title: `Chi bộ có điểm tự chấm chênh lệch trên ${s.gap} điểm so với cấp ủy viên chấm`,
      columns: [
        t('Chi bộ', 34),
        t('Cấp ủy viên dự', 24),
        day('Ngày họp', 12),
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
    withTotals({
      sheet: 'Kiến nghị theo lĩnh vực',
      title: 'Kiến nghị, đề xuất theo lĩnh vực',
      columns: [t('Lĩnh vực', 32), ...issueCols],
      rows: s.issues.byCategory.map((c) => [c.label, ...issueCells({ ...s.issues, ...c })]),
      empty: 'Không có kiến nghị nào phát sinh trong tháng.',
    }),
    withTotals({
      sheet: 'Kiến nghị theo cơ quan',
      title: 'Kiến nghị, đề xuất theo cơ quan chịu trách nhiệm',
      columns: [t('Cơ quan', 40), ...issueCols],
      rows: s.issues.byBody.map((b) => [b.bodyName, ...issueCells({ ...s.issues, ...b })]),
      empty: 'Không có kiến nghị nào phát sinh trong tháng.',
    }),
    {
      // Duplicates count once in the tables above (as their original); each group here.
      sheet: 'Kiến nghị trùng',
      title: 'Kiến nghị nhiều chi bộ cùng nêu (tính một lần)',
      columns: [t('Kiến nghị', 48), t('Trạng thái', 20), n('Số chi bộ', 10), n('Số kiến nghị', 12)],
      rows: (s.issues.duplicateGroups ?? []).map((g): Cell[] => [
        g.title,
        STATUS_LABELS[g.status] ?? g.status,
        g.cells,
        g.issues,
      ]),
      empty: 'Không có kiến nghị trùng trong tháng.',
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
    withTotals({
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
    }),
    {
      sheet: 'Danh sách báo cáo',
      title: 'Danh sách báo cáo theo phân công',
      columns: [
        n('STT', 6),
        t('Đơn vị', 30),
        t('Chi bộ', 32),
        t('Cấp ủy viên', 24),
        day('Ngày họp', 12),
        day('Hạn nộp', 12),
        day('Ngày nộp', 12),
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
    withTotals(
      {
        sheet: 'Sinh hoạt chuyên đề',
        title: `Chi bộ tổ chức sinh hoạt chuyên đề ${vnMonth(s.month)}`,
        columns: [
          t('Đơn vị', 40),
          n('Chi bộ phải sinh hoạt', 12),
          n('Chi bộ có sinh hoạt chuyên đề', 14),
          p('Tỷ lệ (%)', 10),
        ],
        rows: s.topical.byBody.map((b): Cell[] => [b.bodyName, b.expected, b.held, b.percent]),
        empty: 'Không có chi bộ nào phải sinh hoạt trong tháng.',
      },
      { 3: s.topical.percent },
    ),
    ...presenceTables(s.presence.byBody, s.presence, vnMonth(s.month)),
  ];
}

/**
 * The presence figures (issue 17) as two tables, per committee and in total (`period`: "tháng 11
 * năm 2026", "năm 2026"): residence members ("đảng viên 76"), then meetings online or combined with
 * members away for work. The totals row is the subtree's own figures (rates never summed).
 */
export function presenceTables(
  byBody: readonly (PresenceFigures & { bodyName: string })[],
  total: PresenceFigures,
  period: string,
  /** `presenceSentences`: the first printed before the residence table, the others before the second (DOCX). */
  sentences: readonly string[] = [],
): ExportTable[] {
  const meetingCells = (f: PresenceFigures): Cell[] => [
    f.meetings.total,
    f.meetings.inPerson,
    f.meetings.online,
    f.meetings.combined,
    f.meetings.onlineOrCombinedPercent,
    f.attendance.present,
    f.attendance.presentOnline,
    f.attendance.awayForWork,
    f.attendance.awayForWorkCells,
  ];
  const residenceCells = (f: PresenceFigures): Cell[] => [
    f.residence.registered,
    f.residence.introduced,
    f.residence.received,
    f.residence.receivedByEnd,
    f.residence.receivedPercent,
    f.residence.present,
    f.residence.expected,
    f.residence.attendancePercent,
    f.residence.assessed,
    f.residence.good,
    f.residence.goodPercent,
    f.residence.unassessed,
  ];
  // No committee to list (a year view without assignments): the total alone, as its only row.
  const rowsOf = (cells: (f: PresenceFigures) => Cell[]) =>
    byBody.length
      ? {
          rows: byBody.map((b): Cell[] => [b.bodyName, ...cells(b)]),
          totals: [TOTAL, ...cells(total)],
        }
      : { rows: [[TOTAL, ...cells(total)]] };
  return [
    {
      sheet: 'Đảng viên nơi cư trú',
      title: `Đảng viên đang công tác giữ mối liên hệ với chi bộ nơi cư trú ${period} (nhận xét năm ${total.residence.year})`,
      columns: [
        t('Đơn vị', 30),
        n('Đang giữ mối liên hệ', 10),
        n('Giới thiệu trong kỳ', 10),
        n('Tiếp nhận trong kỳ', 10),
        n('Đã tiếp nhận', 10),
        p('Tỷ lệ tiếp nhận (%)', 10),
        n('Lượt dự sinh hoạt', 10),
        n('Lượt phải dự', 10),
        p('Tỷ lệ tham gia sinh hoạt (%)', 11),
        n('Đã nhận xét', 10),
        n('Hoàn thành tốt nhiệm vụ', 11),
        p('Tỷ lệ hoàn thành tốt (%)', 11),
        n('Chưa nhận xét', 10),
      ],
      ...rowsOf(residenceCells),
      ...(sentences.length ? { intro: sentences.slice(0, 1) } : {}),
    },
    {
      sheet: 'Trực tuyến, đi làm ăn xa',
      title: `Sinh hoạt trực tuyến, kết hợp và đảng viên đi làm ăn xa ${period}`,
      columns: [
        t('Đơn vị', 34),
        n('Số buổi sinh hoạt', 10),
        n('Trực tiếp', 10),
        n('Trực tuyến', 10),
        n('Kết hợp', 10),
        p('Tỷ lệ trực tuyến, kết hợp (%)', 12),
        n('Lượt đảng viên có mặt', 12),
        n('Trong đó dự trực tuyến', 12),
        n('Đảng viên đi làm ăn xa', 12),
        n('Số chi bộ ghi nhận đi làm ăn xa', 12),
      ],
      ...rowsOf(meetingCells),
      ...(sentences.length > 1 ? { intro: sentences.slice(1) } : {}),
    },
  ];
}

/**
 * Average points per criteria group. The set is named, never shown by its id: in the title when
 * the month used one set, in a column of its own when it used several.
 */
function groupsTable(s: SynthesisResponse, setNames: ReadonlyMap<string, string>): ExportTable {
  const name = (id: string) => setNames.get(id) ?? id;
  const ids = [...new Set(s.groups.map((g) => g.criteriaSetId))];
  const one = ids.length === 1;
  return {
    sheet: 'Nhóm tiêu chí',
    title: `Điểm bình quân theo nhóm tiêu chí${one ? ` (${name(ids[0]!)})` : ''}`,
    columns: [
      ...(one ? [] : [t('Bộ tiêu chí', 22)]),
      t('Nhóm tiêu chí', 50),
      d('Điểm tối đa'),
      d('Điểm bình quân', 14),
      n('Số báo cáo'),
    ],
    rows: s.groups.map((g) => [
      ...(one ? [] : [name(g.criteriaSetId)]),
      g.title,
      g.maxPoints,
      g.average,
      g.reports,
    ]),
    empty: 'Chưa có báo cáo nào trong tháng.',
  };
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
