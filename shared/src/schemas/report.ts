import { z } from 'zod';
import { BandCode } from './criteria.ts';
import {
  Category,
  IsoDate,
  IsoDateTime,
  IssueStatus,
  MeetingType,
  Slug,
  Urgency,
  Uuid,
} from './common.ts';
import { attendanceBreakdownErrors, effectiveMeetingFormat } from '../domain/attendance.ts';

const Count = z
  .number({ message: 'Phải là số' })
  .int('Phải là số nguyên')
  .min(0, 'Không được âm')
  .max(100_000, 'Số quá lớn');

export const Attendance = z
  .object({
    total: Count.min(1, 'Chi bộ phải có ít nhất 1 đảng viên'),
    exempted: Count,
    present: Count,
    absentWithReason: Count,
    absentWithoutReason: Count,
    speakers: Count,
    /** Names of those absent without reason (docs/domain.md: they must be named). */
    absentWithoutReasonNames: z.array(z.string().trim().min(1).max(200)).max(500).optional(),
    /**
     * The breakdown (issue 17), all optional so older payloads keep their content hash: of those
     * present, how many joined online and how many are residence members ("đảng viên 76"); of
     * those absent or exempted, how many are away for work. Checked by `attendanceBreakdownErrors`.
     */
    presentOnline: Count.optional(),
    presentResidence: Count.optional(),
    awayForWork: Count.optional(),
    /** Ids of the cell's residence register ticked as present (their count is presentResidence). */
    residenceMemberIds: z.array(Uuid).max(500, 'Tối đa 500 người').optional(),
  })
  .superRefine((a, ctx) => {
    const expected = a.total - a.exempted;
    if (a.exempted > a.total) {
      ctx.addIssue({
        code: 'custom',
        path: ['exempted'],
        message: 'Số miễn sinh hoạt không được lớn hơn tổng số',
      });
      return;
    }
    if (a.present > expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['present'],
        message: `Số có mặt không được vượt quá ${expected} (tổng số trừ miễn sinh hoạt)`,
      });
      return;
    }
    if (a.present + a.absentWithReason + a.absentWithoutReason !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['absentWithReason'],
        message: `Có mặt + vắng có lý do + vắng không lý do phải bằng ${expected}`,
      });
    }
    if (a.speakers > a.present) {
      ctx.addIssue({
        code: 'custom',
        path: ['speakers'],
        message: 'Số phát biểu không được vượt quá số có mặt',
      });
    }
  });
export type Attendance = z.infer<typeof Attendance>;

/** How the meeting was held: in person, online, or combined (some present online). */
export const MeetingFormat = z.enum(['in_person', 'online', 'combined'], {
  message: 'Chọn hình thức: trực tiếp, trực tuyến hoặc kết hợp',
});
export type MeetingFormat = z.infer<typeof MeetingFormat>;

export const IssueInput = z.object({
  id: Uuid,
  title: z.string().trim().min(1, 'Nhập nội dung kiến nghị').max(300, 'Tối đa 300 ký tự'),
  detail: z.string().trim().max(10_000, 'Tối đa 10.000 ký tự').default(''),
  category: Category,
  urgency: Urgency.default('normal'),
  responsibleBodyId: Slug.optional(),
  /**
   * Answered at the meeting itself (trực tiếp giải đáp): who answered (name or position) and the
   * answer. The issue is stored answered, routed to nobody; it can be reopened like any answer.
   */
  answeredAtMeeting: z
    .object({
      by: z
        .string()
        .trim()
        .min(1, 'Nhập người giải đáp (họ tên hoặc chức vụ)')
        .max(200, 'Tối đa 200 ký tự'),
      answer: z.string().trim().min(1, 'Nhập nội dung giải đáp').max(10_000, 'Tối đa 10.000 ký tự'),
    })
    .optional(),
});
export type IssueInput = z.input<typeof IssueInput>;

