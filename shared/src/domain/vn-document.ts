/**
 * Pieces of the Vietnamese Party administrative layout (Hướng dẫn 36-HD/VPTW on the form of Party
 * documents): the issuing body on the left ("ĐẢNG BỘ TỈNH NGHỆ AN / ĐẢNG ỦY XÃ HƯNG NGUYÊN / *"),
 * "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, then "<place>, ngày … tháng … năm …".
 */

import { yearInRange } from '../schemas/common.ts';

export const PARTY_HEADER = 'ĐẢNG CỘNG SẢN VIỆT NAM';

interface NamedUnit {
  name: string;
  kind: string;
}

const upper = (s: string) => s.toLocaleUpperCase('vi-VN');
const PROVINCE_PREFIX = /^(Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ)\s+/i;
const COMMITTEE_PREFIX =
  /^(Đảng ủy|Đảng uỷ|Huyện ủy|Huyện uỷ|Thị ủy|Thị uỷ|Quận ủy|Quận uỷ)\s+(xã|phường|đặc khu|thị trấn|huyện|thị xã|quận|thành phố)?\s*/i;

/** "Tỉnh ủy Nghệ An" → "ĐẢNG BỘ TỈNH NGHỆ AN"; "Thành ủy Hà Nội" → "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI". */
export function partyOrganisationOf(province: NamedUnit): string {
  const m = PROVINCE_PREFIX.exec(province.name);
  if (!m) return upper(`Đảng bộ ${province.name}`);
  const level = /^thành/i.test(m[1]!) ? 'thành phố' : 'tỉnh';
  return upper(`Đảng bộ ${level} ${province.name.slice(m[0].length)}`);
}

/**
 * The lines of the issuing body, top to bottom, without the closing "*": the province itself is
 * one line ("TỈNH ỦY NGHỆ AN"); a commune or district committee is headed by its provincial Party
 * organisation; a board by the committee it belongs to (its parent); any other unit likewise.
 */
export function issuerLines(
  body: NamedUnit,
  parent: NamedUnit | null,
  province: NamedUnit | null,
): string[] {
  if (body.kind === 'province' || !parent) return [upper(body.name)];
  if ((body.kind === 'commune' || body.kind === 'district') && province)
    return [partyOrganisationOf(province), upper(body.name)];
  // "Ban Nội chính Tỉnh ủy" under "Tỉnh ủy Nghệ An": the parent already says whose board it is.
  const own = body.name.replace(/\s+(Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ)$/i, '');
  return [upper(parent.name), upper(own)];
}

/**
 * The place name of the date line: the locality of a committee without its title
 * ("Đảng ủy xã Hưng Nguyên" → "Hưng Nguyên", "Tỉnh ủy Nghệ An" → "Nghệ An").
 */
export function placeOf(unit: NamedUnit): string {
  const p = PROVINCE_PREFIX.exec(unit.name);
  if (p) return unit.name.slice(p[0].length);
  const c = COMMITTEE_PREFIX.exec(unit.name);
  if (c) return unit.name.slice(c[0].length) || unit.name;
  return unit.name;
}

/**
 * "Hưng Nguyên, ngày 05 tháng 01 năm 2027": days below 10 and the months 1 and 2 take a leading
 * zero, as the administrative rules ask.
 */
export function vnDateLine(place: string, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dd = String(d).padStart(2, '0');
  const mm = m < 3 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

/** "tháng 11 năm 2026" for `2026-11`. */
export function vnMonth(month: string): string {
  return `tháng ${Number(month.slice(5, 7))} năm ${month.slice(0, 4)}`;
}

/** `2026-11-03` → `03/11/2026`, the way dates are written in Vietnamese documents. */
export function vnDate(date: string | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** Who signs for a body ("T/M ĐẢNG ỦY" for a commune committee, "T/M BAN THƯỜNG VỤ" for a province). */
export function signatureTitle(kind: string): string {
  if (kind === 'province') return 'T/M BAN THƯỜNG VỤ';
  if (kind === 'commune' || kind === 'district') return 'T/M ĐẢNG ỦY';
  return 'THỦ TRƯỞNG ĐƠN VỊ';
}

/**
 * A date typed in a spreadsheet, as `YYYY-MM-DD`: ISO dates, or day first as written in Vietnam
 * (`1/7/2025`, `01/07/2025`, `01-07-2025`, `01.07.2025`). Null when it is not a real date.
 */
export function parseDayInput(input: string): string | null {
  const s = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)))
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso && yearInRange(iso)
    ? iso
    : null;
}
