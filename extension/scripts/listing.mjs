// The store listing texts (Chrome Web Store, Microsoft Edge Add-ons), in Vietnamese, written next
// to the zip by `npm run package`. Cốc Cốc installs from the Chrome Web Store.

const PERMISSION_REASONS = {
  storage: 'Lưu địa chỉ máy chủ, phiên đăng nhập và lựa chọn ngôn ngữ trên máy.',
  sidePanel: 'Mở bảng báo cáo bên cạnh trang đang xem.',
  alarms: 'Hẹn giờ gửi lại báo cáo khi mất mạng và nhắc hạn báo cáo.',
  notifications:
    'Báo khi kiến nghị của đồng chí được trả lời hoặc trả lại, và khi sắp đến hạn báo cáo.',
  contextMenus: 'Mục "Thêm vào kiến nghị" khi bôi đen một đoạn chữ trên trang.',
};

export function listingText({ origin, version, manifest }) {
  const perms = (manifest.permissions ?? [])
    .map((p) => `- \`${p}\`: ${PERMISSION_REASONS[p] ?? '(xem tài liệu)'}`)
    .join('\n');
  const hosts = (manifest.host_permissions ?? []).map((h) => `\`${h}\``).join(', ');
  return `# Dự họp — nội dung đăng ký trên cửa hàng tiện ích (phiên bản ${version})

Dán các mục dưới đây vào Chrome Web Store (Developer Dashboard → Store listing, Privacy) và
Microsoft Edge Add-ons (Partner Center). Cốc Cốc cài tiện ích từ Chrome Web Store.
Bản này được đóng gói cho máy chủ: ${origin}

## Tên (tối đa 75 ký tự)

Dự họp – Báo cáo dự sinh hoạt chi bộ

## Mô tả ngắn (tối đa 132 ký tự)

Cấp ủy viên báo cáo kết quả dự sinh hoạt chi bộ; kiến nghị, đề xuất được chuyển đến đúng cơ quan và theo dõi đến khi giải quyết.

## Mô tả chi tiết

Dự họp giúp cấp ủy viên được phân công dự sinh hoạt chi bộ lập báo cáo ngay trong trình duyệt, và
giúp các cơ quan theo dõi, trả lời những kiến nghị, đề xuất mà chi bộ nêu ra.

Đối với cấp ủy viên dự sinh hoạt:
- Mở bảng báo cáo bên cạnh trang đang xem; danh sách chi bộ được phân công và hạn báo cáo hiện sẵn.
- Ghi thông tin buổi sinh hoạt, số đảng viên có mặt (tự tính tỉ lệ), chấm điểm theo bộ tiêu chí
  đang áp dụng, góp ý cho chi bộ và các kiến nghị, đề xuất cần cơ quan khác giải quyết.
- Mọi nội dung được lưu ngay trên máy khi gõ; mất mạng vẫn soạn được, báo cáo tự gửi khi có mạng
  trở lại và chỉ được ghi nhận một lần.
- Nhận thông báo khi kiến nghị được trả lời hoặc trả lại.

Đối với cán bộ các ban, đảng ủy xã, phường:
- Trang làm việc liệt kê các kiến nghị được chuyển đến đơn vị, có hạn xử lý tính theo ngày làm
  việc (đã trừ ngày lễ), lịch sử xử lý, chuyển tiếp, trả lời và báo cáo tổng hợp hằng tháng.

Tiện ích chỉ làm việc với máy chủ Dự họp của đơn vị (${origin}); tài khoản do quản trị viên của
đơn vị cấp. Giao diện tiếng Việt, có tiếng Anh.

## Danh mục

Năng suất (Productivity) · Ngôn ngữ: Tiếng Việt

## Mục đích duy nhất (single purpose)

Lập và gửi báo cáo dự sinh hoạt chi bộ đến máy chủ Dự họp của đơn vị, và theo dõi các kiến nghị
trong báo cáo đến khi được giải quyết.

## Lý do cần từng quyền

${perms}
- Quyền truy cập máy chủ ${hosts}: gửi báo cáo và tải dữ liệu từ máy chủ Dự họp của đơn vị; tiện
  ích không đọc hay thay đổi nội dung các trang web khác.
- Quyền truy cập máy chủ khác (tùy chọn, chỉ xin khi người dùng tự nhập một địa chỉ máy chủ khác
  trong phần Cài đặt; chỉ chấp nhận https:// hoặc máy chủ trên chính máy này).
- Không dùng mã tải từ xa (remote code): toàn bộ mã nằm trong gói tiện ích.

## Chính sách riêng tư

Dự họp chỉ gửi dữ liệu đến máy chủ Dự họp của đơn vị sử dụng (${origin}), qua kết nối mã hóa
https. Dữ liệu gồm tên đăng nhập, mật khẩu (chỉ khi đăng nhập) và nội dung báo cáo do người dùng
nhập. Tiện ích không thu thập lịch sử duyệt web, không dùng công cụ phân tích hay quảng cáo,
không bán hay chia sẻ dữ liệu cho bên thứ ba. Bản nháp được lưu trên máy của người dùng cho đến khi
gửi; khi đăng xuất, người dùng có thể xóa bản nháp khỏi máy (nên làm trên máy dùng chung). Dữ liệu
trên máy chủ do đơn vị quản lý theo quy định của đơn vị.

Khai báo trên Chrome Web Store (Privacy practices): dữ liệu thu thập — "Personally identifiable
information" (họ tên, tên đăng nhập), "Authentication information" (mật khẩu khi đăng nhập),
"User activity"/nội dung do người dùng nhập (báo cáo); cam kết: không bán cho bên thứ ba, không
dùng ngoài mục đích duy nhất, không dùng để đánh giá tín dụng.
`;
}
