import type {
  BandCode,
  CriteriaItem,
  CriteriaScope,
  CriteriaSet,
  ScaleStep,
} from '../schemas/criteria.ts';
import type { CellType, MeetingType } from '../schemas/common.ts';
import { DEFAULT_REQUIRED_MINUTES } from './attendance.ts';
import { isOpenOn } from './validity.ts';

/** Points per item id, as entered on the form. A null or absent value means "not scored". */
export type ItemScores = Readonly<Record<string, number | null | undefined>>;

/** Facts measured at the meeting from which points are proposed. Null or absent = unknown. */
export interface MeasuredFacts {
  durationMinutes?: number | null;
  /** Percent, see `attendanceRate`. */
  attendanceRate?: number | null;
  /** Number of members absent without reason. */
  absentWithoutReason?: number | null;
  /** Percent of those present who spoke, see `speakersShare`. */
  speakersShare?: number | null;
  /** Percent of the last resolution's targets met. */
  targetsMetPercent?: number | null;
}

/** The result of scoring: total out of 100 (2 decimals), points per group id, and the band. */
export interface ScoreResult {
  total: number;
  groups: Record<string, number>;
  band: BandCode;
}

type SelectableSet = Pick<
  CriteriaSet,
  'id' | 'validFrom' | 'validTo' | 'cellTypes' | 'scope' | 'provinceId'
>;

/** Who a set applies to: `national`, `province` (one province's), or `template` (nobody yet). */
export function scopeOf(set: Pick<CriteriaSet, 'scope' | 'provinceId'>): CriteriaScope {
  return set.scope ?? (set.provinceId ? 'province' : 'national');
}

/**
 * Whether a set may score a meeting of a cell of `provinceId`: national sets everywhere, a
 * province's set (its own import, or a template it adopted) only there, a template never.
 */
export function appliesToProvince(
  set: Pick<CriteriaSet, 'scope' | 'provinceId'>,
  provinceId: string | null | undefined,
): boolean {
  const scope = scopeOf(set);
  return (
    scope === 'national' || (scope === 'province' && !!provinceId && set.provinceId === provinceId)
  );
}

/**
 * The criteria set in force on `meetingDate` (validFrom ≤ date ≤ validTo, or no validTo) for a
 * cell of `cellType` in `provinceId`. Only national sets and that province's own (imported or
 * adopted) are candidates; templates never are. A set restricted by `cellTypes` applies only to
 * those types (never when the type is unknown). If several are in force, the province's own wins
 * over a national one; then the latest `validFrom`; on a tie the set restricted to the cell's type
 * beats a general one. Null when none is in force: nothing may be guessed then.
 */
export function selectCriteriaSet<S extends SelectableSet>(
  sets: readonly S[],
  meetingDate: string,
  cellType?: CellType | null,
  provinceId?: string | null,
): S | null {
  let best: S | null = null;
  for (const s of sets) {
    if (!appliesToProvince(s, provinceId)) continue;
    if (!isOpenOn(s, meetingDate)) continue;
    if (s.cellTypes && !(cellType && s.cellTypes.includes(cellType))) continue;
    if (!best || rank(s) > rank(best) || (rank(s) === rank(best) && s.id < best.id)) best = s;
  }
  return best;
}
const rank = (s: SelectableSet): string =>
  `${scopeOf(s) === 'province' ? 1 : 0}|${s.validFrom}|${s.cellTypes ? 1 : 0}`;

/** The mark of a set that is local configuration or a reconstruction, not an official text. */
export const PROVENANCE_LOCAL_LABEL = 'Cấu hình địa phương / tạm tính';

/**
 * "Cấu hình địa phương / tạm tính" when the set (or any of its items) is not an official text,
 * else null: the side panel, the admin pages and the documents print it beside the set's name.
 */
export function provenanceLabel(
  set: Pick<CriteriaSet, 'official'> & {
    groups?: readonly { items: readonly { official?: boolean }[] }[];
  },
): string | null {
  const local =
    set.official === false ||
    (set.groups ?? []).some((g) => g.items.some((i) => i.official === false));
  return local ? PROVENANCE_LOCAL_LABEL : null;
}

/**
 * Items the observer marked "Không áp dụng" by hand, by item id, with the reason given ('' when
 * none). Absent = none marked.
 */
export type MarkedNotApplicable = Readonly<Record<string, string | undefined>>;

