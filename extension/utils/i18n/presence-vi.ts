/**
 * Vietnamese texts of the presence figures (issue 17) in the synthesis and the year view: online
 * and combined meetings, members away for work, residence members ("đảng viên 76"). Workspace only.
 */
export const presenceVi = {
  pr_title: 'Đảng viên nơi cư trú, đảng viên đi làm ăn xa, sinh hoạt trực tuyến',
  pr_hintMonth:
    'Theo các báo cáo sinh hoạt chi bộ trong tháng và danh sách đảng viên đang công tác sinh hoạt nơi cư trú (đảng viên 76, Quy định 76-QĐ/TW) của các chi bộ; nhận xét tính theo năm.',
  pr_hintYear:
    'Theo các báo cáo sinh hoạt chi bộ trong năm và danh sách đảng viên đang công tác sinh hoạt nơi cư trú (đảng viên 76, Quy định 76-QĐ/TW) của các chi bộ.',
  pr_emptyMonth:
    'Tháng này chưa có báo cáo sinh hoạt chi bộ nào và các chi bộ chưa có đảng viên nơi cư trú trong danh sách.',
  pr_emptyYear:
    'Năm này chưa có báo cáo sinh hoạt chi bộ nào và các chi bộ chưa có đảng viên nơi cư trú trong danh sách.',
  pr_noReportsMonth: 'Tháng này chưa có báo cáo sinh hoạt chi bộ nào.',
  pr_noReportsYear: 'Năm này chưa có báo cáo sinh hoạt chi bộ nào.',
  pr_noResidence: 'Các chi bộ chưa có đảng viên nơi cư trú (đảng viên 76) trong danh sách.',
  pr_cardOnline: 'Sinh hoạt trực tuyến hoặc kết hợp',
  pr_meetingsOf: '{part}/{total} cuộc sinh hoạt',
  pr_meetingsSplit: 'trực tuyến {online} · kết hợp {combined}',
  pr_presentOnline: 'dự trực tuyến {n} trong {present} lượt có mặt',
  pr_noMeetings: 'Không có báo cáo sinh hoạt nào',
  pr_cardAway: 'Đảng viên đi làm ăn xa',
  pr_awayCells: 'ở {n} chi bộ (số ghi ở kỳ sinh hoạt gần nhất)',
  pr_awayNone: 'Các báo cáo chưa ghi số đảng viên đi làm ăn xa',
  pr_cardResidence: 'Đảng viên nơi cư trú (đảng viên 76)',
  pr_introducedMonth: 'giới thiệu về trong tháng {introduced}, tiếp nhận {received}',
  pr_introducedYear: 'giới thiệu về trong năm {introduced}, tiếp nhận {received}',
  pr_receivedByEnd: 'đã tiếp nhận {ratio}',
  pr_cardResidenceAttendance: 'Đảng viên 76 tham gia sinh hoạt',
  pr_residenceTimes: '{present}/{expected} lượt',
  pr_residenceMeetings: 'theo {n} cuộc sinh hoạt có ghi số',
  pr_residenceNotStated: 'Chưa có báo cáo nào ghi số đảng viên 76 có mặt',
  pr_cardAssessment: 'Nhận xét năm {year}: hoàn thành tốt',
  pr_goodOf: 'hoàn thành tốt {good}/{assessed} đã nhận xét',
  pr_noAssessment: 'Chưa có nhận xét nào',
  pr_unassessed: 'chưa nhận xét {n}',
  pr_unassessedLink: 'Xem đảng viên chưa nhận xét',
  pr_unassessedLinkBody: 'Xem đảng viên chưa nhận xét của {body}',
  pr_none: 'không có số liệu',
  pr_table: 'Đảng viên 76, đi làm ăn xa, sinh hoạt trực tuyến theo đơn vị',
  pr_colOnline: 'Sinh hoạt trực tuyến, kết hợp (cuộc)',
  pr_colPresentOnline: 'Lượt dự trực tuyến',
  pr_colAway: 'Đi làm ăn xa (số chi bộ)',
  pr_colRegistered: 'Đảng viên 76',
  pr_colIntroduced: 'Giới thiệu / tiếp nhận trong kỳ',
  pr_colReceived: 'Đã tiếp nhận',
  pr_colResidenceAttendance: 'Đảng viên 76 dự sinh hoạt (lượt)',
  pr_colGood: 'Hoàn thành tốt',
  pr_colUnassessed: 'Chưa nhận xét',
  pr_rowNothing: 'Chưa có báo cáo sinh hoạt, chưa có đảng viên 76',
} as const;
