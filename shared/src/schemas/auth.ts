import { z } from 'zod';
import { AssignmentFrequency } from './assignment.ts';
import { Role, Slug, Uuid } from './common.ts';

export const LoginInput = z.object({
  username: z.string().trim().min(1, 'Nhập tên đăng nhập').max(100),
  password: z.string().min(1, 'Nhập mật khẩu').max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const User = z.object({
  id: Uuid,
  username: z.string(),
  displayName: z.string(),
  /** The primary role (kept for older clients); `roles` lists every role. */
  role: Role,
  /** Every role of the account, `role` first (always sent; absent in sessions stored by older versions). */
  roles: z.array(Role).optional(),
  orgUnitId: Slug,
  mustChangePassword: z.boolean().optional(),
});
export type User = z.infer<typeof User>;

export const LoginResponse = z.object({ token: z.string(), user: User, expiresAt: z.string() });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const Assignment = z.object({
  cellId: Slug,
  cellName: z.string(),
  meetingDay: z.number().int().min(1).max(31),
  communeId: Slug.nullable().optional(),
  communeName: z.string().nullable().optional(),
  decisionNo: z.string().nullable().optional(),
  validFrom: z.string().optional(),
  validTo: z.string().nullable().optional(),
  /** How often the assignment expects a report (absent: monthly); see `expectedIn`. */
  frequency: AssignmentFrequency.optional(),
  every: z.number().int().nullable().optional(),
  rotaPosition: z.number().int().nullable().optional(),
  /**
   * rota: every rota assignment of the cell (this one included, ended ones too), so that the
   * extension can tell with `expectedIn` whose turn a month is.
   */
  rota: z
    .array(
      z.object({
        userId: z.string(),
        displayName: z.string(),
        rotaPosition: z.number().int().nullable(),
        validFrom: z.string(),
        validTo: z.string().nullable(),
      }),
    )
    .optional(),
});
export type Assignment = z.infer<typeof Assignment>;

export const MeResponse = z.object({
  user: User,
  assignments: z.array(Assignment),
  /** The province's reporting deadline in force today (due before `dueBeforeDay` of the meeting's month). */
  reporting: z
    .object({ dueBeforeDay: z.number().int(), lateMeetingGraceDays: z.number().int() })
    .optional(),
});
export type MeResponse = z.infer<typeof MeResponse>;
