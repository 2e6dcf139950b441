/**
 * Pieces of the Vietnamese Party administrative layout (Hướng dẫn 36-HD/VPTW on the form of Party
 * documents): the issuing body on the left ("ĐẢNG BỘ TỈNH NGHỆ AN / ĐẢNG ỦY XÃ HƯNG NGUYÊN / *"),
 * "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, then "<place>, ngày … tháng … năm …".
 */

import { yearInRange } from '../schemas/common.ts';
import { provenanceLabel } from './criteria.ts';
import type { DocumentConfig, ResolvedDocumentConfig } from '../schemas/document.ts';
import type { PresenceFigures } from '../schemas/presence.ts';
import type { SynthesisResponse } from '../schemas/synthesis.ts';

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

/**
 * Who signs for a body ("T/M ĐẢNG ỦY" for a commune committee, "T/M BAN THƯỜNG VỤ" for a
 * province). Superseded for documents by `defaultSigner` (position and title) and the body's
 * configuration; kept for callers that only need one line.
 */
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

// ── Numbering, signature and recipients (Hướng dẫn 36-HD/VPTW) ────────────────────────────────

interface UnitWithParent extends NamedUnit {
  parentName?: string | null;
}

/** Initials of a name, diacritics dropped except Đ: "Ban Nội chính Tỉnh ủy" → "BNCTU". */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const c = w[0]!;
      return c === 'đ' || c === 'Đ' ? 'Đ' : c.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    })
    .filter((c) => /[A-ZĐ]/.test(c))
    .join('');
}

/**
 * The abbreviation of the issuing body in a Party document's number: "TU" for a provincial or
 * city committee, "HU"/"QU"/"TU" for a district, "ĐU" for a commune or another Party committee,
 * the initials of a board's name ("BNCTU", "VPTU", "UBKTTU", "VPĐU").
 */
export function issuerAbbreviation(body: NamedUnit): string {
  const name = body.name.trim();
  if (body.kind === 'province') return 'TU';
  if (/^(Tỉnh|Thành|Thị)\s+(ủy|uỷ)/i.test(name)) return 'TU';
  if (/^Huyện\s+(ủy|uỷ)/i.test(name)) return 'HU';
  if (/^Quận\s+(ủy|uỷ)/i.test(name)) return 'QU';
  if (['commune', 'district', 'party_committee'].includes(body.kind)) return 'ĐU';
  return initialsOf(name) || 'VP';
}

/** The default number pattern of a body's reports: "{n}-BC/ĐU" (Party style); "{n}/BC-UBND" for a state body. */
export function defaultNumberPattern(body: NamedUnit): string {
  if (body.kind === 'people_committee') return '{n}/BC-UBND';
  if (body.kind === 'department') return `{n}/BC-${initialsOf(body.name) || 'S'}`;
  return `{n}-BC/${issuerAbbreviation(body)}`;
}

/** "Số 12-BC/ĐU" from the pattern "{n}-BC/ĐU" and the running number 12. */
export function documentNumberLine(pattern: string, n: number): string {
  return `Số ${pattern.replaceAll('{n}', String(n))}`;
}

