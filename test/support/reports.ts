import { randomUUID } from 'node:crypto';
import {
  BUILTIN_CRITERIA_SETS,
  isApplicable,
  type MeetingType,
  type ReportInput,
} from '@duhop/shared';

/** Full marks on every applicable item of a built-in set. */
export function fullScores(
  setId = 'hd42-2025',
  meetingType: MeetingType = 'regular',
): Record<string, number> {
  const set = BUILTIN_CRITERIA_SETS.find((s) => s.id === setId)!;
  return Object.fromEntries(
    set.groups.flatMap((g) =>
      g.items.filter((i) => isApplicable(i, meetingType)).map((i) => [i.id, i.maxPoints]),
    ),
  );
}

/** A consistent report by the demo observer on cell hn-xom-1; override any field. */
export function buildReport(overrides: Partial<ReportInput> = {}): ReportInput {
  const meetingType = overrides.meetingType ?? 'regular';
  return {
    id: randomUUID(),
    cellId: 'hn-xom-1',
    meetingDate: '2026-11-03',
    meetingType,
    startedAt: '2026-11-03T19:30:00+07:00',
    endedAt: '2026-11-03T21:15:00+07:00',
    attendance: {
      total: 31,
      exempted: 2,
      present: 26,
      absentWithReason: 2,
      absentWithoutReason: 1,
      speakers: 9,
    },
    criteriaSetId: 'hd42-2025',
    scores: fullScores('hd42-2025', meetingType),
    cellSelfScore: 92,
    suggestions: 'Chi bộ cần chuẩn bị dự thảo nghị quyết sớm hơn.',
    issues: [
      {
        id: randomUUID(),
        title: 'Đường liên xóm xuống cấp',
        detail: 'Đoạn đường từ xóm 1 đi xóm 2 bị sụt lún sau mưa lũ, đề nghị xã sửa chữa.',
        category: 'ha_tang_giao_thong',
        urgency: 'normal',
      },
      {
        id: randomUUID(),
        title: 'Tranh chấp đất đai giữa hai hộ',
        detail: 'Đề nghị Đảng ủy xã chỉ đạo giải quyết dứt điểm.',
        category: 'dat_dai',
        urgency: 'normal',
      },
    ],
    ...overrides,
  };
}
