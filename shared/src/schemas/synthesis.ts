import { z } from 'zod';
import { BandCode } from './criteria.ts';
import { Category, IsoMonth, IssueStatus, Slug, Uuid } from './common.ts';
import { PresenceSummary } from './presence.ts';

/** How many reports fell in each band, every band present. */
const BandCounts = z.object({
  tot: z.number().int(),
  kha: z.number().int(),
  trung_binh: z.number().int(),
  kem: z.number().int(),
}) satisfies z.ZodType<Record<BandCode, number>>;

export const MonthBodyQuery = z.object({ month: IsoMonth, bodyId: Slug.optional() });

/**
 * An expected report: filed on time, filed late, not filed after its due date (missing), or not
 * filed and its due date not yet passed (not_due: neither missing nor in the on-time rate).
 */
export const ComplianceStatus = z.enum(['on_time', 'late', 'missing', 'not_due']);
export type ComplianceStatus = z.infer<typeof ComplianceStatus>;

export const ComplianceItem = z.object({
  cellId: Slug,
  cellName: z.string(),
  observerId: Uuid,
  observerName: z.string(),
  status: ComplianceStatus,
  reportId: Uuid.optional(),
  submittedAt: z.string().optional(),
  /** Meeting date of the report, or the cell's regular meeting date when none was filed. */
  meetingDate: z.string().optional(),
  /** Last day on which the report is (or was) on time. */
  dueDate: z.string().optional(),
  /** The committee (commune/ward, or district in history) the cell belongs to. */
  bodyId: Slug.optional(),
  bodyName: z.string().optional(),
  decisionNo: z.string().nullable().optional(),
});
export type ComplianceItem = z.infer<typeof ComplianceItem>;

export const ComplianceSummary = z.object({
  expected: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  /** Expected but not filed, and the due date has not passed yet (counted in `expected` only). */
  notDue: z.number().int().optional(),
  /**
   * Percent filed on time of the reports already due (`expected − notDue`: a filed report counts
   * whenever filed), one decimal; null when none was due.
   */
  onTimeRate: z.number().nullable(),
});

export const ComplianceResponse = z.object({
  month: IsoMonth.optional(),
  bodyId: Slug.optional(),
  bodyName: z.string().optional(),
  items: z.array(ComplianceItem),
  totals: ComplianceSummary.optional(),
  members: z
    .array(ComplianceSummary.extend({ observerId: Uuid, observerName: z.string() }))
    .optional(),
  bodies: z.array(ComplianceSummary.extend({ bodyId: Slug, bodyName: z.string() })).optional(),
});
export type ComplianceResponse = z.infer<typeof ComplianceResponse>;

export const SynthesisQuery = MonthBodyQuery.extend({
  /** Self-score gap threshold in points (strictly more than this is listed). */
  gap: z.coerce
    .number({ message: 'Độ chênh phải là số' })
    .min(0, 'Không được âm')
    .max(100, 'Tối đa 100 điểm')
    .default(10),
});
export const ExportFormat = z.enum(['xlsx', 'docx', 'csv']);
/** Spreadsheet locale of a CSV export (shared/src/domain/csv.ts `csvOptions`). */
export const CsvLocale = z
  .enum(['en', 'vi'])
  .describe(
    'CSV only: `en` (default) separates fields with `,` and writes a decimal point; `vi` uses `;` and a decimal comma, for a spreadsheet set to Vietnamese. Both are UTF-8 with a BOM.',
  );
export const SynthesisExportQuery = SynthesisQuery.extend({
  format: ExportFormat.default('xlsx'),
  csvLocale: CsvLocale.default('en'),
});
export type CsvLocale = z.infer<typeof CsvLocale>;

const IssueCounts = z.object({
  raised: z.number().int(),
  /** Closed as đã giải quyết xong. */
  resolved: z.number().int(),
  /** Closed with any outcome: resolved, scheduled, explained, rejected or answered at the meeting. */
  answered: z.number().int(),
  /** Answered at the meeting itself (giải đáp tại hội nghị): resolved on the spot, routed to nobody. */
  answeredAtMeeting: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
});

