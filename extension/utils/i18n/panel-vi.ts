/**
 * Vietnamese texts of the side panel alone: what waits on the member at the top of home, and the
 * first-run sign-in that reaches the server address. Registered by messages-panel.ts.
 */
export const panelVi = {
  // Home: what waits on the member, first
  wt_title: 'Việc cần làm',
  wt_none: 'Không có việc gì đang chờ bạn.',
  wt_clarify: 'Kiến nghị bị trả lại, cần làm rõ',
  wt_clarifyAction: 'Làm rõ',
  wt_report: 'Báo cáo tháng {month} chưa gửi',
  wt_reportDue: 'Hạn {date}',
  wt_updatedAt: 'cập nhật lúc {time}',
  // First-run sign-in: the server address
  sv_title: 'Máy chủ',
  sv_none:
    'Chưa có địa chỉ máy chủ. Nhập địa chỉ do đơn vị cung cấp, kiểm tra kết nối rồi đăng nhập.',
  sv_current: 'Máy chủ: {address}',
  sv_change: 'Đổi địa chỉ máy chủ',
  sv_saveCheck: 'Lưu và kiểm tra',
  sv_okSaved: 'Kết nối được: {name} phiên bản {version}. Đã lưu địa chỉ, hãy đăng nhập.',
  sv_managed: 'Máy chủ do đơn vị quản lý thiết lập: {address}',
} as const;
