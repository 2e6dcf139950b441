/**
 * Periods of validity, as org units, assignments and criteria sets carry them: from `validFrom`
 * to `validTo`, both inclusive, open-ended while `validTo` is null. The one place that says what
 * "open on a date" means (the API's SQL twin is `inForceOn` in api/src/features/org/sql.ts).
 */
export interface ValidityPeriod {
  /** First day in force; absent means "since always". */
  validFrom?: string | null;
  /** Last day in force; null or absent means still in force. */
  validTo?: string | null;
}

/** Whether the period ended before `date` (a unit closed by then: history, not a place for new work). */
export const endedBefore = (p: ValidityPeriod, date: string): boolean =>
  p.validTo != null && p.validTo < date;

/** Whether the period is in force on `date`: started on or before it and not ended before it. */
export const isOpenOn = (p: ValidityPeriod, date: string): boolean =>
  (p.validFrom == null || p.validFrom <= date) && !endedBefore(p, date);