/**
 * Topical meetings (sinh hoạt chuyên đề, at least once a quarter: docs/domain.md): cells expected
 * to meet in a period (a report expected by compliance), and those of them with a topical or
 * combined meeting reported in it. "x/y chi bộ tổ chức sinh hoạt chuyên đề, đạt z %".
 */
export const TopicalCount = z.object({
  expected: z.number().int(),
  held: z.number().int(),
  /** held / expected in percent, one decimal; null when no cell was expected. */
  percent: z.number().nullable(),
});
export type TopicalCount = z.infer<typeof TopicalCount>;

const MedianFigure = z.object({ median: z.number().nullable(), count: z.number().int() });

export const SynthesisResponse = z.object({
  month: IsoMonth,
  bodyId: Slug,
  bodyName: z.string(),
  /** Issue statuses and overdue flags are as of this instant. */
  asOf: z.string(),
  gap: z.number(),
  reports: ComplianceSummary.extend({
    /** Reports filed on meetings of the month (a cell may file more than one: regular and topical). */
    filed: z.number().int(),
    averageScore: z.number().nullable(),
    averageSelfScore: z.number().nullable(),
  }),
  bands: z.array(
    z.object({
      band: BandCode,
      label: z.string(),
      count: z.number().int(),
      percent: z.number().nullable(),
    }),
  ),
  groups: z.array(
    z.object({
      criteriaSetId: z.string(),
      groupId: z.string(),
      title: z.string(),
      maxPoints: z.number().nullable(),
      average: z.number().nullable(),
      reports: z.number().int(),
    }),
  ),
  gaps: z.array(
    z.object({
      reportId: Uuid,
      cellId: z.string(),
      cellName: z.string(),
      observerName: z.string(),
      meetingDate: z.string(),
      score: z.number(),
      cellSelfScore: z.number(),
      /** Self-score minus the observer's score. */
      difference: z.number(),
    }),
  ),
  issues: IssueCounts.extend({
    byStatus: z.partialRecord(IssueStatus, z.number().int()),
    byCategory: z.array(IssueCounts.extend({ category: Category, label: z.string() })),
    byBody: z.array(IssueCounts.extend({ bodyId: z.string(), bodyName: z.string() })),
    /**
     * Issues raised in several places, marked as duplicates of one (issue 16): the counts above
     * hold each group once (its original); here each group with the number of cells that raised it.
     */
    duplicateGroups: z
      .array(
        z.object({
          issueId: Uuid,
          title: z.string(),
          status: IssueStatus,
          issues: z.number().int(),
          cells: z.number().int(),
        }),
      )
      .default([]),
  }),
  handling: z.object({
    /** Working days (Mon–Fri without public holidays) between local dates, as deadlines are counted. */
    unit: z.literal('working_days'),
    acknowledge: MedianFigure,
    resolve: MedianFigure,
  }),
  bodies: z.array(
    ComplianceSummary.extend({
      bodyId: Slug,
      bodyName: z.string(),
      filed: z.number().int(),
      averageScore: z.number().nullable(),
    }),
  ),
  trend: z.array(
    z.object({
      month: IsoMonth,
      expected: z.number().int(),
      filed: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int().optional(),
      missing: z.number().int().optional(),
      /** Expected reports of the month not filed and not yet due (the current month). */
      notDue: z.number().int().optional(),
      averageScore: z.number().nullable(),
      /** Reports of the month per band: every band named (an object, not a record, so the
       * OpenAPI document defines each required property). */
      bands: BandCounts,
      issuesRaised: z.number().int(),
      issuesResolved: z.number().int(),
    }),
  ),
  /** The month's topical meetings: in all, and per committee. */
  topical: TopicalCount.extend({
    byBody: z.array(TopicalCount.extend({ bodyId: Slug, bodyName: z.string() })),
  }),
  /** Meeting formats, members online and away for work, residence members (issue 17). */
  presence: PresenceSummary,
});
export type SynthesisResponse = z.infer<typeof SynthesisResponse>;
