import type { AssignmentFrequency } from '../schemas/assignment.ts';
import type { Category, IssueStatus } from '../schemas/common.ts';
import type { ComplianceStatus } from '../schemas/synthesis.ts';

/**
 * Vietnamese names of the issue categories, as printed in reports and exports. The only place to
 * change one: the extension's Vietnamese dictionary takes these as they are (cat_*, st_*), and the
 * English one translates them.
 */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = Object.freeze({
  dat_dai: 'Đất đai',
  ha_tang_giao_thong: 'Hạ tầng – giao thông',
  moi_truong: 'Môi trường',
  an_ninh_trat_tu: 'An ninh trật tự',
  chinh_sach_xa_hoi: 'Chính sách xã hội',
  y_te: 'Y tế',
  giao_duc: 'Giáo dục',
  xay_dung_dang: 'Xây dựng Đảng – tổ chức cán bộ',
  kinh_te: 'Kinh tế',
  khac: 'Khác',
});

/** Vietnamese names of the issue statuses (the state's own outcome vocabulary). */
export const STATUS_LABELS: Readonly<Record<IssueStatus, string>> = Object.freeze({
  routed: 'Đã chuyển',
  acknowledged: 'Đã tiếp nhận',
  in_progress: 'Đang giải quyết',
  resolved: 'Đã giải quyết xong',
  scheduled: 'Sẽ giải quyết',
  explained: 'Đã giải trình',
  rejected: 'Không tiếp nhận',
  returned: 'Trả lại để làm rõ',
  forwarded: 'Đã chuyển tiếp',
  answered_at_meeting: 'Giải đáp tại hội nghị',
});

/**
 * Vietnamese names of the compliance statuses of an expected report, as the exports print them
 * (the extension's Vietnamese dictionary takes these as they are, cp_status_*).
 */
export const COMPLIANCE_STATUS_LABELS: Readonly<Record<ComplianceStatus, string>> = Object.freeze({
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
  missing: 'Chưa nộp',
  not_due: 'Chưa đến hạn',
});

/** Vietnamese names of an assignment's frequency (the extension's freq_*). */
export const FREQUENCY_LABELS: Readonly<Record<AssignmentFrequency, string>> = Object.freeze({
  monthly: 'Hằng tháng',
  every_n: 'N tháng một lần',
  rota: 'Luân phiên',
});
