import {
  attendanceRate,
  defaultMeetingDate,
  durationMinutes,
  isApplicable,
  meetsHd12Bar,
  proposePoints,
  requiredMinutes,
  speakersShare,
  type Category,
  type CriteriaItem,
  type CriteriaSet,
  type MeetingType,
  type Urgency,
} from '@duhop/shared';

/**
 * The report as the form edits it: the wire shape (ReportInput) with room for what is not typed
 * yet (null numbers, local times, issues without a category). `toReportInput` in
 * report-validation.ts turns it into the wire shape.
 */
export interface DraftIssue {
  id: string;
  title: string;
  detail: string;
  category: Category | null;
  urgency: Urgency;
  /** A body the observer chose; null lets the server route the issue by its rules. */
  responsibleBodyId: string | null;
  /** Answered at the meeting (who answered, the answer): stored answered, routed to nobody. */
  answeredAtMeeting?: { by: string; answer: string } | null;
}

export type AttendanceKey =
  | 'total'
  | 'exempted'
  | 'present'
  | 'absentWithReason'
  | 'absentWithoutReason'
  | 'speakers';
export const ATTENDANCE_KEYS: readonly AttendanceKey[] = [
  'total',
  'exempted',
  'present',
  'absentWithReason',
  'absentWithoutReason',
  'speakers',
];
/**
 * The breakdown (issue 17): of those present, online and residence members; of those absent or
 * exempted, away for work. Absent in drafts saved by older versions: not stated.
 */
export type BreakdownKey = 'presentOnline' | 'presentResidence' | 'awayForWork';
export const BREAKDOWN_KEYS: readonly BreakdownKey[] = [
  'presentOnline',
  'presentResidence',
  'awayForWork',
];
export type AttendanceDraft = Record<AttendanceKey, number | null> &
  Partial<Record<BreakdownKey, number | null>>;
export type MeetingFormatDraft = 'in_person' | 'online' | 'combined';

/** The draft's meeting format: chosen, else from the older `online` box. */
export function draftFormat(d: Pick<DraftData, 'meetingFormat' | 'online'>): MeetingFormatDraft {
  return d.meetingFormat ?? (d.online ? 'online' : 'in_person');
}

export interface DraftData {
  cellId: string;
  cellName: string;
  meetingDate: string;
  meetingType: MeetingType;
  /** Local wall-clock times `HH:MM` in Asia/Ho_Chi_Minh. */
  startTime: string;
  endTime: string;
  online: boolean;
  /** In person, online or combined; absent in older drafts (then `online` says). */
  meetingFormat?: MeetingFormatDraft;
  attendance: AttendanceDraft;
  /** Residence members of the cell's register ticked as present (absent: none ticked). */
  residenceMemberIds?: string[];
  /** Names of those absent without reason, one per line. */
  absentNames: string;
  /** Points typed by the observer; an absent or null entry follows the proposal from facts. */
  scores: Record<string, number | null>;
  groupNotes: Record<string, string>;
  /**
   * Items marked "Không áp dụng" by hand (where the set allows it), with the reason typed so far.
   * Absent in drafts saved by older versions: none marked.
   */
  notApplicable?: Record<string, string>;
  targetsMetPercent: number | null;
  cellSelfScore: number | null;
  suggestions: string;
  issues: DraftIssue[];
}

/** Asia/Ho_Chi_Minh has no daylight saving time: +07:00 all year. */
export const VN_OFFSET = '+07:00';

/** A new, empty draft for a cell, dated on this month's meeting day (never in the future). */
export function blankDraft(
  cell: { cellId: string; cellName: string; meetingDay: number },
  today: string,
): DraftData {
  const planned = defaultMeetingDate(today.slice(0, 7), cell.meetingDay);
  return {
    cellId: cell.cellId,
    cellName: cell.cellName,
    meetingDate: planned > today ? today : planned,
    meetingType: 'regular',
    startTime: '',
    endTime: '',
    online: false,
    meetingFormat: 'in_person',
    residenceMemberIds: [],
    attendance: {
      total: null,
      exempted: null,
      present: null,
      absentWithReason: null,
      absentWithoutReason: null,
      speakers: null,
    },
    absentNames: '',
    scores: {},
    groupNotes: {},
    notApplicable: {},
    targetsMetPercent: null,
    cellSelfScore: null,
    suggestions: '',
    issues: [],
  };
}

export function newIssue(id: string = crypto.randomUUID()): DraftIssue {
  return { id, title: '', detail: '', category: null, urgency: 'normal', responsibleBodyId: null };
}

/** `2026-11-03` + `14:05` → `2026-11-03T14:05:00+07:00`; null when either is missing or malformed. */
export function toInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return `${date}T${time}:00${VN_OFFSET}`;
}

/** Everything the form computes from what was typed; nothing here is asked of the member. */
export interface DraftFacts {
  durationMinutes: number | null;
  requiredMinutes: number;
  /** Minutes short of the required duration (0 when long enough), null when unknown. */
  shortByMinutes: number | null;
  /** Whether the end time is not after the start time. */
  endBeforeStart: boolean;
  /** Members expected: total − exempted. */
  expected: number | null;
  attendanceRate: number | null;
  speakersShare: number | null;
  meetsHd12: boolean;
  absentWithoutReason: number | null;
  /**
   * The counts contradict each other (exempted above the total, present above those expected, the
   * parts not adding up, more speakers than present): no figure derived from them is true, so the
   * rate, the speakers' share and the number absent are null (shown "—", nothing proposed from them).
   */
  attendanceConflict: boolean;
}

