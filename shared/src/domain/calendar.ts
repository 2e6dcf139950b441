/**
 * Working-day arithmetic on `YYYY-MM-DD` dates, and the local-time helpers that turn instants
 * into Vietnamese calendar dates. Everything is computed in UTC with an explicit offset, so the
 * machine's own time zone never leaks in. Holidays are data passed in (`makeCalendar`).
 */

/** Asia/Ho_Chi_Minh: UTC+07:00 all year (no daylight saving time). */
export const VN_OFFSET_MIN = 420;

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Guard against a calendar with no working day at all (an endless loop otherwise). */
const MAX_SCAN_DAYS = 3_660;

/** Days off and worked Saturdays, indexed for lookup. Build it with `makeCalendar`. */
export interface Calendar {
  readonly holidays: ReadonlySet<string>;
  readonly workingWeekends: ReadonlySet<string>;
  /** Years for which the holiday data is complete, or null when no holiday was given. */
  readonly years: { readonly from: number; readonly to: number } | null;
}

type DateLike = string | { readonly date: string };
const dateOf = (d: DateLike): string => (typeof d === 'string' ? d : d.date);

/**
 * Builds a calendar from holiday rows (or bare dates) and the weekend days that are worked.
 * Throws RangeError on a malformed date, so bad configuration fails at start-up.
 * @example makeCalendar(VN_HOLIDAYS, VN_WORKING_WEEKENDS)
 */
export function makeCalendar(holidays: Iterable<DateLike>, workingWeekends: Iterable<DateLike> = []): Calendar {
  const h = new Set<string>();
  for (const d of holidays) h.add(parseDate(dateOf(d)));
  const years = [...h].map((d) => Number(d.slice(0, 4)));
  return {
    holidays: h,
    workingWeekends: new Set([...workingWeekends].map((d) => parseDate(dateOf(d)))),
    years: years.length ? { from: Math.min(...years), to: Math.max(...years) } : null,
  };
}

/** Whether `cal` has holiday data for the year of `date` (outside it, only weekends count). */
export function calendarCovers(date: string, cal: Calendar): boolean {
  const y = Number(parseDate(date).slice(0, 4));
  return cal.years !== null && y >= cal.years.from && y <= cal.years.to;
}

/** Whether `date` is a working day: Monday–Friday and not a holiday, or a worked weekend day. */
export function isWorkingDay(date: string, cal: Calendar): boolean {
  const dow = weekday(date);
  if (cal.workingWeekends.has(date)) return true;
  if (dow === 0 || dow === 6) return false;
  return !cal.holidays.has(date);
}

/**
 * The `n`-th working day strictly after `date` (strictly before it when `n` is negative).
 * `n = 0` returns `date` itself if it is a working day, else the next working day.
 * Deadlines count from the day after receipt, as Vietnamese administrative practice does.
 */
export function addWorkingDays(date: string, n: number, cal: Calendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer, got ${n}`);
  let day = dayNumber(date);
  if (n === 0) {
    for (let i = 0; i < MAX_SCAN_DAYS; i++, day++) if (isWorkingDay(fromDayNumber(day), cal)) return fromDayNumber(day);
    throw new RangeError('addWorkingDays: no working day found');
  }
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  for (let scanned = 0; left > 0; scanned++) {
    if (scanned > MAX_SCAN_DAYS + Math.abs(n) * 7) throw new RangeError('addWorkingDays: no working day found');
    day += step;
    if (isWorkingDay(fromDayNumber(day), cal)) left--;
  }
  return fromDayNumber(day);
}

/**
 * Working days in the half-open interval (`from`, `to`]: the inverse of `addWorkingDays`, so
 * `workingDaysBetween(d, addWorkingDays(d, n, cal), cal) === n` for n ≥ 1. Negative when `to` is
 * before `from`; 0 when they are equal.
 */
export function workingDaysBetween(from: string, to: string, cal: Calendar): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkingDay(fromDayNumber(d), cal)) count++;
  return sign * count;
}

/** Adds calendar days (not working days) to a date. */
export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** The calendar date at UTC+`offsetMin` of an instant. @example localDate(new Date('2026-11-09T17:00:00Z')) // '2026-11-10' */
export function localDate(instant: Date, offsetMin: number = VN_OFFSET_MIN): string {
  return new Date(validInstant(instant) + offsetMin * MIN_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a local date (23:59:59.999 at UTC+`offsetMin`), as an instant. */
export function endOfLocalDay(date: string, offsetMin: number = VN_OFFSET_MIN): Date {
  return new Date((dayNumber(date) + 1) * DAY_MS - 1 - offsetMin * MIN_MS);
}

/** The first millisecond of a local date (00:00 at UTC+`offsetMin`), as an instant. */
export function startOfLocalDay(date: string, offsetMin: number = VN_OFFSET_MIN): Date {
  return new Date(dayNumber(date) * DAY_MS - offsetMin * MIN_MS);
}

/** ISO 8601 with the local offset. @example toLocalIso(new Date('2026-11-26T07:03:00Z')) // '2026-11-26T14:03:00.000+07:00' */
export function toLocalIso(d: Date, offsetMin: number = VN_OFFSET_MIN): string {
  const local = new Date(validInstant(d) + offsetMin * MIN_MS).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${offsetMin < 0 ? '-' : '+'}${hh}:${mm}`;
}

/**
 * A deadline of `workingDays` working days from the instant `from`: the end of the local day that
 * is `addWorkingDays(localDate(from), workingDays)`.
 */
export function dueAt(from: Date, workingDays: number, cal: Calendar, offsetMin: number = VN_OFFSET_MIN): Date {
  return endOfLocalDay(addWorkingDays(localDate(from, offsetMin), workingDays, cal), offsetMin);
}

/** Validates a `YYYY-MM-DD` string that names a real date and returns it; throws RangeError otherwise. */
export function parseDate(date: string): string {
  dayNumber(date);
  return date;
}

function toDayNumber(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : null;
}

function dayNumber(date: string): number {
  const n = toDayNumber(date);
  if (n === null) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return n;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function validInstant(d: Date): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date');
  return t;
}
