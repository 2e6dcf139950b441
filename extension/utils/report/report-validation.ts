import {
  vnDate,
  attendanceBreakdownErrors,
  checkNotApplicable,
  checkReducedNotes,
  checkScores,
  endsInFuture,
  localDate,
  NA_REASON_MESSAGE,
  ReportInput,
  type CriteriaSet,
  type ReportParsed,
} from '@duhop/shared';
import { translator, type Translate } from '../i18n/translate.ts';
import {
  ATTENDANCE_KEYS,
  BREAKDOWN_KEYS,
  computeFacts,
  draftFormat,
  effectiveScores,
  markedItems,
  toInstant,
  type DraftData,
  type DraftFacts,
} from './report-model.ts';

/** Field errors keyed like the API's 422 `fields` (`attendance.present`, `scores.g1.1`, `issues.0.title`). */
export type FieldErrors = Record<string, string[]>;

export interface DraftCheck {
  /** Every problem, keyed by field path. */
  errors: FieldErrors;
  /** Paths whose only problem is that nothing was entered yet (shown once the member asks). */
  missing: Set<string>;
  /** The exact body to send, when there is no error. */
  payload: ReportParsed | null;
  facts: DraftFacts;
}

/** The wire shape of a draft, before validation (empty numbers become undefined). */
export function toReportInput(
  id: string,
  d: DraftData,
  set: CriteriaSet | null,
  facts: DraftFacts = computeFacts(d, set),
): unknown {
  const a = d.attendance;
  const names = d.absentNames
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const scores = set ? effectiveScores(set, d, facts) : {};
  const notes = Object.fromEntries(Object.entries(d.groupNotes).filter(([, v]) => v.trim() !== ''));
  const marked = set ? markedItems(set, d) : undefined;
  return {
    id,
    cellId: d.cellId,
    meetingDate: d.meetingDate,
    meetingType: d.meetingType,
    startedAt: toInstant(d.meetingDate, d.startTime) ?? undefined,
    endedAt: toInstant(d.meetingDate, d.endTime) ?? undefined,
    online: draftFormat(d) !== 'in_person',
    meetingFormat: draftFormat(d),
    attendance: {
      ...Object.fromEntries(ATTENDANCE_KEYS.map((k) => [k, a[k] ?? undefined])),
      ...(names.length ? { absentWithoutReasonNames: names } : {}),
      // The breakdown only when stated, so a report without it reads as before.
      ...Object.fromEntries(
        BREAKDOWN_KEYS.filter((k) => a[k] != null).map((k) => [k, a[k] as number]),
      ),
      ...(d.residenceMemberIds?.length ? { residenceMemberIds: d.residenceMemberIds } : {}),
    },
    criteriaSetId: set?.id ?? '',
    scores: Object.fromEntries(Object.entries(scores).filter(([, v]) => v != null)),
    ...(Object.keys(notes).length ? { groupNotes: notes } : {}),
    ...(marked ? { notApplicable: marked } : {}),
    ...(d.targetsMetPercent != null ? { targetsMetPercent: d.targetsMetPercent } : {}),
    cellSelfScore: d.cellSelfScore,
    suggestions: d.suggestions,
    issues: d.issues.map((i) => ({
      id: i.id,
      title: i.title,
      detail: i.detail,
      category: i.category ?? undefined,
      urgency: i.urgency,
      ...(i.answeredAtMeeting
        ? { answeredAtMeeting: i.answeredAtMeeting }
        : i.responsibleBodyId
          ? { responsibleBodyId: i.responsibleBodyId }
          : {}),
    })),
  };
}

/**
 * Checks a draft with the same schema and scoring rules the API applies, plus the live checks the
 * schema only makes once every field is filled (impossible attendance, end before start), so a
 * wrong number is flagged the moment it is typed.
 */