export const ReportInput = z
  .object({
    id: Uuid,
    cellId: Slug,
    meetingDate: IsoDate,
    meetingType: MeetingType,
    startedAt: IsoDateTime,
    endedAt: IsoDateTime,
    /** Older clients' flag; mapped to `meetingFormat` (true → online) when that is absent. */
    online: z.boolean().optional(),
    meetingFormat: MeetingFormat.optional(),
    attendance: Attendance,
    criteriaSetId: Slug,
    scores: z.record(
      z.string().max(100),
      z.number({ message: 'Điểm phải là số' }).min(0, 'Điểm không được âm'),
    ),
    groupNotes: z.record(z.string().max(100), z.string().max(2000)).optional(),
    /**
     * Items the observer marked "Không áp dụng" (only those whose set allows it), with the reason
     * ('' when the set does not ask for one). Absent in reports of older extension versions: none.
     * No default, so an older payload keeps its content hash (idempotent resends).
     */
    notApplicable: z
      .record(z.string().max(100), z.string().trim().max(500, 'Tối đa 500 ký tự'))
      .optional(),
    /** Share of the last resolution's targets met, when the observer knows it (0–100). */
    targetsMetPercent: z.number().min(0).max(100).optional(),
    cellSelfScore: z
      .number()
      .min(0, 'Điểm không được âm')
      .max(100, 'Tối đa 100 điểm')
      .nullable()
      .optional(),
    suggestions: z.string().max(20_000, 'Tối đa 20.000 ký tự').default(''),
    issues: z.array(IssueInput).max(50, 'Tối đa 50 kiến nghị'),
  })
  .superRefine((r, ctx) => {
    const breakdown = attendanceBreakdownErrors(r.attendance, effectiveMeetingFormat(r), {
      online: r.online,
      meetingFormat: r.meetingFormat,
    });
    for (const [field, messages] of Object.entries(breakdown))
      for (const message of messages)
        ctx.addIssue({
          code: 'custom',
          path: field === 'meetingFormat' ? [field] : ['attendance', field],
          message,
        });
    const start = Date.parse(r.startedAt);
    const end = Date.parse(r.endedAt);
    if (end <= start)
      ctx.addIssue({
        code: 'custom',
        path: ['endedAt'],
        message: 'Giờ kết thúc phải sau giờ bắt đầu',
      });
    else if (end - start > 24 * 3600_000)
      ctx.addIssue({
        code: 'custom',
        path: ['endedAt'],
        message: 'Buổi sinh hoạt không thể dài quá 24 giờ',
      });
    const ids = new Set<string>();
    r.issues.forEach((i, idx) => {
      if (ids.has(i.id))
        ctx.addIssue({
          code: 'custom',
          path: ['issues', idx, 'id'],
          message: 'Mã kiến nghị bị trùng',
        });
      ids.add(i.id);
      if (i.answeredAtMeeting && i.responsibleBodyId)
        ctx.addIssue({
          code: 'custom',
          path: ['issues', idx, 'responsibleBodyId'],
          message: 'Kiến nghị đã giải đáp tại hội nghị không chuyển đến cơ quan nào',
        });
    });
  });
export type ReportInput = z.input<typeof ReportInput>;
export type ReportParsed = z.output<typeof ReportInput>;

export const RoutedIssue = z.object({
  id: Uuid,
  responsibleBodyId: Slug,
  status: IssueStatus,
  /** Acknowledgement deadline while it is awaited (as in the inbox); null when answered at the meeting. */
  ackDueAt: z.string().nullable(),
  dueAt: z.string(),
  /** The issue's version (1 when just filed), the `expectedVersion` of its first action. */
  version: z.number().int(),
});

export const ReportResult = z.object({
  id: Uuid,
  score: z.number(),
  band: BandCode,
  onTime: z.boolean(),
  submittedAt: z.string(),
  issues: z.array(RoutedIssue),
});
export type ReportResult = z.infer<typeof ReportResult>;