/** Whether the attendance counts typed so far cannot all be true (see `DraftFacts.attendanceConflict`). */
export function attendanceConflict(a: AttendanceDraft): boolean {
  if (a.total != null && a.exempted != null && a.exempted > a.total) return true;
  const expected = a.total != null ? a.total - (a.exempted ?? 0) : null;
  if (expected != null) {
    if (a.present != null && a.present > expected) return true;
    const parts = [a.present, a.absentWithReason, a.absentWithoutReason];
    const sum = parts.reduce<number>((s, v) => s + (v ?? 0), 0);
    if (parts.every((v) => v != null) ? sum !== expected : sum > expected) return true;
  }
  return a.present != null && a.speakers != null && a.speakers > a.present;
}

export function computeFacts(d: DraftData, set?: Pick<CriteriaSet, 'groups'> | null): DraftFacts {
  const a = d.attendance;
  const start = toInstant(d.meetingDate, d.startTime);
  const end = toInstant(d.meetingDate, d.endTime);
  const duration = start && end ? durationMinutes(start, end) : null;
  const endBeforeStart = !!start && !!end && Date.parse(end) <= Date.parse(start);
  const required = requiredMinutes(d.meetingType, set);
  const conflict = attendanceConflict(a);
  const rate =
    !conflict && a.total != null && a.present != null
      ? attendanceRate({ total: a.total, exempted: a.exempted ?? 0, present: a.present })
      : null;
  const share =
    !conflict && a.present != null && a.speakers != null
      ? speakersShare({ present: a.present, speakers: a.speakers })
      : null;
  return {
    durationMinutes: endBeforeStart ? null : duration,
    requiredMinutes: required,
    shortByMinutes: endBeforeStart || duration == null ? null : Math.max(0, required - duration),
    endBeforeStart,
    expected: a.total != null ? a.total - (a.exempted ?? 0) : null,
    attendanceRate: rate,
    speakersShare: share,
    meetsHd12: meetsHd12Bar(rate),
    absentWithoutReason: conflict ? null : a.absentWithoutReason,
    attendanceConflict: conflict,
  };
}

/** How one criteria item stands on the form. */
export interface ItemState {
  /** Whether the item counts its points: it applies to the meeting type and is not marked. */
  applicable: boolean;
  /** The observer may mark it "Không áp dụng" (the set allows it, it applies to the meeting type). */
  markable: boolean;
  /** Marked "Không áp dụng" by hand (and allowed: see `isApplicable`). */
  marked: boolean;
  /** Points proposed from measured facts, null when the item is not measured or facts are missing. */
  proposed: number | null;
  /** What counts: the typed points, else the proposal; null when neither exists. */
  value: number | null;
  /** The observer typed the points (rather than following the proposal). */
  manual: boolean;
}

export function itemState(item: CriteriaItem, d: DraftData, facts: DraftFacts): ItemState {
  const byType = isApplicable(item, d.meetingType);
  const applicable = isApplicable(item, d.meetingType, d.notApplicable);
  const proposed = proposePoints(
    item,
    {
      durationMinutes: facts.durationMinutes,
      attendanceRate: facts.attendanceRate,
      absentWithoutReason: facts.absentWithoutReason,
      speakersShare: facts.speakersShare,
      targetsMetPercent: d.targetsMetPercent,
    },
    d.meetingType,
  );
  const typed = d.scores[item.id];
  const manual = typed != null;
  return {
    applicable,
    markable: byType && !!item.allowNotApplicable,
    marked: byType && !applicable,
    proposed,
    value: manual ? typed : proposed,
    manual,
  };
}

/**
 * The items marked "Không áp dụng" that the set allows to be, with their reasons trimmed, as
 * sent (`ReportInput.notApplicable`); undefined when none, so the body stays what older versions sent.
 */
export function markedItems(set: CriteriaSet, d: DraftData): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const g of set.groups) {
    for (const item of g.items) {
      const marked =
        isApplicable(item, d.meetingType) && !isApplicable(item, d.meetingType, d.notApplicable);
      if (marked) out[item.id] = d.notApplicable?.[item.id]?.trim() ?? '';
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** The points that count for each applicable item (items that do not apply are left out). */
export function effectiveScores(
  set: CriteriaSet,
  d: DraftData,
  facts: DraftFacts,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const g of set.groups) {
    for (const item of g.items) {
      const s = itemState(item, d, facts);
      if (s.applicable) out[item.id] = s.value;
    }
  }
  return out;
}

/**
 * How many applicable items have no points yet (neither typed nor proposed from the facts); every
 * item (infinity) when there is no criteria set. A band is only true once this is 0.
 */
export function unscoredItems(set: CriteriaSet | null, d: DraftData, facts: DraftFacts): number {
  if (!set) return Number.POSITIVE_INFINITY;
  return Object.values(effectiveScores(set, d, facts)).filter((v) => v == null).length;
}

/** Whether any criteria item is graded from the share of last resolution's targets met. */
export function usesTargets(set: CriteriaSet | null | undefined): boolean {
  return !!set?.groups.some((g) => g.items.some((i) => i.measure === 'targets'));
}
