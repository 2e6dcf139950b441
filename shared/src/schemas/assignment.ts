import { z } from 'zod';
import { IsoDate, IsoMonth, Slug, Uuid } from './common.ts';

/**
 * How often an assignment expects a report: every month (the default), every N months from the
 * month of its first day, or in turn with the other members on a rota of the same cell (one of
 * them each month, in the order of `rotaPosition`). See `expectedIn` (shared/src/domain/compliance.ts).
 */
export const AssignmentFrequency = z.enum(['monthly', 'every_n', 'rota']);
export type AssignmentFrequency = z.infer<typeof AssignmentFrequency>;

/** `every` of an every-N-months assignment: 2 to 12. */
export const AssignmentEvery = z
  .number()
  .int()
  .min(2, 'Ít nhất 2 tháng')
  .max(12, 'Tối đa 12 tháng');
/** Place of a member on the cell's rota: 1 goes first. */
export const RotaPosition = z.number().int().min(1, 'Từ 1 trở lên').max(99, 'Tối đa 99');

/** The frequency fields as stored and answered (`every` only for every_n, `rotaPosition` only for rota). */
const FrequencyFields = {
  frequency: AssignmentFrequency,
  every: z.number().int().nullable(),
  rotaPosition: z.number().int().nullable(),
};

/** A member's assignment (phân công) to follow a cell, by decision, for a period. */
export const AssignmentRecord = z.object({
  id: Uuid,
  userId: Uuid,
  username: z.string(),
  displayName: z.string(),
  cellId: Slug,
  cellName: z.string(),
  decisionNo: z.string().nullable(),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  ...FrequencyFields,
});
export type AssignmentRecord = z.infer<typeof AssignmentRecord>;

const DecisionNo = z.string().trim().min(1, 'Nhập số quyết định').max(100, 'Tối đa 100 ký tự');

export const AssignmentInput = z
  .object({
    userId: Uuid,
    cellId: Slug,
    decisionNo: DecisionNo,
    validFrom: IsoDate,
    validTo: IsoDate.nullable().optional(),
    frequency: AssignmentFrequency.default('monthly'),
    every: AssignmentEvery.nullable().optional(),
    rotaPosition: RotaPosition.nullable().optional(),
  })
  .refine((a) => a.validTo == null || a.validTo >= a.validFrom, {
    path: ['validTo'],
    message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi',
  })
  .refine((a) => a.frequency !== 'every_n' || a.every != null, {
    path: ['every'],
    message: 'Nhập số tháng giữa hai lần dự (2 đến 12)',
  })
  .refine((a) => a.frequency !== 'rota' || a.rotaPosition != null, {
    path: ['rotaPosition'],
    message: 'Nhập thứ tự trong lượt luân phiên (1, 2, 3…)',
  });
export type AssignmentInput = z.input<typeof AssignmentInput>;

/** Ends an assignment (or moves its end). */
export const AssignmentPatch = z.object({ validTo: IsoDate });

export const AssignmentListQuery = z.object({
  bodyId: Slug.optional(),
  /** Only assignments in force at some day of this month. */
  month: IsoMonth.optional(),
});

export const AssignmentList = z.object({ items: z.array(AssignmentRecord) });

export const AssignmentImportResult = z.object({
  imported: z.number().int(),
  items: z.array(AssignmentRecord),
  /** `?dryRun=true`: every row was checked and nothing stored; `valid` rows would be imported. */
  dryRun: z.boolean().optional(),
  valid: z.number().int().optional(),
});
export type AssignmentImportResult = z.infer<typeof AssignmentImportResult>;

/**
 * Columns of the import/export CSV: Vietnamese headers as written on the commune's spreadsheet;
 * the English key is accepted too. Other columns are ignored on import.
 */
export const ASSIGNMENT_CSV_COLUMNS = [
  { key: 'username', header: 'Tên đăng nhập', required: true },
  { key: 'cellId', header: 'Mã chi bộ', required: true },
  { key: 'decisionNo', header: 'Số quyết định', required: true },
  { key: 'validFrom', header: 'Từ ngày', required: true },
  { key: 'validTo', header: 'Đến ngày', required: false },
  { key: 'frequency', header: 'Tần suất', required: false },
  { key: 'every', header: 'Số tháng', required: false },
  { key: 'rotaPosition', header: 'Thứ tự luân phiên', required: false },
] as const;
