/**
 * Vietnamese texts of the options page's email settings (components/options/email-settings.tsx),
 * registered by that chunk when it loads: the options page's first load stays within its weight
 * guard (e2e/weight.spec.ts).
 */
export const emailVi = {
  em_title: 'Thông báo qua thư điện tử',
  em_address: 'Địa chỉ thư',
  em_addressHint: 'Để trống nếu không muốn nhận thư.',
  em_immediate: 'Gửi thư ngay khi có kiến nghị chuyển đến đơn vị tôi',
  em_digest: 'Thư tổng hợp hằng ngày: kiến nghị mới, sắp đến hạn, quá hạn, đã trả lời',
  em_digestHour: 'Giờ gửi thư tổng hợp (giờ Việt Nam)',
  em_ownIssues: 'Gửi thư khi kiến nghị tôi nêu được trả lời hoặc trả lại',
  em_needAddress: 'Nhập địa chỉ thư để nhận thông báo',
  em_save: 'Lưu cài đặt thư',
  em_saved: 'Đã lưu cài đặt thư.',
  em_serverOff: 'Máy chủ chưa bật gửi thư; cài đặt có hiệu lực khi được bật.',
} as const;