/** The signer's lines by default: on behalf of whom ("T/M BAN THƯỜNG VỤ", or none) and the title. */
export function defaultSigner(body: NamedUnit): { onBehalf: string; title: string } {
  const name = body.name.trim();
  switch (body.kind) {
    case 'province':
    case 'district':
    case 'commune':
    case 'party_committee':
      return { onBehalf: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ' };
    case 'people_committee':
      return { onBehalf: 'T/M ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' };
    case 'department':
      return { onBehalf: '', title: 'GIÁM ĐỐC' };
    default:
      if (/^Văn phòng/i.test(name)) return { onBehalf: '', title: 'CHÁNH VĂN PHÒNG' };
      if (/^(Ủy|Uỷ) ban Kiểm tra/i.test(name))
        return { onBehalf: 'T/M ỦY BAN KIỂM TRA', title: 'CHỦ NHIỆM' };
      return { onBehalf: '', title: 'TRƯỞNG BAN' };
  }
}

/** "Tỉnh ủy Nghệ An" → "Tỉnh ủy", "Huyện ủy Nam Đàn" → "Huyện ủy", "Đảng ủy xã X" → "Đảng ủy xã X". */
function committeeTitle(name: string): string {
  const m = /^(Tỉnh|Thành|Thị|Huyện|Quận)\s+(ủy|uỷ)/i.exec(name.trim());
  return m ? m[0] : name.trim();
}

/** The default "Nơi nhận": the committee above for information ("(b/c)"), then the body's archive. */
export function defaultRecipients(body: UnitWithParent): string[] {
  const parent = body.parentName?.trim();
  switch (body.kind) {
    case 'province':
      return ['Các đồng chí Ủy viên Ban Thường vụ (b/c)', 'Lưu Văn phòng'];
    case 'district':
    case 'commune':
    case 'party_committee':
      return [
        ...(parent ? [`Ban Thường vụ ${committeeTitle(parent)} (b/c)`] : []),
        'Lưu Văn phòng',
      ];
    case 'province_board':
    case 'commune_board':
      return [
        ...(parent ? [`Thường trực ${committeeTitle(parent)} (b/c)`] : []),
        /^Văn phòng/i.test(body.name) ? 'Lưu Văn phòng' : 'Lưu Ban',
      ];
    default:
      return [...(parent ? [`${parent} (b/c)`] : []), 'Lưu Văn thư'];
  }
}

/** A body's configuration with every unset field taken from the defaults of its kind. */
export function resolveDocumentConfig(
  body: UnitWithParent,
  config: DocumentConfig | null | undefined,
): ResolvedDocumentConfig {
  const signer = defaultSigner(body);
  const c = config ?? {};
  return {
    numberPattern: c.numberPattern || defaultNumberPattern(body),
    signerOnBehalf: c.signerOnBehalf ?? signer.onBehalf,
    signerTitle: c.signerTitle || signer.title,
    signerName: c.signerName ?? '',
    recipients: c.recipients?.length ? c.recipients : defaultRecipients(body),
  };
}

/**
 * The "Nơi nhận" lines in the Party style: each "- …," and the last "- ….", whatever punctuation
 * the configuration ended a line with.
 */
export function recipientLines(recipients: readonly string[]): string[] {
  return recipients.map((r, i) => {
    const text = r
      .trim()
      .replace(/^[-–•]\s*/, '')
      .replace(/[,.;]+$/, '');
    return `- ${text}${i === recipients.length - 1 ? '.' : ','}`;
  });
}

// ── Figures in words ──────────────────────────────────────────────────────────────────────────

/** 82.67 → "82,67", 1234 → "1.234": the Vietnamese number format. */
export const vnNumber = (n: number, digits = 2) =>
  n.toLocaleString('vi-VN', { maximumFractionDigits: digits });

/** "50%", "33,3%", "—" when there is nothing to divide. */
export const vnPercent = (p: number | null) => (p == null ? '—' : `${vnNumber(p, 1)}%`);

/**
 * The short assessment printed before the tables of the monthly synthesis: the figures in
 * sentences, in the order of the tables (reports, bands, self-score gaps, issues).
 */
export function synthesisAssessment(s: SynthesisResponse): string[] {
  const r = s.reports;
  const out: string[] = [];
  if (r.expected === 0)
    out.push(
      `Trong ${vnMonth(s.month)}, không có báo cáo dự sinh hoạt chi bộ nào phải nộp theo phân công${r.filed ? `; đã nhận ${r.filed} báo cáo` : ''}.`,
    );
  else {
    // Only reports already due are judged: the rest of the month's are "not due yet", in no rate.
    const notDue = r.notDue ?? 0;
    const due = r.expected - notDue;
    const judged =
      due > 0
        ? `trong số ${due} báo cáo đã đến hạn có ${r.onTime} báo cáo nộp đúng hạn (đạt ${vnPercent(r.onTimeRate)}), ` +
          `${r.late} báo cáo nộp trễ hạn; còn ${r.missing} báo cáo chưa nộp`
        : 'chưa có báo cáo nào đến hạn nộp';
    out.push(
      `Trong ${vnMonth(s.month)}, theo phân công có ${r.expected} báo cáo dự sinh hoạt chi bộ phải nộp; ` +
        `đã nộp ${r.filed} báo cáo, ${judged}` +
        `${notDue ? `; ${notDue} báo cáo chưa đến hạn nộp` : ''}.`,
    );
  }
  const bands = s.bands.filter((b) => b.count > 0);
  if (bands.length) {
    const list = bands.map((b) => `${b.count} ${b.label} (${vnPercent(b.percent)})`).join(', ');
    const avg = r.averageScore == null ? '' : `; điểm bình quân ${vnNumber(r.averageScore)} điểm`;
    out.push(`Xếp loại chất lượng sinh hoạt chi bộ qua các báo cáo: ${list}${avg}.`);
  } else out.push('Chưa có báo cáo nào được chấm điểm chất lượng sinh hoạt trong tháng.');
  if (s.gaps.length)
    out.push(
      `Có ${s.gaps.length} chi bộ tự chấm điểm chênh lệch trên ${vnNumber(s.gap)} điểm so với cấp ủy viên chấm.`,
    );
  const i = s.issues;
  if (i.raised === 0) out.push('Trong tháng không có kiến nghị, đề xuất nào phát sinh.');
  else
    out.push(
      `Về kiến nghị, đề xuất: phát sinh ${i.raised} kiến nghị; đã trả lời ${i.answered} ` +
        `(trong đó đã giải quyết xong ${i.resolved}), đang xử lý ${i.open}; ` +
        `${i.overdue} kiến nghị quá hạn xử lý.`,
    );
  return out;
}

/**
 * The presence figures (issue 17) in the wording of a Party report, for a period named `period`
 * ("tháng 11 năm 2026", "năm 2026"): residence members ("đảng viên 76": introduced, received,
 * attendance, the year's assessments), members away for work, online and combined meetings.
 * Three sentences; numbers in Vietnamese format, "—" for a rate with nothing to divide.
 */
export function presenceSentences(f: PresenceFigures, period: string): string[] {
  const r = f.residence;
  const m = f.meetings;
  const a = f.attendance;
  const residence =
    r.registered === 0 && r.introduced === 0 && r.received === 0
      ? `Đảng viên đang công tác giữ mối liên hệ với chi bộ nơi cư trú: không có đồng chí nào trong danh sách ${period}.`
      : `Đảng viên đang công tác giữ mối liên hệ với chi bộ nơi cư trú: ${vnNumber(r.registered)} đồng chí; ` +
        `trong ${period} giới thiệu ${vnNumber(r.introduced)}, tiếp nhận ${vnNumber(r.received)}; ` +
        `đã tiếp nhận ${vnNumber(r.receivedByEnd)}/${vnNumber(r.registered)} (${vnPercent(r.receivedPercent)}); ` +
        (r.meetingsStated
          ? `tham gia sinh hoạt: ${vnNumber(r.present)}/${vnNumber(r.expected)} lượt (${vnPercent(r.attendancePercent)}) qua ${vnNumber(r.meetingsStated)} buổi sinh hoạt có ghi nhận; `
          : 'chưa có báo cáo nào ghi nhận số đảng viên nơi cư trú dự sinh hoạt; ') +
        (r.assessed
          ? `năm ${r.year} đã nhận xét ${vnNumber(r.assessed)} đồng chí, được đánh giá hoàn thành tốt nhiệm vụ ${vnNumber(r.good)} (${vnPercent(r.goodPercent)})`
          : `năm ${r.year} chưa nhận xét đồng chí nào`) +
        (r.assessed && r.unassessed
          ? `, còn ${vnNumber(r.unassessed)} đồng chí chưa nhận xét.`
          : '.');
  const away = a.awayForWorkCells
    ? `Đảng viên đi làm ăn xa: ${vnNumber(a.awayForWork)} đồng chí (theo báo cáo gần nhất của ${vnNumber(a.awayForWorkCells)} chi bộ có ghi nhận).`
    : `Đảng viên đi làm ăn xa: chưa có chi bộ nào ghi nhận trong ${period}.`;
  const online = m.total
    ? `Sinh hoạt trực tuyến/kết hợp: ${vnNumber(m.online)} buổi trực tuyến, ${vnNumber(m.combined)} buổi kết hợp trực tiếp và trực tuyến ` +
      `trên tổng số ${vnNumber(m.total)} buổi sinh hoạt có báo cáo (${vnPercent(m.onlineOrCombinedPercent)})` +
      (a.presentOnline ? `; ${vnNumber(a.presentOnline)} lượt đảng viên dự trực tuyến.` : '.')
    : `Sinh hoạt trực tuyến/kết hợp: chưa có báo cáo sinh hoạt nào trong ${period}.`;
  return [residence, away, online];
}

// ── Criteria sets in documents ───────────────────────────────────────────────────────────────

/**
 * What a document needs of a criteria set: its name, source, and what `provenanceLabel` reads
 * (`official: false` on the set or on an item marks local configuration or a reconstruction).
 */
export interface CriteriaSetLabel {
  id: string;
  name: string;
  source?: string | null;
  official?: boolean;
  groups?: readonly { items: readonly { official?: boolean }[] }[];
}

/** "cấu hình địa phương / tạm tính" when the set is not an official text (`provenanceLabel`), else null. */
export function provenanceMark(set: CriteriaSetLabel): string | null {
  const label = provenanceLabel(set);
  return label ? label.charAt(0).toLowerCase() + label.slice(1) : null;
}

/** "Bộ tiêu chí theo Hướng dẫn 42-HD/BTCTW (nguồn: …; cấu hình địa phương / tạm tính)": names, never ids. */
export function criteriaSetNote(set: CriteriaSetLabel): string {
  const notes = [set.source ? `nguồn: ${set.source}` : null, provenanceMark(set)].filter(Boolean);
  return notes.length ? `${set.name} (${notes.join('; ')})` : set.name;
}
