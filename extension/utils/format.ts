import type { Locale } from './storage.ts';

/**
 * Dates, times and numbers through Intl, always in the province's time zone so a laptop set to
 * another zone shows what the member saw in the meeting room.
 */
const TZ = 'Asia/Ho_Chi_Minh';
const tag = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'vi-VN');

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function memo<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** `2026-11-03` → `03/11/2026` (a calendar date, not an instant: no zone shift). */
export function formatDate(isoDate: string, locale: Locale = 'vi'): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return memo(
    `d${locale}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  ).format(d);
}

/** An instant (ms or ISO string) as local date and time in Asia/Ho_Chi_Minh. */
export function formatDateTime(at: number | string, locale: Locale = 'vi'): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return memo(
    `dt${locale}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: TZ,
      }),
  ).format(d);
}

/** An instant as a time of day (HH:MM) in Asia/Ho_Chi_Minh. */
export function formatTime(at: number | string, locale: Locale = 'vi'): string {
  return memo(
    `t${locale}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', timeZone: TZ }),
  ).format(new Date(at));
}

/** A number with up to 2 decimals: `92,5` in Vietnamese. */
export function formatNumber(n: number, locale: Locale = 'vi'): string {
  return memo(
    `n${locale}`,
    () => new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 2 }),
  ).format(n);
}

/** A percentage given as 0–100: `87,1 %` (one decimal). */
export function formatPercent(n: number, locale: Locale = 'vi'): string {
  return memo(
    `p${locale}`,
    () => new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 1 }),
  ).format(n / 100);
}

/** A month `YYYY-MM` as `11/2026`. */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** A signed difference: `+3`, `−2,5`, `0`. */
export function formatSigned(n: number, locale: Locale = 'vi'): string {
  if (n === 0) return '0';
  return `${n > 0 ? '+' : '−'}${formatNumber(Math.abs(n), locale)}`;
}
