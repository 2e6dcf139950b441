import { z } from 'zod';

/**
 * Years a date or month given by a client may carry. Wider ranges reach SQL casts that fail
 * (PostgreSQL has no year 0, and month arithmetic runs past year 9999): refused at the edge.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
export const yearInRange = (isoDateOrMonth: string) => {
  const y = Number(isoDateOrMonth.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
};
const YEAR_MESSAGE = `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`;

/** Calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused), in years MIN_YEAR–MAX_YEAR. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Ngày không tồn tại')
  .refine(yearInRange, YEAR_MESSAGE);
export type IsoDate = z.infer<typeof IsoDate>;

/** Month `YYYY-MM`, in years MIN_YEAR–MAX_YEAR. */
export const IsoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng phải có dạng YYYY-MM')
  .refine(yearInRange, YEAR_MESSAGE);
export type IsoMonth = z.infer<typeof IsoMonth>;

/** Instant in ISO 8601 with an offset (`Z` or `+07:00`). */
export const IsoDateTime = z.iso.datetime({
  offset: true,
  message: 'Thời điểm phải theo ISO 8601 có múi giờ',
});

export const Uuid = z.uuid({ message: 'Mã phải là UUID' });

/** Ids of org units, criteria sets and rules: readable slugs or uuids. */
export const Slug = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Mã không hợp lệ');

export const Role = z.enum(['observer', 'staff', 'leader', 'admin']);
export type Role = z.infer<typeof Role>;

export const MeetingType = z.enum(['regular', 'topical', 'combined']);
export type MeetingType = z.infer<typeof MeetingType>;

export const Urgency = z.enum(['normal', 'urgent']);
export type Urgency = z.infer<typeof Urgency>;

export const Category = z.enum([
  'dat_dai',
  'ha_tang_giao_thong',
  'moi_truong',
  'an_ninh_trat_tu',
  'chinh_sach_xa_hoi',
  'y_te',
  'giao_duc',
  'xay_dung_dang',
  'kinh_te',
  'khac',
]);
export type Category = z.infer<typeof Category>;

export const IssueStatus = z.enum([
  'routed',
  'acknowledged',
  'in_progress',
  'resolved',
  'scheduled',
  'explained',
  'rejected',
  'returned',
  'forwarded',
  // Answered at the meeting itself by someone present (trực tiếp giải đáp): held by no body.
  'answered_at_meeting',
]);
export type IssueStatus = z.infer<typeof IssueStatus>;

export const ActionType = z.enum([
  'acknowledge',
  'start',
  'forward',
  'return_for_clarification',
  'clarify',
  'resolve',
  'schedule',
  'explain',
  'reject',
  'reopen',
]);
export type ActionType = z.infer<typeof ActionType>;

/** Kinds of node in the organisation graph. The number of levels is never assumed. */
export const OrgUnitKind = z.enum([
  'province', // Tỉnh ủy / Thành ủy
  'province_board', // Ban, Văn phòng, Ủy ban Kiểm tra Tỉnh ủy
  'party_committee', // Đảng ủy trực thuộc (UBND tỉnh, cơ quan Đảng, công an, quân sự)
  'people_committee', // UBND tỉnh / xã
  'department', // Sở, Phòng
  'district', // Huyện ủy (three-tier provinces, history)
  'commune', // Đảng ủy xã / phường / đặc khu
  'commune_board', // Văn phòng, Ban Xây dựng Đảng của Đảng ủy xã
  'cell', // Chi bộ
]);
export type OrgUnitKind = z.infer<typeof OrgUnitKind>;

export const CellType = z.enum([
  'village',
  'residential_group',
  'school',
  'agency',
  'enterprise',
  'other',
]);
export type CellType = z.infer<typeof CellType>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });
