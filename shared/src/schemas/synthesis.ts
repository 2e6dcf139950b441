import { z } from 'zod';
import { IsoMonth, Slug, Uuid } from './common.ts';

export const MonthBodyQuery = z.object({ month: IsoMonth, bodyId: Slug.optional() });

export const ComplianceStatus = z.enum(['on_time', 'late', 'missing']);
export const ComplianceItem = z.object({
  cellId: Slug,
  cellName: z.string(),
  observerId: Uuid,
  observerName: z.string(),
  status: ComplianceStatus,
  reportId: Uuid.optional(),
  submittedAt: z.string().optional(),
  dueDate: z.string().optional(),
});
export const ComplianceResponse = z.object({ items: z.array(ComplianceItem) });
export type ComplianceResponse = z.infer<typeof ComplianceResponse>;
