import { BAND_LABELS, CATEGORY_LABELS, STATUS_LABELS } from '@duhop/shared';
import { accountVi } from './account-vi.ts';
import type { adminVi } from './admin-vi.ts';
import type { panelVi } from './panel-vi.ts';
import type { presenceVi } from './presence-vi.ts';
import type { reportVi } from './report-vi.ts';
import type { emailVi } from './email-vi.ts';
import type { checkVi } from './check-vi.ts';
import { serverVi } from './server-vi.ts';
import { prefixed } from './prefixed.ts';
import type { synthesisVi } from './synthesis-vi.ts';
import type { triageVi } from './triage-vi.ts';
import type { residenceVi } from './residence-vi.ts';
import type { webhookVi } from './webhook-vi.ts';
import type { yearVi } from './year-vi.ts';

/**
 * Vietnamese: the source dictionary of what EVERY page loads (options, side panel, workspace,
 * background); English must have the same keys (en.ts). `{x}` are parameters. Texts of one
 * surface only live in their own file, registered by the pages that use them (messages.ts):
 * triage-vi.ts, synthesis-vi.ts, year-vi.ts (side panel and workspace), admin-vi.ts (workspace).
 */
export const vi = {
  ...accountVi,
  ...serverVi,
  appName: 'Dự họp',
  // "Kiểm tra kết nối" (GET /health): the side panel's sign-in and the options page (answers: check-vi.ts).
  sv_check: 'Kiểm tra kết nối',
  sv_checking: 'Đang kiểm tra…',
  loading: 'Đang tải…',
  view: 'Xem',
  offlineShort: 'ngoại tuyến',
  futureDate: 'Ngày sinh hoạt không được ở tương lai',
  badgeQueued: '{n} báo cáo đang chờ gửi',
  badgeSignIn: '{n} báo cáo chờ đăng nhập lại để gửi',
  badgeReturned: '{n} báo cáo bị trả lại, cần sửa',
  captureMenu: 'Thêm vào kiến nghị',
  captureNoDraft: 'Chưa có bản nháp nào để thêm. Mở Dự họp và bắt đầu một báo cáo trước.',
  captureAdded: 'Đã thêm vào kiến nghị của báo cáo {name}.',
  retry: 'Thử lại',
  back: 'Quay lại',
  close: 'Đóng',
  undo: 'Hoàn tác',
  save: 'Lưu',
  cancel: 'Hủy',
  required: 'Chưa nhập',
  offline: 'Đang ngoại tuyến: báo cáo vẫn được lưu trên máy và sẽ gửi khi có mạng.',
  // Sign-in and settings
  signIn: 'Đăng nhập',
  signOut: 'Đăng xuất',
  signingIn: 'Đang đăng nhập…',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  signedInAs: 'Đã đăng nhập: {name}',
  signInNeeded: 'Hãy đăng nhập để tải danh sách chi bộ được phân công và gửi báo cáo.',
  sessionExpired:
    'Phiên đăng nhập đã hết hạn. Đăng nhập lại để gửi các báo cáo đang chờ; bản nháp vẫn còn nguyên.',
  settings: 'Cài đặt',
  apiAddress: 'Địa chỉ máy chủ',
  apiAddressHint:
    'Ví dụ: https://duhop.example.vn (http:// chỉ dùng cho máy chủ chạy trên chính máy này)',
  apiAddressInvalid: 'Địa chỉ không hợp lệ: nhập dạng https://tên-miền, không kèm đường dẫn',
  apiAddressInsecure:
    'Chỉ chấp nhận địa chỉ https://. Địa chỉ http:// không mã hóa nên mật khẩu và báo cáo có thể bị đọc trộm; http:// chỉ dùng được với máy chủ chạy trên chính máy này (127.0.0.1, localhost).',
  apiAddressSaved: 'Đã lưu địa chỉ máy chủ.',
  apiAddressSignedOut:
    'Đã đổi máy chủ nên bạn đã được đăng xuất; hãy đăng nhập lại với máy chủ mới.',
  apiAddressManaged: 'Do đơn vị quản lý thiết lập; không thay đổi được trên máy này.',
  apiAddressManagedRefused: 'Địa chỉ máy chủ do đơn vị quản lý thiết lập nên không thay đổi được.',
  signOutTitle: 'Đăng xuất khỏi máy này',
  signOutLocal: 'Trên máy này còn {n} bản nháp hoặc bản lưu báo cáo của bạn.',
  signOutRemoveDrafts:
    'Xóa các bản nháp và bản lưu báo cáo của tôi trên máy này (nên chọn nếu máy dùng chung)',
  signOutUnsent:
    'Có {n} báo cáo chưa gửi được lên máy chủ. Nếu giữ lại, chúng sẽ được gửi khi bạn đăng nhập lại trên máy này.',
  signOutRemoveUnsent: 'Xóa cả {n} báo cáo chưa gửi (sẽ mất hẳn, máy chủ chưa nhận)',
  signOutConfirm: 'Đăng xuất',
  permissionDenied: 'Trình duyệt chưa cho phép truy cập {origin}; việc gửi có thể bị chặn.',
  language: 'Ngôn ngữ',
  langVi: 'Tiếng Việt',
  langEn: 'English',
  openSettings: 'Mở cài đặt',
  openWorkspace: 'Mở trang làm việc',
  // Home
  homeTitle: 'Chi bộ được phân công',
  monthLabel: 'Tháng {month}',
  noAssignments: 'Bạn chưa được phân công theo dõi chi bộ nào.',
  notAnObserver:
    'Tài khoản này không có vai trò cấp ủy viên dự sinh hoạt chi bộ. Kiến nghị của đơn vị ở không gian làm việc (nút ▦).',
  statusNone: 'Chưa có báo cáo',
  statusDraft: 'Đang soạn',
  statusQueued: 'Đang chờ gửi',
  statusSubmitted: 'Đã gửi',
  onTime: 'Đúng hạn',
  late: 'Muộn',
  overdue: 'Quá hạn',
  dueBy: 'Hạn: {date}',
  notExpectedThisMonth: 'Tháng này không đến lượt báo cáo',
  newReport: 'Viết báo cáo',
  continueDraft: 'Tiếp tục',
  drafts: 'Bản nháp',
  noDrafts: 'Không có bản nháp nào.',
  outbox: 'Đang chờ gửi',
  sendNow: 'Gửi ngay',
  nextAttempt: 'Thử lại lúc {time}',
  attempts: 'Đã thử {n} lần',
  submittedReports: 'Báo cáo đã gửi',
  noSubmitted: 'Chưa gửi báo cáo nào.',
  deleteDraft: 'Xóa bản nháp',
  draftDeleted: 'Đã xóa bản nháp {name}.',
  updatedAt: 'Sửa lúc {time}',
  loadFailed: 'Không tải được dữ liệu từ máy chủ.',
  usingCached: 'Đang dùng dữ liệu đã lưu lúc {time}.',
  // Date and time boxes (components/ui/masked-inputs.tsx), bands, the form error summary; the
  // report's own texts are in report-vi.ts
  dateFormat: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 25/11/2026',
  timeFormat: 'Nhập giờ theo dạng 24 giờ giờ:phút, ví dụ 19:30',
  dateFormatHint: 'Ngày/tháng/năm, ví dụ 25/11/2026',
  timeFormatHint: 'Giờ 24 giờ, ví dụ 19:30',
  ...prefixed('band_', BAND_LABELS),
  errorSummary: 'Có {n} ô cần sửa; lỗi ghi ngay dưới từng ô.',
  // Statuses and categories: the shared names, the same words as the exports and printed reports.
  ...prefixed('st_', STATUS_LABELS),
  ...prefixed('cat_', CATEGORY_LABELS),
  // Workspace
  workspaceTitle: 'Trang làm việc',
  navOverview: 'Tổng quan',
  overviewIntro: 'Các màn hình tiếp nhận và xử lý kiến nghị sẽ xuất hiện ở đây.',
  // API error codes
  err_NETWORK_ERROR: 'Không kết nối được máy chủ. Kiểm tra mạng hoặc địa chỉ máy chủ.',
  err_TIMEOUT: 'Máy chủ không trả lời kịp. Sẽ thử lại.',
  err_INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  err_DAILY_REPORT_LIMIT: 'Hôm nay bạn đã gửi đủ số báo cáo tối đa mỗi ngày mà tỉnh cho phép.',
  err_TOO_MANY_ISSUES:
    'Báo cáo có nhiều kiến nghị hơn mức tỉnh cho phép; hãy gộp bớt hoặc tách sang báo cáo khác.',
  dailyLimitNotice: 'Báo cáo được giữ nguyên trong hàng chờ và sẽ tự gửi lúc {time}.',
  err_TOO_MANY_ATTEMPTS: 'Đăng nhập sai quá nhiều lần; hãy thử lại sau ít phút.',
  err_INVALID_TOKEN: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.',
  err_UNAUTHENTICATED: 'Bạn cần đăng nhập.',
  err_PASSWORD_CHANGE_REQUIRED: 'Bạn cần đổi mật khẩu trước khi tiếp tục.',
  err_MALFORMED_JSON: 'Dữ liệu gửi lên bị hỏng; hãy thử gửi lại.',
  err_UNSUPPORTED_MEDIA_TYPE: 'Dữ liệu gửi lên không đúng định dạng.',
  err_ROUTING_FAILED:
    'Không xác định được cơ quan nhận kiến nghị; hãy chọn cơ quan chịu trách nhiệm.',
  err_ASSIGNMENT_NOT_FOUND: 'Bạn không được phân công dự sinh hoạt chi bộ này.',
  err_FORBIDDEN: 'Tài khoản này không có quyền thực hiện thao tác.',
  err_VALIDATION_FAILED: 'Một số mục chưa hợp lệ',
  err_REPORT_CONFLICT: 'Máy chủ đã có báo cáo cùng mã với nội dung khác',
  err_REPORT_NOT_FOUND: 'Không tìm thấy báo cáo.',
  err_PAYLOAD_TOO_LARGE: 'Báo cáo quá dài để gửi.',
  err_INTERNAL_ERROR: 'Máy chủ gặp lỗi; sẽ thử lại sau.',
  err_CRITERIA_SET_NOT_FOUND: 'Chưa có bộ tiêu chí áp dụng.',
  err_NO_CRITERIA_SET_IN_FORCE: 'Chưa có bộ tiêu chí nào có hiệu lực cho chi bộ này vào ngày họp.',
  err_CRITERIA_SET_ADOPTED: 'Tỉnh đã áp dụng bộ tiêu chí mẫu này.',
  err_CELL_NOT_FOUND: 'Không tìm thấy chi bộ.',
  err_unknown: 'Có lỗi xảy ra ({code}).',
  // The options page's notification opt-in (staff; options loads only this dictionary)
  sn_optionTitle: 'Thông báo',
  sn_optionLabel: 'Hiện thông báo trên màn hình khi có kiến nghị mới hoặc sắp quá hạn',
  sn_provinceLabel: 'Theo dõi kiến nghị của cả tỉnh (số trên biểu tượng tiện ích)',
  sn_provinceHint:
    'Quản trị viên: đếm kiến nghị chờ tiếp nhận hoặc sắp quá hạn ở mọi cơ quan trong tỉnh; thông báo trên màn hình (bên dưới) nêu cả cơ quan đang giữ kiến nghị.',
  sn_optionHint:
    'Biểu tượng tiện ích luôn hiện số kiến nghị chờ tiếp nhận hoặc sắp quá hạn (kiểm tra 5 phút một lần).',
} as const;

/** Keys of the dictionary every page loads (vi.ts, en.ts). */
export type CoreMessageKey = keyof typeof vi;
/** Every key: the core ones and those of each surface's dictionary (messages.ts registers them). */
export type MessageKey =
  | CoreMessageKey
  | keyof typeof reportVi
  | keyof typeof panelVi
  | keyof typeof triageVi
  | keyof typeof synthesisVi
  | keyof typeof yearVi
  | keyof typeof adminVi
  | keyof typeof residenceVi
  | keyof typeof presenceVi
  | keyof typeof emailVi
  | keyof typeof checkVi
  | keyof typeof webhookVi;
