import { z } from 'zod';
import { IssueStatus, MAX_YEAR, MIN_YEAR, Slug, Uuid } from './common.ts';
import { PresenceFigures } from './presence.ts';
import { CsvLocale, ExportFormat, TopicalCount } from './synthesis.ts';

/** A calendar year in MIN_YEAR–MAX_YEAR (query strings carry it as text). */
export const Year = z.coerce
  .number({ message: 'Năm phải là số' })
  .int('Năm phải là số nguyên')
  .min(MIN_YEAR, `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`)
  .max(MAX_YEAR, `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`);

export const YearBodyQuery = z.object({ year: Year, bodyId: Slug.optional() });
export const YearExportQuery = YearBodyQuery.extend({
  format: ExportFormat.default('xlsx'),
  csvLocale: CsvLocale.default('en'),
});
export const MyYearQuery = z.object({ year: Year });

/**
 * A year's reporting record: reports expected by the assignments (compliance, month by month),
 * filed on time or late, missing (due and not filed) and not yet due (the rest of the current year).
 */
export const YearCounts = z.object({
  expected: z.number().int(),
  /** Expected meetings the member attended and reported on (on time + late). */
  attended: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  notDue: z.number().int(),
  /** Percent of the reports already due that were filed on time, one decimal; null when none was due. */
  onTimeRate: z.number().nullable(),
});
export type YearCounts = z.infer<typeof YearCounts>;

/** Issues raised in the reports of the year, by how they stand now. */
export const YearIssueCounts = z.object({
  raised: z.number().int(),
  /** Closed as đã giải quyết xong. */
  resolved: z.number().int(),
  /** Closed with another answer: explained, scheduled, rejected… */
  otherAnswer: z.number().int(),
  /** Not closed yet and within their deadlines. */
  inProgress: z.number().int(),
  /** Not closed and past a deadline. */
  overdue: z.number().int(),
  byStatus: z.partialRecord(IssueStatus, z.number().int()),
});
export type YearIssueCounts = z.infer<typeof YearIssueCounts>;

export const YearQuarter = TopicalCount.extend({
  quarter: z.number().int().min(1).max(4),
  /** The quarter is over (its figures are final). */
  ended: z.boolean(),
});

export const YearTopical = TopicalCount.extend({
  /** By quarter: cells expected in the quarter, and those that held a topical meeting in it. */
  quarters: z.array(YearQuarter),
});

export const YearMemberRow = YearCounts.extend({
  observerId: Uuid,
  observerName: z.string(),
  /** The cells the member was expected to attend during the year (names, reading order). */
  cells: z.array(z.string()),
  /** Every report the member filed on those cells in the year (topical meetings included). */
  reportsFiled: z.number().int(),
  issues: YearIssueCounts,
});
export type YearMemberRow = z.infer<typeof YearMemberRow>;

export const YearBodyRow = YearCounts.extend({
  bodyId: Slug,
  bodyName: z.string(),
  members: z.number().int(),
  reportsFiled: z.number().int(),
  issues: YearIssueCounts,
  topical: YearTopical,
  /** Meeting formats, members online and away for work, residence members over the year (issue 17). */
  presence: PresenceFigures,
});
export type YearBodyRow = z.infer<typeof YearBodyRow>;

export const YearViewResponse = z.object({
  year: z.number().int(),
  bodyId: Slug,
  bodyName: z.string(),
  /** Counts are as of this instant (issue statuses, what is due). */
  asOf: z.string(),
  /** One row per member assigned to a cell under the body during the year, by name. */
  members: z.array(YearMemberRow),
  /** One row per committee the cells belong to, by name. */
  bodies: z.array(YearBodyRow),
  totals: YearCounts.extend({
    members: z.number().int(),
    reportsFiled: z.number().int(),
    issues: YearIssueCounts,
    topical: YearTopical,
    presence: PresenceFigures,
  }),
});
export type YearViewResponse = z.infer<typeof YearViewResponse>;
