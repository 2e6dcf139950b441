import { z } from 'zod';

/**
 * A user's own email settings (`GET`/`PUT /api/me/notification-settings`). Staff choose the
 * immediate mail (an issue routed or forwarded to their body) and the daily digest at an hour of
 * Vietnam time; members choose the mail about their own issues (answered, returned).
 */
export const NotificationSettingsInput = z
  .object({
    /** Empty or null: no address (then every option must be off). */
    email: z
      .string()
      .trim()
      .max(254, 'Địa chỉ thư tối đa 254 ký tự')
      .transform((s) => s || null)
      .pipe(z.email({ message: 'Địa chỉ thư không hợp lệ' }).nullable())
      .nullable(),
    immediate: z.boolean(),
    digest: z.boolean(),
    digestHour: z
      .number({ message: 'Giờ gửi phải là số từ 0 đến 23' })
      .int('Giờ gửi phải là số nguyên từ 0 đến 23')
      .min(0, 'Giờ gửi từ 0 đến 23')
      .max(23, 'Giờ gửi từ 0 đến 23'),
    ownIssues: z.boolean(),
  })
  .strict();
export type NotificationSettingsInput = z.infer<typeof NotificationSettingsInput>;

export const NotificationSettings = z.object({
  email: z.string().nullable(),
  immediate: z.boolean(),
  digest: z.boolean(),
  digestHour: z.number().int(),
  ownIssues: z.boolean(),
  /** The server sends mail (SMTP configured); false: the settings are kept but nothing is sent. */
  emailEnabled: z.boolean(),
  /** Which options apply to this account: staff (immediate, digest), member (own issues). */
  staff: z.boolean(),
  member: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const DeliveryKind = z.enum(['email', 'webhook']);
export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed', 'cancelled']);

export const DeliveryQuery = z.object({
  kind: DeliveryKind.optional(),
  status: DeliveryStatus.optional(),
  /** Keyset paging: the last id seen (newest first). */
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'Con trỏ phân trang không hợp lệ')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The province (admins default to their own). */
  provinceId: z.string().max(100).optional(),
});

export const DeliveryIdParam = z.object({
  id: z.string().regex(/^\d{1,18}$/, 'Mã gửi không hợp lệ'),
});

export const DeliveryEntry = z.object({
  id: z.string(),
  kind: DeliveryKind,
  status: DeliveryStatus,
  /** What it is about, as a person reads it (the mail's subject, the webhook's event). */
  summary: z.string(),
  /** Who or where it goes: the user's name (and address) or the endpoint's name/URL. */
  targetName: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type DeliveryEntry = z.infer<typeof DeliveryEntry>;

export const DeliveryList = z.object({
  items: z.array(DeliveryEntry),
  nextCursor: z.string().nullable(),
});
export type DeliveryList = z.infer<typeof DeliveryList>;
