import { z } from 'zod';
import { ActionType, IsoDate, Slug, Uuid } from './common.ts';
import { Issue, IssueEvent } from './issue.ts';

export const BulkActionInput = z.object({
  type: ActionType,
  note: z.string().trim().max(10_000).optional(),
  toBodyId: Slug.optional(),
  documentNo: z.string().trim().max(100).optional(),
  /** `schedule` only: the date by which the body will have settled them (not before today). */
  targetDate: IsoDate.optional(),
  items: z
    .array(z.object({ id: Uuid, expectedVersion: z.number().int().min(0) }))
    .min(1, 'Chọn ít nhất một kiến nghị')
    .max(200, 'Tối đa 200 kiến nghị một lần'),
});
export type BulkActionInput = z.infer<typeof BulkActionInput>;

export const BulkActionResult = z.object({
  results: z.array(
    z.object({
      id: Uuid,
      ok: z.boolean(),
      status: z.number().int(),
      issue: Issue.optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
export type BulkActionResult = z.infer<typeof BulkActionResult>;

export const AnswerTemplateInput = z.object({
  title: z.string().trim().min(1, 'Nhập tên mẫu').max(200),
  text: z.string().trim().min(1, 'Nhập nội dung mẫu').max(10_000),
  bodyId: Slug.optional(),
});
export const AnswerTemplate = z.object({
  id: Uuid,
  bodyId: Slug,
  title: z.string(),
  text: z.string(),
  updatedAt: z.string(),
});
export type AnswerTemplate = z.infer<typeof AnswerTemplate>;

export const EventFeed = z.object({
  items: z.array(IssueEvent.extend({ issueTitle: z.string() })),
  nextCursor: z.string().nullable(),
});
export type EventFeed = z.infer<typeof EventFeed>;
