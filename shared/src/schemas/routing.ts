import { z } from 'zod';
import { Category, Slug, Urgency } from './common.ts';

/** Which answer deadline applies: normal 20, urgent 10, complex 30 working days by default. */
export const DeadlineProfile = z.enum(['normal', 'urgent', 'complex']);
export type DeadlineProfile = z.infer<typeof DeadlineProfile>;

/** Relative targets: the cell's triage committee (nearest commune or district), or the cell itself. */
export const RoutingTarget = z.enum(['triage', 'cell']);
export type RoutingTarget = z.infer<typeof RoutingTarget>;

/**
 * An admin-edited routing rule. Rules are tried in `position` order; null criteria match anything;
 * `areaId` scopes the rule to cells under that unit. Exactly one of `targetBodyId`/`target`.
 */
export const RoutingRule = z
  .object({
    id: Slug,
    position: z.number().int(),
    category: Category.nullable(),
    areaId: Slug.nullable(),
    urgency: Urgency.nullable(),
    targetBodyId: Slug.nullable(),
    target: RoutingTarget.nullable(),
    deadlineProfile: DeadlineProfile,
    active: z.boolean(),
  })
  .refine((r) => (r.targetBodyId === null) !== (r.target === null), {
    path: ['targetBodyId'],
    message:
      'Chọn đúng một nơi nhận: một cơ quan cụ thể hoặc một đích tương đối (đảng ủy cơ sở, chi bộ)',
  });
export type RoutingRule = z.infer<typeof RoutingRule>;

const Days = (d: number) => z.number().int().min(0).max(365).default(d);

/**
 * Deadlines in working days (defaults borrowed from Nghệ An Quyết định 98/2025/QĐ-UBND, local configuration): triage and acknowledgement 3, answer 20,
 * urgent 10, complex 30, the author's clarification 5, sending back a wrongly routed item 3.
 */
export const DeadlineConfig = z.object({
  acknowledge: Days(3),
  answer: Days(20),
  urgent: Days(10),
  complex: Days(30),
  clarify: Days(5),
  sendBack: Days(3),
});
export type DeadlineConfig = z.infer<typeof DeadlineConfig>;

export const DEFAULT_DEADLINES: DeadlineConfig = Object.freeze(DeadlineConfig.parse({}));
