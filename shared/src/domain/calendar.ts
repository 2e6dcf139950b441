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
/** How far `addWorkingDays` looks (plus 7 days per working day asked) before it gives up: a calendar may have no working day at all. */
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
export function makeCalendar(
  holidays: Iterable<DateLike>,
  workingWeekends: Iterable<DateLike> = [],
): Calendar {
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
 * Computed, not walked: a binary search over the day for the count `workingDaysBetween` gives.
 * Throws RangeError where the day-by-day walk gave up (no working day within ~10 years + 7·|n| days).
 */
export function addWorkingDays(date: string, n: number, cal: Calendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer, got ${n}`);
  const day = dayNumber(date);
  const idx = indexOf(cal);
  const found =
    n === 0
      ? firstReaching(day, day + MAX_SCAN_DAYS - 1, (t) => countWorking(idx, day - 1, t) >= 1)
      : n > 0
        ? firstReaching(
            day + 1,
            day + MAX_SCAN_DAYS + n * 7 + 1,
            (t) => countWorking(idx, day, t) >= n,
          )
        : lastReaching(
            day - MAX_SCAN_DAYS + n * 7 - 1,
            day - 1,
            (t) => countWorking(idx, t - 1, day - 1) >= -n,
          );
  if (found === null) throw new RangeError('addWorkingDays: no working day found');
  return fromDayNumber(found);
}

/**
 * Working days in the half-open interval (`from`, `to`]: the inverse of `addWorkingDays`, so
 * `workingDaysBetween(d, addWorkingDays(d, n, cal), cal) === n` for n ≥ 1. Negative when `to` is
 * before `from`; 0 when they are equal.
 */
export function workingDaysBetween(from: string, to: string, cal: Calendar): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const idx = indexOf(cal);
  return a <= b ? countWorking(idx, a, b) : -countWorking(idx, b, a);
}

/**
 * A calendar as two sorted lists of day numbers: weekdays off (holidays not also listed as worked)
 * and weekend days worked. Working days in a range are then its Monday–Fridays, minus the first
 * list's days in it, plus the second's, each counted by binary search.
 */
interface CalendarIndex {
  daysOff: number[];
  weekendsWorked: number[];
}
const indexes = new WeakMap<Calendar, CalendarIndex>();

function indexOf(cal: Calendar): CalendarIndex {
  let idx = indexes.get(cal);
  if (!idx) {
    const isWeekend = (d: string) => weekday(d) === 0 || weekday(d) === 6;
    const sorted = (ds: string[]) => ds.map(dayNumber).sort((x, y) => x - y);
    idx = {
      daysOff: sorted(
        [...cal.holidays].filter((d) => !isWeekend(d) && !cal.workingWeekends.has(d)),
      ),
      weekendsWorked: sorted([...cal.workingWeekends].filter(isWeekend)),
    };
    indexes.set(cal, idx);
  }
  return idx;
}

/** Monday–Fridays among day numbers [0, m) counted from Monday 1969-12-29 (day −3); negative m counts backwards. */
const weekdaysBefore = (m: number): number =>
  5 * Math.floor(m / 7) + Math.min(((m % 7) + 7) % 7, 5);

/** How many of the sorted `days` are ≤ `d`. */
function countUpTo(days: readonly number[], d: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! <= d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Working days among day numbers (a, b], a ≤ b. */
function countWorking(idx: CalendarIndex, a: number, b: number): number {
  const weekdays = weekdaysBefore(b + 4) - weekdaysBefore(a + 4);
  return (
    weekdays -
    (countUpTo(idx.daysOff, b) - countUpTo(idx.daysOff, a)) +
    (countUpTo(idx.weekendsWorked, b) - countUpTo(idx.weekendsWorked, a))
  );
}

/** The least t in [lo, hi] where the monotone `ok` (false… then true…) holds, or null. */
function firstReaching(lo: number, hi: number, ok: (t: number) => boolean): number | null {
  if (lo > hi || !ok(hi)) return null;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The greatest t in [lo, hi] where the monotone `ok` (true… then false…) holds, or null. */
function lastReaching(lo: number, hi: number, ok: (t: number) => boolean): number | null {
  if (lo > hi || !ok(lo)) return null;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
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
export function dueAt(
  from: Date,
  workingDays: number,
  cal: Calendar,
  offsetMin: number = VN_OFFSET_MIN,
): Date {
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
