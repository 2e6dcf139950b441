/** Vietnamese texts of the year view (Tổng hợp năm), the member's own year and topical meetings. */
export const yearVi = {
  navYear: 'Tổng hợp năm',
  yv_title: 'Tổng hợp năm {year}',
  yv_intro:
    'Kết quả dự sinh hoạt chi bộ và nộp báo cáo của từng cấp ủy viên trong năm, phục vụ đánh giá, xếp loại cuối năm. Số lượt phải dự theo phân công từng tháng; tháng chưa đến hạn nộp được tính riêng.',
  yv_filters: 'Chọn năm và đơn vị',
  yv_year: 'Năm',
  yv_asOf: 'Số liệu tính đến {time}',
  yv_empty: 'Năm này không có cấp ủy viên nào được phân công dự sinh hoạt chi bộ.',
  yv_members: 'Theo cấp ủy viên',
  yv_bodies: 'Theo đơn vị',
  yv_topical: 'Sinh hoạt chuyên đề theo quý',
  yv_topicalHint:
    'Chi bộ phải sinh hoạt chuyên đề ít nhất mỗi quý một lần. Cả năm: chi bộ có sinh hoạt chuyên đề trong mọi quý đã kết thúc.',
  yv_colExpected: 'Phải dự',
  yv_colAttended: 'Đã dự, đã nộp',
  yv_colNotDue: 'Chưa đến hạn',
  yv_colCells: 'Chi bộ phụ trách',
  yv_colMembers: 'Số cấp ủy viên',
  yv_colIssues: 'Kiến nghị',
  yv_colOtherAnswer: 'Trả lời khác',
  yv_colPeriod: 'Kỳ',
  yv_colCellsExpected: 'Chi bộ phải sinh hoạt',
  yv_colTopicalHeld: 'Có sinh hoạt chuyên đề',
  yv_colPercent: 'Tỷ lệ',
  yv_quarter: 'Quý {q}',
  yv_quarterOpen: 'Quý {q} (chưa hết quý)',
  yv_wholeYear: 'Cả năm',
  yv_kpiAttended: 'Đã dự, đã nộp báo cáo',
  yv_kpiTopical: 'Sinh hoạt chuyên đề (cả năm)',
  yv_topicalOf: '{held}/{expected} chi bộ',
  // The member's own year in the side panel.
  yv_myYear: 'Năm {year} của tôi',
  yv_myYearLine:
    'Đã dự, nộp {attended}/{due} buổi đến hạn · đúng hạn {onTime} · trễ {late} · chưa nộp {missing}',
  yv_myIssuesLine: 'Kiến nghị đã nêu: {raised} · đã giải quyết xong {resolved} · quá hạn {overdue}',
  // Synthesis: topical meetings of the month.
  sy_kpiTopical: 'Sinh hoạt chuyên đề',
  sy_kpiTopicalDetail: '{held}/{expected} chi bộ tổ chức sinh hoạt chuyên đề',
} as const;
