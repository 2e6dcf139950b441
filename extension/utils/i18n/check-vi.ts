/**
 * What "Kiểm tra kết nối" answers (GET /health): registered by the side panel (messages-panel.ts)
 * and by the options page's check chunk (components/options/server-check-run.ts) when it loads.
 */
export const checkVi = {
  sv_ok: 'Kết nối được: {name} phiên bản {version}.',
  sv_unreachable:
    'Không kết nối được tới {address}: máy chủ không chạy, sai địa chỉ, mất mạng hoặc chứng chỉ HTTPS của máy chủ không hợp lệ.',
  sv_timeout: 'Máy chủ {address} không trả lời sau {s} giây.',
  sv_notDuhop: '{address} có trả lời nhưng không phải máy chủ Dự họp. Kiểm tra lại địa chỉ.',
  sv_unavailable: 'Máy chủ Dự họp trả lời nhưng đang tạm ngừng phục vụ: {reason}',
} as const;
