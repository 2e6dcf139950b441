import { z } from 'zod';
import { IsoDate, Slug, Uuid } from './common.ts';
import { residenceMemberErrors } from '../domain/residence.ts';

/**
 * Residence members ("đảng viên 76", Quy định 76-QĐ/TW): members working in an agency, enterprise
 * or public unit who keep in touch with the cell where they live. `active` while they do; `moved`
 * (changed residence), `transferred` (their workplace organisation moved them), `left` (no longer
 * on the list), each from `statusOn`.
 */
export const ResidenceStatus = z.enum(['active', 'moved', 'transferred', 'left']);
export type ResidenceStatus = z.infer<typeof ResidenceStatus>;

/** The cell's year-end assessment: completed well (hoàn thành tốt nhiệm vụ nơi cư trú) or not. */
export const ResidenceRating = z.enum(['good', 'not_good']);
export type ResidenceRating = z.infer<typeof ResidenceRating>;

const Text = (max: number) => z.string().trim().max(max, `Tối đa ${max} ký tự`);
const FullName = Text(120).min(1, 'Nhập họ và tên');
const BirthYear = z
  .number()
  .int('Năm sinh là số nguyên')
  .min(1920, 'Năm sinh từ 1920')
  .max(2010, 'Năm sinh đến 2010');
const Year = z.number().int().min(2000, 'Từ năm 2000').max(2100, 'Đến năm 2100');

/** The fields a person types; the checks between fields are `residenceMemberErrors`. */
const MemberFields = {
  cellId: Slug,
  fullName: FullName,
  birthYear: BirthYear.nullable().optional(),
  /** The workplace organisation when it is a unit of the graph… */
  workplaceUnitId: Slug.nullable().optional(),
  /** …or its name as free text otherwise (exactly one of the two). */
  workplaceName: Text(200).nullable().optional(),
  introducedOn: IsoDate,
  receivedOn: IsoDate.nullable().optional(),
  status: ResidenceStatus.default('active'),
  statusOn: IsoDate.nullable().optional(),
  note: Text(1000).nullable().optional(),
};

const withChecks = <T extends z.ZodType<Parameters<typeof residenceMemberErrors>[0]>>(schema: T) =>
  schema.superRefine((m, ctx) => {
    for (const [path, messages] of Object.entries(residenceMemberErrors(m)))
      for (const message of messages) ctx.addIssue({ code: 'custom', path: [path], message });
  });

export const ResidenceMemberInput = withChecks(z.object(MemberFields));
export type ResidenceMemberInput = z.input<typeof ResidenceMemberInput>;