export function validateDraft(
  id: string,
  d: DraftData,
  set: CriteriaSet | null,
  t: Translate = translator('vi'),
  today: string = localDate(new Date()),
  /** Whether any criteria set is cached: without, a missing set means "connect", not "none in force". */
  setsLoaded = false,
  now: number = Date.now(),
): DraftCheck {
  const facts = computeFacts(d, set);
  const errors: FieldErrors = {};
  const missing = new Set<string>();
  const add = (path: string, msg: string, isMissing = false) => {
    const list = (errors[path] ??= []);
    if (!list.includes(msg)) list.push(msg);
    if (isMissing && list.length === 1) missing.add(path);
    else if (!isMissing) missing.delete(path);
  };

  const input = toReportInput(id, d, set, facts);
  const parsed = ReportInput.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const empty =
        issue.input === undefined ||
        issue.input === null ||
        (issue.code === 'too_small' && issue.input === '');
      if (path === 'criteriaSetId') continue; // reported below with a clearer message
      add(path, empty ? t('required') : issue.message, empty);
    }
  }
  for (const [path, msgs] of Object.entries(liveChecks(d, facts, t, today, now)))
    for (const m of msgs) add(path, m);
  if (!set && setsLoaded && d.meetingDate) {
    // None in force for the cell's province and type on that day: said at the date, never guessed.
    const msg = t('noCriteriaSetOnDate', { date: vnDate(d.meetingDate) });
    add('meetingDate', msg);
    add('criteriaSetId', msg);
  } else if (!set) add('criteriaSetId', t('noCriteriaSet'));
  else {
    const scores = effectiveScores(set, d, facts);
    const marked = markedItems(set, d);
    for (const [path, msgs] of Object.entries(checkScores(set, scores, d.meetingType, marked))) {
      for (const m of msgs) add(path, m, /Chưa chấm/.test(m));
    }
    // A set that asks for the reason of every reduction (`noteWhenReduced`): at the group's note.
    for (const [path, msgs] of Object.entries(
      checkReducedNotes(set, scores, d.groupNotes, d.meetingType, marked),
    )) {
      for (const m of msgs) add(path, m);
    }
    // Items marked "Không áp dụng": a reason not typed yet is only missing (shown when asked).
    for (const [path, msgs] of Object.entries(checkNotApplicable(set, marked))) {
      for (const m of msgs) add(path, m, m === NA_REASON_MESSAGE);
    }
  }
  const ok = parsed.success && Object.keys(errors).length === 0;
  return { errors, missing, payload: ok ? parsed.data : null, facts };
}

/** Checks that hold on partly filled numbers (the schema's own run only on a complete report). */
function liveChecks(
  d: DraftData,
  facts: DraftFacts,
  t: Translate,
  today: string,
  now: number,
): FieldErrors {
  const out: FieldErrors = {};
  const add = (path: string, msg: string) => (out[path] ??= []).push(msg);
  const a = d.attendance;
  if (facts.endBeforeStart) add('endedAt', t('endBeforeStart'));
  // The API refuses it too (shared endsInFuture: 5 minutes of clock skew allowed).
  const end = toInstant(d.meetingDate, d.endTime);
  if (end && endsInFuture(end, now)) add('endedAt', t('endInFuture'));
  if (/^\d{4}-\d{2}-\d{2}$/.test(d.meetingDate) && d.meetingDate > today)
    add('meetingDate', t('futureDate'));
  if (a.total != null && a.exempted != null && a.exempted > a.total)
    add('attendance.exempted', 'Số miễn sinh hoạt không được lớn hơn tổng số');
  const expected = facts.expected;
  if (expected != null && expected >= 0) {
    if (a.present != null && a.present > expected) {
      add(
        'attendance.present',
        `Số có mặt không được vượt quá ${expected} (tổng số trừ miễn sinh hoạt)`,
      );
    }
    const parts = [a.present, a.absentWithReason, a.absentWithoutReason];
    const sum = parts.reduce<number>((s, v) => s + (v ?? 0), 0);
    const complete = parts.every((v) => v != null);
    if ((complete && sum !== expected) || (!complete && sum > expected)) {
      add(
        'attendance.absentWithReason',
        `Có mặt + vắng có lý do + vắng không lý do phải bằng ${expected}`,
      );
    }
  }
  if (a.present != null && a.speakers != null && a.speakers > a.present)
    add('attendance.speakers', 'Số phát biểu không được vượt quá số có mặt');
  // The breakdown never exceeds its total (same pure check as the API), on what is typed so far.
  const breakdown = attendanceBreakdownErrors(
    { ...a, residenceMemberIds: d.residenceMemberIds },
    draftFormat(d),
  );
  for (const [field, msgs] of Object.entries(breakdown))
    for (const m of msgs) add(field === 'meetingFormat' ? field : `attendance.${field}`, m);
  if (d.cellSelfScore != null && (d.cellSelfScore < 0 || d.cellSelfScore > 100))
    add('cellSelfScore', 'Điểm tự chấm phải từ 0 đến 100');
  return out;
}
