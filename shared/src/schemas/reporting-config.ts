import { z } from 'zod';

// The schemas of domain/reporting.ts's configuration, apart from it: the extension's pages use
// its date rules without loading zod.

/**
 * When a monthly attendance report is due (docs/domain.md: before the 10th of the meeting's month).
 * A meeting held on or after `dueBeforeDay` gets `lateMeetingGraceDays` calendar days after the
 * meeting instead. Configuration, so a province can change it without code.
 */
export const ReportingConfig = z.object({
  dueBeforeDay: z.number().int().min(2).max(31).default(10),
  lateMeetingGraceDays: z.number().int().min(0).max(60).default(5),
});
export type ReportingConfig = z.infer<typeof ReportingConfig>;

/**
 * What one member may submit, set per province like the rules above (`config.settings[].limits`):
 * one member once filed 200 reports of 50 issues in 17 s and flooded a commune's inbox. Generous
 * for real work (a member attends a handful of cells), finite against a runaway client or account.
 */
export const SubmissionLimits = z.object({
  maxReportsPerMemberPerDay: z.number().int().min(1).max(10_000).default(50),
  maxIssuesPerReport: z.number().int().min(1).max(50).default(30),
});
export type SubmissionLimits = z.infer<typeof SubmissionLimits>;