/** PATCH: any field; the record after the change is checked as a whole on the server. */
export const ResidenceMemberPatch = z
  .object({
    cellId: Slug,
    fullName: FullName,
    birthYear: BirthYear.nullable(),
    workplaceUnitId: Slug.nullable(),
    workplaceName: Text(200).nullable(),
    introducedOn: IsoDate,
    receivedOn: IsoDate.nullable(),
    status: ResidenceStatus,
    statusOn: IsoDate.nullable(),
    note: Text(1000).nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Không có gì để sửa', path: ['_'] });
export type ResidenceMemberPatch = z.infer<typeof ResidenceMemberPatch>;

export const ResidenceAssessment = z.object({
  year: z.number().int(),
  rating: ResidenceRating,
  reasons: z.string().nullable(),
  assessedById: Uuid,
  assessedByName: z.string(),
  assessedOn: IsoDate,
});
export type ResidenceAssessment = z.infer<typeof ResidenceAssessment>;

export const ResidenceMemberRecord = z.object({
  id: Uuid,
  cellId: Slug,
  cellName: z.string(),
  fullName: z.string(),
  birthYear: z.number().int().nullable(),
  workplaceUnitId: Slug.nullable(),
  workplaceName: z.string().nullable(),
  /** What a person reads: the unit's name, or the free text. */
  workplace: z.string(),
  introducedOn: IsoDate,
  receivedOn: IsoDate.nullable(),
  status: ResidenceStatus,
  statusOn: IsoDate.nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  /** The assessment of the year asked for (`year` of the list), or null while there is none. */
  assessment: ResidenceAssessment.nullable(),
});
export type ResidenceMemberRecord = z.infer<typeof ResidenceMemberRecord>;

const Bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const ResidenceListQuery = z.object({
  /** One cell (a member assigned to it may read it), … */
  cellId: Slug.optional(),
  /** …or every cell under a body (default: the caller's own, for staff). */
  bodyId: Slug.optional(),
  status: ResidenceStatus.optional(),
  /** The year whose assessment each row carries (default: the current year). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Only the members active in `year` still without an assessment for it. */
  unassessed: Bool,
  /** Name or workplace contains this (diacritics ignored). */
  q: z.string().trim().max(100).optional(),
});

export const ResidenceMemberList = z.object({
  year: z.number().int(),
  items: z.array(ResidenceMemberRecord),
  /** Over the members active in `year` within the cell or body (whatever the other filters). */
  counts: z.object({
    active: z.number().int(),
    assessed: z.number().int(),
    good: z.number().int(),
    unassessed: z.number().int(),
  }),
});
export type ResidenceMemberList = z.infer<typeof ResidenceMemberList>;

export const ResidenceAssessmentInput = z
  .object({
    year: Year,
    rating: ResidenceRating,
    reasons: Text(2000).nullable().optional(),
  })
  .refine((a) => a.rating === 'good' || !!a.reasons?.trim(), {
    path: ['reasons'],
    message: 'Nêu lý do khi đảng viên chưa hoàn thành tốt nhiệm vụ nơi cư trú',
  });
export type ResidenceAssessmentInput = z.input<typeof ResidenceAssessmentInput>;

export const ResidenceAssessmentPatch = z
  .object({ rating: ResidenceRating, reasons: Text(2000).nullable().optional() })
  .refine((a) => a.rating === 'good' || !!a.reasons?.trim(), {
    path: ['reasons'],
    message: 'Nêu lý do khi đảng viên chưa hoàn thành tốt nhiệm vụ nơi cư trú',
  });

export const ResidenceMemberParam = z.object({ id: Uuid });
export const ResidenceAssessmentParam = z.object({
  id: Uuid,
  year: z.coerce.number().int().min(2000).max(2100),
});

export const ResidenceImportResult = z.object({
  imported: z.number().int(),
  items: z.array(ResidenceMemberRecord),
  dryRun: z.boolean().optional(),
  valid: z.number().int().optional(),
});
export type ResidenceImportResult = z.infer<typeof ResidenceImportResult>;

/** A workplace organisation that has residence members under the body, for the letters. */
export const ResidenceWorkplace = z.object({
  /** `unit:<id>` or `name:<text>`: what GET /letter takes as `workplace`. */
  key: z.string(),
  name: z.string(),
  members: z.number().int(),
  assessed: z.number().int(),
});
export const ResidenceWorkplaceList = z.object({
  year: z.number().int(),
  items: z.array(ResidenceWorkplace),
});

export const ResidenceExportQuery = z.object({
  bodyId: Slug.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const ResidenceLetterQuery = z.object({
  bodyId: Slug.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** `unit:<org unit id>` or `name:<free text>` (see GET /workplaces). */
  workplace: z.string().trim().min(6).max(210),
});

export const ResidenceWorkplaceQuery = z.object({
  bodyId: Slug.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** Columns of the import CSV, Vietnamese headers first (the English key is accepted too). */
export const RESIDENCE_CSV_COLUMNS = [
  { key: 'fullName', header: 'Họ và tên', required: true },
  { key: 'birthYear', header: 'Năm sinh', required: false },
  { key: 'cellId', header: 'Mã chi bộ', required: true },
  { key: 'workplaceUnitId', header: 'Mã đơn vị công tác', required: false },
  { key: 'workplaceName', header: 'Nơi công tác', required: false },
  { key: 'introducedOn', header: 'Ngày giới thiệu', required: true },
  { key: 'receivedOn', header: 'Ngày tiếp nhận', required: false },
  { key: 'status', header: 'Trạng thái', required: false },
  { key: 'statusOn', header: 'Ngày thay đổi', required: false },
  { key: 'note', header: 'Ghi chú', required: false },
] as const;
