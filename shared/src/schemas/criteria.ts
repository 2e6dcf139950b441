import { z } from 'zod';
import { CellType, IsoDate, MeetingType, Slug } from './common.ts';

/**
 * A measured fact from which the form proposes an item's points.
 * The thresholds live in the item's `scale`, so each criteria set carries its own.
 */
export const Measure = z.enum(['duration', 'attendance', 'speakers', 'targets']);
export type Measure = z.infer<typeof Measure>;

/** `min` is compared with the measure (minutes as a share of the required duration, or a percentage). */
export const ScaleStep = z.object({
  min: z.number(),
  points: z.number().min(0),
  /** When true the measure must be strictly greater than `min` ("> 50%"). */
  exclusiveMin: z.boolean().optional(),
  /**
   * Duration only: the step is reached only if the meeting fell short of the required duration by at
   * most this many minutes (both conditions must hold). Lets "4 if short by ≤ 15 min" be data.
   */
  maxShortMinutes: z.number().min(0).optional(),
});
export type ScaleStep = z.infer<typeof ScaleStep>;

export const CriteriaItem = z.object({
  id: Slug,
  title: z.string().min(1),
  maxPoints: z.number().positive(),
  hint: z.string().optional(),
  /** Meeting types the item applies to; absent means all. */
  appliesTo: z.array(MeetingType).optional(),
  /** How an item that does not apply is counted: full marks by default (docs/domain.md). */
  whenNotApplicable: z.enum(['full', 'zero']).optional(),
  /**
   * The observer may mark the item "Không áp dụng" by hand for one meeting (e.g. no cell committee
   * to meet beforehand in a cell too small to elect one); it then counts like an item that does not
   * apply to the meeting type, per `whenNotApplicable` (docs/domain.md). Absent = not allowed.
   */
  allowNotApplicable: z.boolean().optional(),
  measure: Measure.optional(),
  /** Ordered from the highest `min`: the first step the measure reaches gives the points. */
  scale: z.array(ScaleStep).optional(),
  /** Duration only: minutes required per meeting type (defaults 90, 90, 120 when absent). */
  requiredMinutes: z.partialRecord(MeetingType, z.number().positive()).optional(),
  /** Attendance only: the most points the item can give when anyone was absent without reason. */
  absentWithoutReasonCap: z.number().min(0).optional(),
  /** False when the item is local configuration or a reconstruction, not an official text's. */
  official: z.boolean().optional(),
});
export type CriteriaItem = z.infer<typeof CriteriaItem>;

export const CriteriaGroup = z.object({
  id: Slug,
  title: z.string().min(1),
  maxPoints: z.number().positive(),
  items: z.array(CriteriaItem).min(1),
});
export type CriteriaGroup = z.infer<typeof CriteriaGroup>;

export const BandCode = z.enum(['tot', 'kha', 'trung_binh', 'kem']);
export type BandCode = z.infer<typeof BandCode>;

export const Band = z.object({
  code: BandCode,
  min: z.number().min(0),
  label: z.string().optional(),
});
export type Band = z.infer<typeof Band>;

/**
 * Whom a set applies to: every province (`national`, e.g. HD 42), one province (`province`, with
 * `provinceId`: its own import or a template it adopted), or nobody until a province adopts it
 * (`template`, e.g. Nghệ An's 08-QĐ/TU). A set without `scope` is national when it has no
 * `provinceId`, else its province's.
 */
export const CriteriaScope = z.enum(['national', 'province', 'template']);
export type CriteriaScope = z.infer<typeof CriteriaScope>;

const CriteriaSetBase = z.object({
  id: Slug,
  name: z.string().min(1),
  /** The text the set comes from (and, when not official, what is local or reconstructed). */
  source: z.string().optional(),
  /**
   * False when the set (or part of it) is local configuration or a reconstruction rather than an
   * official text: shown as "Cấu hình địa phương / tạm tính" (`provenanceLabel`). Absent = official.
   */
  official: z.boolean().optional(),
  /** Set by the server on what it answers; an import is always the admin's province's own. */
  scope: CriteriaScope.optional(),
  /** The province of a `province` set (set by the server). */
  provinceId: Slug.nullable().optional(),
  /** A template as a province adopted it: from this day (its `validFrom` is the later of the two). */
  adoptedOn: IsoDate.optional(),
  validFrom: IsoDate,
  validTo: IsoDate.nullable().optional(),
  /** Cell types the set applies to; absent means every cell. */
  cellTypes: z.array(CellType).optional(),
  /**
   * When true, a group in which an applicable item gets fewer than its maximum points needs a note
   * (the group's "lý do trừ điểm"), on the form and at the API. Absent = off.
   */
  noteWhenReduced: z.boolean().optional(),
  /** When true, an item marked "Không áp dụng" by hand needs a short reason. Absent = optional. */
  reasonWhenNotApplicable: z.boolean().optional(),
  bands: z.array(Band).min(1),
  groups: z.array(CriteriaGroup).min(1),
});

/** Sums, ordering and uniqueness that make a set usable; shared by the admin import and the seed. */
export const CriteriaSet = CriteriaSetBase.superRefine((set, ctx) => {
  const total = set.groups.reduce((s, g) => s + g.maxPoints, 0);
  if (Math.abs(total - 100) > 1e-9) {
    ctx.addIssue({
      code: 'custom',
      path: ['groups'],
      message: `Tổng điểm các nhóm phải là 100 (đang là ${total})`,
    });
  }
  const ids = new Set<string>();
  set.groups.forEach((g, gi) => {
    const itemSum = g.items.reduce((s, i) => s + i.maxPoints, 0);
    if (Math.abs(itemSum - g.maxPoints) > 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['groups', gi, 'items'],
        message: `Tổng điểm các tiêu chí của nhóm ${g.id} phải là ${g.maxPoints} (đang là ${itemSum})`,
      });
    }
    for (const [id, path] of [
      [g.id, ['groups', gi, 'id']],
      ...g.items.map((i, ii) => [i.id, ['groups', gi, 'items', ii, 'id']] as const),
    ] as const) {
      if (ids.has(id))
        ctx.addIssue({ code: 'custom', path: [...path], message: `Mã ${id} bị trùng` });
      ids.add(id);
    }
    g.items.forEach((item, ii) => {
      item.scale?.forEach((step, si) => {
        if (step.points > item.maxPoints) {
          ctx.addIssue({
            code: 'custom',
            path: ['groups', gi, 'items', ii, 'scale', si, 'points'],
            message: 'Điểm vượt quá tối đa của tiêu chí',
          });
        }
      });
    });
  });
  for (let i = 1; i < set.bands.length; i++) {
    if (set.bands[i]!.min >= set.bands[i - 1]!.min) {
      ctx.addIssue({
        code: 'custom',
        path: ['bands', i, 'min'],
        message: 'Các mức xếp loại phải xếp theo điểm giảm dần',
      });
    }
  }
  if (set.bands.length && set.bands[set.bands.length - 1]!.min !== 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['bands', set.bands.length - 1, 'min'],
      message: 'Mức thấp nhất phải bắt đầu từ 0',
    });
  }
});
export type CriteriaSet = z.infer<typeof CriteriaSet>;