/**
 * Whether an item applies to the meeting: not when it is for other meeting types (`appliesTo`;
 * absent = every type), nor when the observer marked it "Không áp dụng" and its set allows that
 * (`allowNotApplicable`; a mark on another item is ignored here and refused by
 * `checkNotApplicable`). Every rule that skips or counts an item that does not apply goes
 * through this one function, so both kinds count the same way (`whenNotApplicable`).
 */
export function isApplicable(
  item: Pick<CriteriaItem, 'appliesTo' | 'id' | 'allowNotApplicable'>,
  meetingType: MeetingType,
  marked?: MarkedNotApplicable,
): boolean {
  if (item.appliesTo && !item.appliesTo.includes(meetingType)) return false;
  return !(item.allowNotApplicable && marked && Object.hasOwn(marked, item.id));
}

/** The message of an item marked "Không áp dụng" without a reason, when its set asks for one. */
export const NA_REASON_MESSAGE = 'Ghi lý do không áp dụng tiêu chí này';
/** The message of an item marked "Không áp dụng" that its set does not allow to be. */
export const NA_NOT_ALLOWED_MESSAGE = 'Tiêu chí này không được đánh dấu không áp dụng';

/**
 * Field errors keyed `notApplicable.<itemId>` of the items marked "Không áp dụng" by hand: an
 * unknown item, one whose set does not allow it (`allowNotApplicable`), or a blank reason when
 * the set asks for one (`reasonWhenNotApplicable`). Empty when valid or nothing is marked.
 */
export function checkNotApplicable(
  set: Pick<CriteriaSet, 'id' | 'groups' | 'reasonWhenNotApplicable'>,
  marked: MarkedNotApplicable | undefined,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const items = new Map(set.groups.flatMap((g) => g.items.map((i) => [i.id, i] as const)));
  for (const [id, reason] of Object.entries(marked ?? {})) {
    const item = items.get(id);
    const msg = !item
      ? `Không có tiêu chí ${id} trong bộ tiêu chí ${set.id}`
      : !item.allowNotApplicable
        ? NA_NOT_ALLOWED_MESSAGE
        : set.reasonWhenNotApplicable && !reason?.trim()
          ? NA_REASON_MESSAGE
          : null;
    if (msg) errors[`notApplicable.${id}`] = [msg];
  }
  return errors;
}

/**
 * Field errors of a set of scores, keyed `scores.<itemId>` (Vietnamese messages, the shape of
 * `ErrorBody.error.fields`); empty when valid. Refused: unknown item ids, non-numbers, negative
 * points, points above the item's maximum, and any applicable item left unscored. Items that do
 * not apply (to the meeting type, or `marked` by hand) may be omitted; if sent they are
 * range-checked but `computeScore` ignores them.
 */
export function checkScores(
  set: CriteriaSet,
  scores: ItemScores,
  meetingType: MeetingType,
  marked?: MarkedNotApplicable,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (id: string, msg: string) => (errors[`scores.${id}`] ??= []).push(msg);
  const items = new Map(set.groups.flatMap((g) => g.items.map((i) => [i.id, i] as const)));
  for (const [id, value] of Object.entries(scores)) {
    const item = items.get(id);
    if (!item) add(id, `Không có tiêu chí ${id} trong bộ tiêu chí ${set.id}`);
    else if (value == null) continue;
    else if (typeof value !== 'number' || !Number.isFinite(value)) add(id, 'Điểm phải là số');
    else if (value < 0) add(id, 'Điểm không được âm');
    else if (value > item.maxPoints + 1e-9)
      add(id, `Điểm tối đa của tiêu chí này là ${viNumber(item.maxPoints)}`);
  }
  for (const item of items.values()) {
    if (isApplicable(item, meetingType, marked) && scores[item.id] == null)
      add(item.id, 'Chưa chấm tiêu chí này');
  }
  return errors;
}

/** The message of a group whose points were reduced without a note (`noteWhenReduced`). */
export const REDUCED_NOTE_MESSAGE = 'Có tiêu chí bị trừ điểm: ghi lý do trừ điểm';

/**
 * Field errors keyed `groupNotes.<groupId>` when the set asks for a note on reduced points
 * (`noteWhenReduced`) and a group has an applicable item scored below its maximum with no note
 * (blank notes count as none). Empty when the set does not ask, or every reduction is explained.
 */
