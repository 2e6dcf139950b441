import { z } from 'zod';
import { Category, CellType, IsoDate, OrgUnitKind, Role, Slug, Urgency, Uuid } from './common.ts';
import { Band, CriteriaGroup, CriteriaScope } from './criteria.ts';
import { OrgUnit } from './org.ts';
import { DeadlineProfile, RoutingRule } from './routing.ts';

// Wire types of the administration area (/api/admin/*, /api/me/password).

const BoolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const Limit = (d: number, max: number) => z.coerce.number().int().min(1).max(max).default(d);
const nonEmpty = (o: Record<string, unknown>) => Object.values(o).some((v) => v !== undefined);
const NOTHING = { message: 'Không có gì để thay đổi' };

/** Passwords: at least 8 characters; never returned by any route. */
export const Password = z
  .string()
  .min(8, 'Mật khẩu phải có ít nhất 8 ký tự')
  .max(200, 'Mật khẩu tối đa 200 ký tự');

export const Username = z
  .string()
  .trim()
  .min(3, 'Tên đăng nhập phải có ít nhất 3 ký tự')
  .max(50, 'Tên đăng nhập tối đa 50 ký tự')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Tên đăng nhập chỉ gồm chữ không dấu, số và . _ -');

export const DisplayName = z
  .string()
  .trim()
  .min(1, 'Nhập họ và tên')
  .max(200, 'Họ và tên tối đa 200 ký tự');
export const UnitName = z
  .string()
  .trim()
  .min(1, 'Nhập tên đơn vị')
  .max(300, 'Tên đơn vị tối đa 300 ký tự');

// ── Accounts ──────────────────────────────────────────────────────────────────────────────────

/**
 * Every role of an account (one account may attend cells and handle a body's issues): each role
 * at most once, and it must include the primary `role` (checked by the service, field `roles`).
 */
export const Roles = z
  .array(Role)
  .min(1, 'Chọn ít nhất một vai trò')
  .max(Role.options.length)
  .refine((r) => new Set(r).size === r.length, 'Mỗi vai trò chỉ ghi một lần');

export const AdminUser = z.object({
  id: Uuid,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** Every role of the account, the primary `role` first. */
  roles: z.array(Role),
  orgUnitId: Slug,
  orgUnitName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUserQuery = z.object({
  /** Province whose users are listed; the admin's own by default. */
  provinceId: Slug.optional(),
  q: z.string().trim().max(100).optional(),
  /** Accounts holding this role, as their primary role or another. */
  role: Role.optional(),
  orgUnitId: Slug.optional(),
  active: BoolParam.optional(),
  cursor: z.string().max(200).optional(),
  limit: Limit(100, 500),
});

export const AdminUserList = z.object({
  items: z.array(AdminUser),
  nextCursor: z.string().nullable(),
});

export const UserCreateInput = z.object({
  username: Username,
  displayName: DisplayName,
  role: Role,
  /** Every role of the account; must include `role` (default: `[role]`). */
  roles: Roles.optional(),
  orgUnitId: Slug,
  password: Password,
  /** The user must choose their own password at first sign-in (default true: the admin knows this one). */
  mustChangePassword: z.boolean().default(true),
});
export type UserCreateInput = z.input<typeof UserCreateInput>;

export const UserPatchInput = z
  .object({
    displayName: DisplayName.optional(),
    role: Role.optional(),
    /**
     * Every role of the account; must include the (new) `role`. Without it, changing `role`
     * replaces the old primary role in the list.
     */
    roles: Roles.optional(),
    orgUnitId: Slug.optional(),
    active: z.boolean().optional(),
  })
  .refine(nonEmpty, NOTHING);
export type UserPatchInput = z.infer<typeof UserPatchInput>;

export const ResetPasswordInput = z.object({ temporaryPassword: Password });

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, 'Nhập mật khẩu hiện tại').max(200),
    newPassword: Password,
  })
  .refine((p) => p.currentPassword !== p.newPassword, {
    path: ['newPassword'],
    message: 'Mật khẩu mới phải khác mật khẩu hiện tại',
  });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** A problem in one row of an imported CSV file; `row` counts the header as row 1, as spreadsheets do. */
