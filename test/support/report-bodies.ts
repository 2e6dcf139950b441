import { randomUUID } from 'node:crypto';
import {
  BUILTIN_CRITERIA_SETS,
  isApplicable,
  type Category,
  type ReportInput,
} from '@duhop/shared';

/** Issue wording seen in cell meetings; the benchmark's history and its live submissions draw from it. */
export const ISSUE_TEXTS: { title: string; detail: string; category: Category }[] = [
  {
    title: 'Đường liên xóm xuống cấp',
    detail: 'Đoạn đường bị sụt lún sau mưa lũ, đề nghị xã sửa chữa trước mùa mưa.',
    category: 'ha_tang_giao_thong',
  },
  {
    title: 'Tranh chấp đất đai giữa hai hộ',
    detail: 'Đề nghị Đảng ủy xã chỉ đạo giải quyết dứt điểm việc lấn chiếm ranh giới.',
    category: 'dat_dai',
  },
  {
    title: 'Cấp giấy chứng nhận quyền sử dụng đất chậm',
    detail: 'Nhiều hộ nộp hồ sơ đã quá hạn nhưng chưa được cấp sổ đỏ.',
    category: 'dat_dai',
  },
  {
    title: 'Rác thải sinh hoạt chưa được thu gom',
    detail: 'Bãi tập kết rác gần trường học gây ô nhiễm môi trường.',
    category: 'moi_truong',
  },
  {
    title: 'Ô nhiễm nước thải từ cơ sở chế biến',
    detail: 'Nước thải chưa qua xử lý chảy ra kênh tưới tiêu của xóm.',
    category: 'moi_truong',
  },
  {
    title: 'Trộm cắp vặt gia tăng',
    detail: 'Đề nghị công an xã tăng cường tuần tra ban đêm.',
    category: 'an_ninh_trat_tu',
  },
  {
    title: 'Thanh niên tụ tập đua xe',
    detail: 'Tình trạng đua xe trái phép vào cuối tuần trên tuyến đường tỉnh.',
    category: 'an_ninh_trat_tu',
  },
  {
    title: 'Chế độ hộ nghèo chưa kịp thời',
    detail: 'Một số hộ cận nghèo chưa được xét hỗ trợ bảo hiểm y tế.',
    category: 'chinh_sach_xa_hoi',
  },
  {
    title: 'Trợ cấp người có công chậm chi trả',
    detail: 'Đề nghị rà soát danh sách và chi trả đúng hạn.',
    category: 'chinh_sach_xa_hoi',
  },
  {
    title: 'Trạm y tế thiếu thuốc',
    detail: 'Trạm y tế xã thiếu thuốc điều trị bệnh mãn tính cho người cao tuổi.',
    category: 'y_te',
  },
  {
    title: 'Sốt xuất huyết bùng phát',
    detail: 'Cần phun thuốc diệt muỗi khẩn cấp tại khu dân cư.',
    category: 'y_te',
  },
  {
    title: 'Phòng học xuống cấp',
    detail: 'Mái phòng học trường tiểu học bị dột, nguy hiểm cho học sinh.',
    category: 'giao_duc',
  },
  {
    title: 'Thiếu giáo viên tiếng Anh',
    detail: 'Đề nghị bố trí giáo viên cho năm học mới.',
    category: 'giao_duc',
  },
  {
    title: 'Sinh hoạt chi bộ chưa đều',
    detail: 'Một số đảng viên đi làm ăn xa chưa chuyển sinh hoạt tạm thời.',
    category: 'xay_dung_dang',
  },
  {
    title: 'Giá vật tư nông nghiệp tăng',
    detail: 'Đề nghị hỗ trợ giống và phân bón cho vụ đông.',
    category: 'kinh_te',
  },
  {
    title: 'Tiêu thụ nông sản khó khăn',
    detail: 'Bà con cần hỗ trợ kết nối tiêu thụ cam, bưởi.',
    category: 'kinh_te',
  },
  {
    title: 'Đèn chiếu sáng công cộng hỏng',
    detail: 'Tuyến đường trục xóm không có đèn chiếu sáng.',
    category: 'ha_tang_giao_thong',
  },
  {
    title: 'Kênh mương nội đồng bồi lắng',
    detail: 'Đề nghị nạo vét trước vụ xuân.',
    category: 'ha_tang_giao_thong',
  },
  {
    title: 'Nhà văn hóa xóm cần sửa chữa',
    detail: 'Đề nghị hỗ trợ kinh phí tu sửa nhà văn hóa.',
    category: 'khac',
  },
  {
    title: 'Lấn chiếm hành lang giao thông',
    detail: 'Một số hộ kinh doanh lấn chiếm vỉa hè.',
    category: 'dat_dai',
  },
];