export function checkReducedNotes(
  set: Pick<CriteriaSet, 'noteWhenReduced' | 'groups'>,
  scores: ItemScores,
  groupNotes: Readonly<Record<string, string | undefined>> | undefined,
  meetingType: MeetingType,
  marked?: MarkedNotApplicable,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!set.noteWhenReduced) return errors;
  for (const g of set.groups) {
    const reduced = g.items.some((item) => {
      const v = scores[item.id];
      return isApplicable(item, meetingType, marked) && v != null && v < item.maxPoints - 1e-9;
    });
    if (reduced && !groupNotes?.[g.id]?.trim())
      errors[`groupNotes.${g.id}`] = [REDUCED_NOTE_MESSAGE];
  }
  return errors;
}

/**
 * Total, group points and band of a scored meeting. Applicable items count their score (clamped
 * to 0..max, missing = 0: run `checkScores` first); items that do not apply, to the meeting type
 * or `marked` by hand, count per their `whenNotApplicable` (full marks by default). Totals are
 * rounded to 2 decimals.
 */
export function computeScore(
  set: CriteriaSet,
  scores: ItemScores,
  meetingType: MeetingType,
  marked?: MarkedNotApplicable,
): ScoreResult {
  const groups: Record<string, number> = {};
  let total = 0;
  for (const g of set.groups) {
    let sum = 0;
    for (const item of g.items) {
      if (!isApplicable(item, meetingType, marked))
        sum += item.whenNotApplicable === 'zero' ? 0 : item.maxPoints;
      else {
        const v = scores[item.id];
        sum +=
          typeof v === 'number' && Number.isFinite(v)
            ? Math.min(Math.max(v, 0), item.maxPoints)
            : 0;
      }
    }
    groups[g.id] = round2(sum);
    total += sum;
  }
  const rounded = round2(total);
  return { total: rounded, groups, band: bandFor(set, rounded) };
}

/** The band of a total: the first band, from the highest `min`, whose `min` the total reaches. */
export function bandFor(set: Pick<CriteriaSet, 'bands'>, total: number): BandCode {
  const bands = [...set.bands].sort((a, b) => b.min - a.min);
  return (bands.find((b) => total >= b.min) ?? bands[bands.length - 1])?.code ?? 'kem';
}

/**
 * Points proposed for a measured item from the facts entered, using the item's `scale` (the
 * first step the measure reaches). Null when the item has no measure or scale, does not apply to
 * the meeting type, or the fact is unknown. Duration is compared as a percentage of the required
 * minutes (`requiredMinutes` of the item, else 90/90/120) together with `maxShortMinutes`; an
 * attendance item with `absentWithoutReasonCap` gives at most that when anyone was absent without reason.
 */
export function proposePoints(
  item: CriteriaItem,
  facts: MeasuredFacts,
  meetingType: MeetingType,
): number | null {
  const scale = item.scale;
  if (!item.measure || !scale?.length || !isApplicable(item, meetingType)) return null;
  switch (item.measure) {
    case 'duration': {
      const d = facts.durationMinutes;
      if (d == null) return null;
      const required = item.requiredMinutes?.[meetingType] ?? DEFAULT_REQUIRED_MINUTES[meetingType];
      return pick(item, scale, (d * 100) / required, Math.max(0, required - d));
    }
    case 'attendance': {
      const rate = facts.attendanceRate;
      if (rate == null) return null;
      const points = pick(item, scale, rate, 0);
      const cap = item.absentWithoutReasonCap;
      return cap !== undefined && (facts.absentWithoutReason ?? 0) > 0
        ? Math.min(points, cap)
        : points;
    }
    case 'speakers':
      return facts.speakersShare == null ? null : pick(item, scale, facts.speakersShare, 0);
    case 'targets':
      return facts.targetsMetPercent == null ? null : pick(item, scale, facts.targetsMetPercent, 0);
  }
}

function pick(
  item: CriteriaItem,
  scale: readonly ScaleStep[],
  value: number,
  shortMinutes: number,
): number {
  const step = scale.find(
    (s) =>
      (s.exclusiveMin ? value > s.min : value >= s.min) &&
      (s.maxShortMinutes === undefined || shortMinutes <= s.maxShortMinutes),
  );
  return Math.min(step?.points ?? 0, item.maxPoints);
}

function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

function viNumber(x: number): string {
  return String(x).replace('.', ',');
}