export const ImportError = z.object({
  row: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof ImportError>;

const importResult = <T extends z.ZodType>(item: T) =>
  z.object({
    dryRun: z.boolean(),
    ok: z.boolean(),
    count: z.number().int(),
    items: z.array(item),
    errors: z.array(ImportError),
  });

export const UserImportRow = z.object({
  row: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  roles: z.array(Role),
  orgUnitId: Slug,
});
export const UserImportResult = importResult(UserImportRow);
export type UserImportResult = z.infer<typeof UserImportResult>;

export const ImportQuery = z.object({ dryRun: BoolParam.optional() });

// ── Organisation graph ────────────────────────────────────────────────────────────────────────

export const AdminOrgUnit = OrgUnit.extend({ provinceId: Slug.nullable() });
export type AdminOrgUnit = z.infer<typeof AdminOrgUnit>;
export const AdminOrgUnitList = z.object({ items: z.array(AdminOrgUnit) });

const MeetingDay = z.number().int().min(1).max(31);

export const OrgUnitCreateInput = z.object({
  id: Slug,
  name: UnitName,
  kind: OrgUnitKind,
  /** Null only for a new province (a root of the graph). */
  parentId: Slug.nullable(),
  validFrom: IsoDate,
  cellType: CellType.nullable().optional(),
  meetingDay: MeetingDay.nullable().optional(),
});
export type OrgUnitCreateInput = z.infer<typeof OrgUnitCreateInput>;

/** Corrections in place (a typo in a name, a unit filed under the wrong parent); the audit log keeps the old values. */
export const OrgUnitPatchInput = z
  .object({
    name: UnitName.optional(),
    parentId: Slug.optional(),
    cellType: CellType.nullable().optional(),
    meetingDay: MeetingDay.nullable().optional(),
  })
  .refine(nonEmpty, NOTHING);
export type OrgUnitPatchInput = z.infer<typeof OrgUnitPatchInput>;

/** `validTo` is the unit's last day; from the next day its issues, staff, children and assignments are the successor's. */
export const OrgUnitCloseInput = z.object({
  validTo: IsoDate,
  successorId: Slug,
  note: z.string().trim().max(1000).optional(),
});
export type OrgUnitCloseInput = z.infer<typeof OrgUnitCloseInput>;

export const OrgUnitMergeInput = z
  .object({
    sourceIds: z.array(Slug).min(1, 'Chọn ít nhất một đơn vị để sáp nhập').max(200),
    /** An existing unit that takes the others in… */
    targetId: Slug.optional(),
    /** …or a unit created for the merger (kind and parent default to those of the first source). */
    newUnit: z
      .object({
        id: Slug,
        name: UnitName,
        kind: OrgUnitKind.optional(),
        parentId: Slug.optional(),
        cellType: CellType.nullable().optional(),
        meetingDay: MeetingDay.nullable().optional(),
      })
      .optional(),
    /** First day of the merged unit; the sources' last day is the day before. */
    effectiveDate: IsoDate,
    note: z.string().trim().max(1000).optional(),
  })
  .refine((m) => (m.targetId === undefined) !== (m.newUnit === undefined), {
    path: ['targetId'],
    message: 'Chọn đúng một: đơn vị nhận có sẵn hoặc đơn vị mới',
  });
export type OrgUnitMergeInput = z.infer<typeof OrgUnitMergeInput>;

export const OrgChangeResult = z.object({
  successor: AdminOrgUnit,
  closed: z.array(AdminOrgUnit),
  issuesMoved: z.number().int(),
  assignmentsMoved: z.number().int(),
  usersMoved: z.number().int(),
  childrenMoved: z.number().int(),
  /** Routing rules that named a closed unit as target or area and now name the successor. */
  rulesUpdated: z.number().int(),
});
export type OrgChangeResult = z.infer<typeof OrgChangeResult>;

export const OrgImportRow = z.object({
  row: z.number().int(),
  id: Slug,
  name: z.string(),
  kind: OrgUnitKind,
  parentId: Slug.nullable(),
  validFrom: IsoDate,
  cellType: CellType.nullable(),
  meetingDay: z.number().int().nullable(),
});
export const OrgImportResult = importResult(OrgImportRow);
export type OrgImportResult = z.infer<typeof OrgImportResult>;

// ── Routing rules ─────────────────────────────────────────────────────────────────────────────

export const RoutingRuleList = z.object({ provinceId: Slug, items: z.array(RoutingRule) });
export type RoutingRuleList = z.infer<typeof RoutingRuleList>;

export const RoutingRulesInput = z.object({
  provinceId: Slug.optional(),
  rules: z.array(RoutingRule).max(500, 'Tối đa 500 quy tắc'),
});
export type RoutingRulesInput = z.infer<typeof RoutingRulesInput>;

export const RoutingTestInput = z.object({
  cellId: Slug,
  category: Category,
  urgency: Urgency.default('normal'),
  /** A draft list to try before saving it; the stored rules when absent. */
  rules: z.array(RoutingRule).max(500).optional(),
});
export type RoutingTestInput = z.input<typeof RoutingTestInput>;

export const RoutingTestResult = z.object({
  bodyId: Slug,
  bodyName: z.string(),
  ruleId: Slug.nullable(),
  rule: RoutingRule.nullable(),
  profile: DeadlineProfile,
  answerDays: z.number().int(),
  routedAt: z.string(),
  ackDueAt: z.string(),
  dueAt: z.string(),
});
export type RoutingTestResult = z.infer<typeof RoutingTestResult>;

// ── Criteria sets ─────────────────────────────────────────────────────────────────────────────

/** Changes to a criteria set nobody has used yet; the merged set is validated again as a whole. */
export const CriteriaSetPatch = z
  .object({
    name: z.string().min(1).optional(),
    source: z.string().optional(),
    official: z.boolean().optional(),
    validFrom: IsoDate.optional(),
    validTo: IsoDate.nullable().optional(),
    cellTypes: z.array(CellType).nullable().optional(),
    bands: z.array(Band).min(1).optional(),
    groups: z.array(CriteriaGroup).min(1).optional(),
  })
  .refine(nonEmpty, NOTHING);
export type CriteriaSetPatch = z.infer<typeof CriteriaSetPatch>;

export const CriteriaSetSummary = z.object({
  id: Slug,
  name: z.string(),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  cellTypes: z.array(CellType).nullable(),
  provinceId: Slug.nullable(),
  /** The province's name for a `province` set (names, never ids, on screen). */
  provinceName: z.string().nullable().optional(),
  /** national, province (with provinceId), or template (applies only where adopted). */
  scope: CriteriaScope,
  source: z.string().nullable().optional(),
  /** False: local configuration or a reconstruction ("Cấu hình địa phương / tạm tính"). */
  official: z.boolean(),
  /** "Cấu hình địa phương / tạm tính" when not official, else null (`provenanceLabel`). */
  provenance: z.string().nullable().optional(),
  /** A template: the provinces that adopted it, and from which day. */
  adoptions: z
    .array(z.object({ provinceId: Slug, provinceName: z.string(), adoptedOn: IsoDate }))
    .optional(),
  reportCount: z.number().int(),
  /** Read-only once a report uses it: a report always keeps the set it was scored with. */
  inUse: z.boolean(),
});
export type CriteriaSetSummary = z.infer<typeof CriteriaSetSummary>;
export const CriteriaSetSummaryList = z.object({ items: z.array(CriteriaSetSummary) });

/** A province adopts a built-in template (e.g. Nghệ An 08-QĐ/TU) from a date (its own decision's). */
export const CriteriaSetAdoptionInput = z.object({
  /** The province adopting it; the admin's own by default. */
  provinceId: Slug.optional(),
  /** First day the template scores that province's meetings (not before the template's own validFrom). */
  adoptedOn: IsoDate,
});
export type CriteriaSetAdoptionInput = z.infer<typeof CriteriaSetAdoptionInput>;

// ── Audit log ─────────────────────────────────────────────────────────────────────────────────

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: Uuid.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** The changed object's name as a person reads it (null when it no longer exists). */
  entityName: z.string().nullable().optional(),
  data: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'Con trỏ phân trang không hợp lệ')
    .optional(),
  limit: Limit(50, 200),
  entity: z.string().max(50).optional(),
  entityId: z.string().max(200).optional(),
});

export const AuditList = z.object({
  items: z.array(AuditEntry),
  nextCursor: z.string().nullable(),
});
