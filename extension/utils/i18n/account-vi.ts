/** Vietnamese texts every user's pages need beyond vi.ts: the password change (options, panel, workspace). */
export const accountVi = {
  // Password change (every user)
  pw_title: 'Đổi mật khẩu',
  pw_required:
    'Mật khẩu này do quản trị viên đặt. Hãy đặt mật khẩu của riêng bạn trước khi tiếp tục.',
  pw_current: 'Mật khẩu hiện tại',
  pw_new: 'Mật khẩu mới',
  pw_again: 'Nhập lại mật khẩu mới',
  pw_hint: 'Ít nhất 8 ký tự, khác mật khẩu hiện tại.',
  pw_submit: 'Đổi mật khẩu',
  pw_done: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.',
  pw_tooShort: 'Mật khẩu phải có ít nhất 8 ký tự',
  pw_same: 'Mật khẩu mới phải khác mật khẩu hiện tại',
  pw_mismatch: 'Hai lần nhập mật khẩu mới không khớp',
} as const;
