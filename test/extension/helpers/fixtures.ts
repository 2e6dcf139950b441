import { HD42_2025, type ReportResult } from '@duhop/shared';
import { DuhopDb } from '../../../extension/utils/db.ts';
import { blankDraft, type DraftData } from '../../../extension/utils/report/report-model.ts';

export const USER = 'acd92103-c696-4735-ba28-8a5c30f5d176';
export const SET = HD42_2025;

/** A fresh database per test: a unique name, so tests never share state. */
export function freshDb(): DuhopDb {
  return new DuhopDb(`test-${crypto.randomUUID()}`);
}

/** A clock that only moves when told. */
export function fakeClock(start = Date.parse('2026-11-03T10:00:00+07:00')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

/** A complete, consistent draft: 31 members, 2 exempted, 26 present, 120 minutes, every item scored. */
export function filledDraft(over: Partial<DraftData> = {}): DraftData {
  const d = blankDraft(
    { cellId: 'hn-xom-1', cellName: 'Chi bộ xóm 1', meetingDay: 3 },
    '2026-11-05',
  );
  const scores: Record<string, number> = {};
  for (const g of SET.groups) for (const i of g.items) if (!i.measure) scores[i.id] = i.maxPoints;
  return {
    ...d,
    startTime: '14:00',
    endTime: '16:00',
    attendance: {
      total: 31,
      exempted: 2,
      present: 26,
      absentWithReason: 2,
      absentWithoutReason: 1,
      speakers: 14,
    },
    absentNames: 'Nguyễn Văn B',
    targetsMetPercent: 85,
    scores,
    cellSelfScore: 92,
    suggestions: 'Chuẩn bị tài liệu sớm hơn.',
    issues: [
      {
        id: '0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c01',
        title: 'Đường liên xóm xuống cấp',
        detail: 'Đoạn qua xóm 1 dài 300 m có nhiều ổ gà.',
        category: 'ha_tang_giao_thong',
        urgency: 'normal',
        responsibleBodyId: null,
      },
    ],
    ...over,
  };
}

export function resultFor(id: string): ReportResult {
  return {
    id,
    score: 88,
    band: 'kha',
    onTime: true,
    submittedAt: '2026-11-05T10:00:00.000+07:00',
    issues: [
      {
        id: '0d9f4c52-8c0e-4f7a-9a39-5a3f3a1b2c01',
        responsibleBodyId: 'hung-nguyen',
        status: 'routed',
        ackDueAt: '2026-11-06T23:59:59.999+07:00',
        dueAt: '2026-12-03T23:59:59.999+07:00',
        version: 1,
      },
    ],
  };
}
