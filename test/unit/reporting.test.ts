import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPORTING,
  DEFAULT_SUBMISSION_LIMITS,
  ReportingConfig,
  SubmissionLimits,
  daysInMonth,
  defaultMeetingDate,
  isReportOnTime,
  reportDueDate,
} from '@duhop/shared';

describe('DEFAULT_REPORTING', () => {
  it('is the schema defaults, written out so that reading it needs no zod', () => {
    expect(DEFAULT_REPORTING).toEqual(ReportingConfig.parse({}));
    expect(DEFAULT_SUBMISSION_LIMITS).toEqual(SubmissionLimits.parse({}));
  });
});

describe('reportDueDate', () => {
  it.each([
    ['2026-11-03', DEFAULT_REPORTING, '2026-11-09'],
    ['2026-11-01', DEFAULT_REPORTING, '2026-11-09'],
    ['2026-11-09', DEFAULT_REPORTING, '2026-11-09'],
    ['2026-11-10', DEFAULT_REPORTING, '2026-11-15'],
    ['2026-11-28', DEFAULT_REPORTING, '2026-12-03'],
    ['2026-12-30', DEFAULT_REPORTING, '2027-01-04'],
    ['2026-02-03', { dueBeforeDay: 31, lateMeetingGraceDays: 5 }, '2026-02-28'],
    ['2026-11-03', { dueBeforeDay: 15, lateMeetingGraceDays: 0 }, '2026-11-14'],
    ['2026-11-20', { dueBeforeDay: 15, lateMeetingGraceDays: 0 }, '2026-11-20'],
  ])('meeting %s with %j → %s', (meeting, cfg, due) => {
    expect(reportDueDate(meeting, cfg)).toBe(due);
  });
});

describe('isReportOnTime (local date at +07:00)', () => {
  it.each([
    ['2026-11-03', '2026-11-03T12:00:00Z', true, 'same day'],
    ['2026-11-03', '2026-11-08T20:00:00Z', true, '03:00 on the 9th locally'],
    ['2026-11-03', '2026-11-09T16:59:59Z', true, '23:59:59 on the 9th locally'],
    ['2026-11-03', '2026-11-09T17:00:00Z', false, '00:00 on the 10th locally'],
    ['2026-11-03', '2026-11-10T05:00:00Z', false, 'the 10th'],
    ['2026-11-03', '2026-11-11T02:00:00Z', false, 'the 11th'],
    ['2026-11-10', '2026-11-11T02:00:00Z', true, 'late meeting, next day'],
    ['2026-11-10', '2026-11-15T16:59:59Z', true, 'late meeting, last day of grace'],
    ['2026-11-10', '2026-11-15T17:00:00Z', false, 'late meeting, grace over'],
  ])('meeting %s, submitted %s → %s (%s)', (meeting, at, onTime) => {
    expect(isReportOnTime(new Date(at), meeting, DEFAULT_REPORTING)).toBe(onTime);
  });

  it('judges by the given offset', () => {
    expect(
      isReportOnTime(new Date('2026-11-09T20:00:00Z'), '2026-11-03', DEFAULT_REPORTING, 0),
    ).toBe(true);
    expect(isReportOnTime(new Date('2026-11-09T20:00:00Z'), '2026-11-03', DEFAULT_REPORTING)).toBe(
      false,
    );
  });
});

describe('ReportingConfig', () => {
  it.each([
    [{}, true],
    [{ dueBeforeDay: 1 }, false],
    [{ dueBeforeDay: 32 }, false],
    [{ lateMeetingGraceDays: -1 }, false],
  ])('%j valid: %s', (input, ok) => {
    expect(ReportingConfig.safeParse(input).success).toBe(ok);
    expect(DEFAULT_REPORTING).toEqual({ dueBeforeDay: 10, lateMeetingGraceDays: 5 });
  });
});

describe('defaultMeetingDate', () => {
  it.each([
    ['2026-11', 3, '2026-11-03'],
    ['2026-02', 31, '2026-02-28'],
    ['2028-02', 30, '2028-02-29'],
    ['2026-04', 31, '2026-04-30'],
    ['2026-11', 0, '2026-11-01'],
  ])('%s on day %i → %s', (month, day, date) => {
    expect(defaultMeetingDate(month, day)).toBe(date);
  });

  it.each([
    ['2026-02', 28],
    ['2028-02', 29],
    ['2100-02', 28],
    ['2026-12', 31],
  ])('daysInMonth(%s) = %i', (month, n) => {
    expect(daysInMonth(month)).toBe(n);
  });

  it('refuses a malformed month', () => {
    expect(() => defaultMeetingDate('2026-13', 3)).toThrow(RangeError);
  });
});
