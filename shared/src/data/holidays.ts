/**
 * Vietnamese public holidays as the working days (Mon–Fri) that public servants have off,
 * 2025–2028. Holidays that fall on a weekend appear as their compensatory weekday (Bộ luật
 * Lao động 2019, art. 111–112: nghỉ bù vào ngày làm việc kế tiếp).
 *
 * Sources: Thông báo of MOLISA for 2025 (Tết 25/1–2/2, 30/4–4/5 with Saturday 26/4 worked);
 * VPCP 9859/VPCP-KGVX of 13/10/2025 (Tết 14–22/2/2026; Quốc khánh 29/8–2/9/2026 with Monday
 * 31/8 swapped for Saturday 22/8); VPCP 12729/VPCP-KGVX of 25/12/2025 (1–4/1/2026, Friday 2/1
 * swapped for Saturday 10/1). Arrangements the government had not announced are
 * `provisional` (Tết and the National Day bridge of 2027–2028): they follow the law's default
 * (Tết eve + first four days of the lunar year, weekend days compensated on the next working days)
 * and must be replaced when the official notice appears.
 *
 * Not included: 24/11 "Ngày Văn hóa Việt Nam" (Nghị quyết 80-NQ/TW, 2026), announced as a paid
 * holiday but needing an amendment of art. 112 of the Labour Code that these sources do not show.
 * Beyond 2028 the calendar knows no holidays (see `calendarCovers`).
 */
export interface Holiday {
  /** `YYYY-MM-DD`, always a weekday. */
  date: string;
  name: string;
  /** True while the government has not announced the arrangement for that year. */
  provisional?: boolean;
}

/** A Saturday made a working day in exchange for a bridge day off (hoán đổi ngày làm việc). */
export interface WorkingWeekend {
  date: string;
  name: string;
}

const NEW_YEAR = 'Tết Dương lịch';
const TET = 'Tết Nguyên đán';
const HUNG = 'Giỗ Tổ Hùng Vương';
const VICTORY = 'Ngày Chiến thắng 30/4';
const LABOUR = 'Ngày Quốc tế Lao động 1/5';
const NATIONAL = 'Quốc khánh 2/9';
const BRIDGE = 'nghỉ hoán đổi';
const COMP = 'nghỉ bù';
const tet = (dates: string[], provisional?: true): Holiday[] =>
  dates.map((date) =>
    provisional ? { date, name: `${TET} (dự kiến)`, provisional } : { date, name: TET },
  );

/** Weekdays off for public servants, sorted by date. */
export const VN_HOLIDAYS: readonly Holiday[] = Object.freeze([
  // 2025 (official)
  { date: '2025-01-01', name: NEW_YEAR },
  ...tet(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']),
  { date: '2025-04-07', name: HUNG },
  { date: '2025-04-30', name: VICTORY },
  { date: '2025-05-01', name: LABOUR },
  { date: '2025-05-02', name: `${LABOUR} (${BRIDGE}, làm bù thứ Bảy 26/4)` },
  { date: '2025-09-01', name: NATIONAL },
  { date: '2025-09-02', name: NATIONAL },
  // 2026 (official)
  { date: '2026-01-01', name: NEW_YEAR },
  { date: '2026-01-02', name: `${NEW_YEAR} (${BRIDGE}, làm bù thứ Bảy 10/1)` },
  ...tet(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']),
  { date: '2026-04-27', name: `${HUNG} (${COMP}, 26/4 là Chủ nhật)` },
  { date: '2026-04-30', name: VICTORY },
  { date: '2026-05-01', name: LABOUR },
  { date: '2026-08-31', name: `${NATIONAL} (${BRIDGE}, làm bù thứ Bảy 22/8)` },
  { date: '2026-09-01', name: NATIONAL },
  { date: '2026-09-02', name: NATIONAL },
  // 2027 (Tết and the National Day bridge not yet announced)
  { date: '2027-01-01', name: NEW_YEAR },
  ...tet(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'], true),
  { date: '2027-04-16', name: HUNG },
  { date: '2027-04-30', name: VICTORY },
  { date: '2027-05-03', name: `${LABOUR} (${COMP}, 1/5 là thứ Bảy)` },
  { date: '2027-09-02', name: NATIONAL },
  { date: '2027-09-03', name: `${NATIONAL} (dự kiến)`, provisional: true },
  // 2028 (Tết and the National Day bridge not yet announced)
  { date: '2028-01-03', name: `${NEW_YEAR} (${COMP}, 1/1 là thứ Bảy)` },
  ...tet(['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-31'], true),
  { date: '2028-04-04', name: HUNG },
  { date: '2028-05-01', name: LABOUR },
  { date: '2028-05-02', name: `${VICTORY} (${COMP}, 30/4 là Chủ nhật)` },
  { date: '2028-09-01', name: `${NATIONAL} (dự kiến)`, provisional: true },
  { date: '2028-09-04', name: `${NATIONAL} (${COMP}, 2/9 là thứ Bảy; dự kiến)`, provisional: true },
]);

/** Saturdays worked in exchange for a bridge day off, sorted by date. */
export const VN_WORKING_WEEKENDS: readonly WorkingWeekend[] = Object.freeze([
  { date: '2025-04-26', name: 'Làm bù cho ngày nghỉ 2/5/2025' },
  { date: '2026-01-10', name: 'Làm bù cho ngày nghỉ 2/1/2026' },
  { date: '2026-08-22', name: 'Làm bù cho ngày nghỉ 31/8/2026' },
]);

/** First and last year for which `VN_HOLIDAYS` is complete. */
export const VN_HOLIDAY_YEARS = Object.freeze({ from: 2025, to: 2028 });