const SUGGESTIONS = [
  'Chi bộ cần chuẩn bị dự thảo nghị quyết sớm hơn.',
  'Nội dung sinh hoạt chuyên đề cần gắn với nhiệm vụ của địa phương.',
  'Tăng cường phê bình và tự phê bình; ghi biên bản đầy đủ.',
  'Đảng viên cần phát biểu nhiều hơn; thông báo lịch sinh hoạt trước ba ngày.',
];

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const int = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** Scores for every applicable item of a set: mostly full, some lowered, like real reports. */
export function realisticScores(
  setId: string,
  meetingType: ReportInput['meetingType'],
): Record<string, number> {
  const set = BUILTIN_CRITERIA_SETS.find((s) => s.id === setId)!;
  const scores: Record<string, number> = {};
  for (const g of set.groups) {
    for (const item of g.items) {
      if (!isApplicable(item, meetingType)) continue;
      scores[item.id] =
        Math.random() < 0.8 ? item.maxPoints : Math.floor(Math.random() * (item.maxPoints + 1));
    }
  }
  return scores;
}

/**
 * A report as the extension sends it: a meeting earlier this month (the criteria set in force),
 * consistent attendance, 0–5 issues with fresh ids, some addressed to a body the observer chose.
 */
export function reportBody(
  cellId: string,
  meetingDate: string,
  chosenBodies: readonly string[] = [],
): ReportInput {
  const meetingType = Math.random() < 0.25 ? 'combined' : 'regular';
  const total = int(8, 60);
  const exempted = int(0, 3);
  const absentWithReason = int(0, 3);
  const absentWithoutReason = Math.random() < 0.2 ? 1 : 0;
  const present = total - exempted - absentWithReason - absentWithoutReason;
  return {
    id: randomUUID(),
    cellId,
    meetingDate,
    meetingType,
    startedAt: `${meetingDate}T19:30:00+07:00`,
    endedAt: `${meetingDate}T21:${meetingType === 'combined' ? '45' : '10'}:00+07:00`,
    attendance: {
      total,
      exempted,
      present,
      absentWithReason,
      absentWithoutReason,
      speakers: int(1, Math.max(1, present)),
    },
    criteriaSetId: 'hd42-2025',
    scores: realisticScores('hd42-2025', meetingType),
    cellSelfScore: int(70, 100),
    suggestions: pick(SUGGESTIONS),
    issues: Array.from({ length: int(0, 5) }, () => {
      const text = pick(ISSUE_TEXTS);
      return {
        id: randomUUID(),
        title: text.title,
        detail: text.detail,
        category: text.category,
        urgency: Math.random() < 0.1 ? ('urgent' as const) : ('normal' as const),
        ...(chosenBodies.length && Math.random() < 0.15
          ? { responsibleBodyId: pick(chosenBodies) }
          : {}),
      };
    }),
  };
}

/** A meeting date a few days before today in +07:00, for a server that runs on the real clock. */
export function recentMeetingDate(daysAgo = 3, now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** A random report like `reportBody`, but with at least one issue (it draws 0–5). */
export function reportBodyWithIssues(
  cellId: string,
  meetingDate: string,
  chosenBodies: readonly string[] = [],
): ReportInput {
  for (;;) {
    const body = reportBody(cellId, meetingDate, chosenBodies);
    if (body.issues.length > 0) return body;
  }
}
