import { z } from 'zod';
import { IsoDate, IsoMonth, Slug, Uuid } from './common.ts';

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
  })
  .refine((a) => a.validTo == null || a.validTo >= a.validFrom, {
    path: ['validTo'],
    message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi',
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
] as const;
