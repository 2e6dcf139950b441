import type { PresenceFigures } from '@duhop/shared';
import { formatNumber, formatPercent } from '../format.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Locale } from '../storage.ts';

/**
 * The presence figures of issue 17 (online meetings, members away for work, residence members) as
 * the texts the synthesis and the year view show: cards for a body and cells of the per-committee
 * table. Pure: the pages render these strings; `null` is a figure without a whole (no meeting, no
 * member), shown as "—" with a spoken text.
 */

/** `3/40 (7,5 %)`: a part of a whole and its share; null when the whole is 0. */
export function ofWhole(
  part: number,
  whole: number,
  percent: number | null,
  locale: Locale,
): string | null {
  if (whole === 0 || percent == null) return null;
  return `${formatNumber(part, locale)}/${formatNumber(whole, locale)} (${formatPercent(percent, locale)})`;
}

/** A share in percent with one decimal, null when its whole is 0. */
export const share = (percent: number | null, locale: Locale): string | null =>
  percent == null ? null : formatPercent(percent, locale);

/** Whether the period has meetings reported or members away for work to show. */
export const hasMeetings = (f: PresenceFigures): boolean =>
  f.meetings.total > 0 || f.attendance.awayForWork > 0;

/** Whether the cells have residence members (on the registers, introduced, or assessed). */
export const hasResidence = (f: PresenceFigures): boolean =>
  f.residence.registered > 0 ||
  f.residence.introduced > 0 ||
  f.residence.assessed > 0 ||
  f.residence.unassessed > 0;

/** Whether anything applies: otherwise the page says so plainly instead of a row of zeros. */
export const hasPresence = (f: PresenceFigures): boolean => hasMeetings(f) || hasResidence(f);

export type PresenceCardKey =
  | 'online'
  | 'away'
  | 'residence'
  | 'residence-attendance'
  | 'assessment';

export interface PresenceCard {
  key: PresenceCardKey;
  label: string;
  /** The headline figure; null shows as "—". */
  value: string | null;
  /** Lines under it. */
  details: string[];
}

/** The cards of a body's figures, in reading order; a group with nothing in it is left out. */
export function presenceCards(
  f: PresenceFigures,
  t: Translate,
  locale: Locale,
  period: 'month' | 'year',
): PresenceCard[] {
  const n = (x: number) => formatNumber(x, locale);
  const m = f.meetings;
  const a = f.attendance;
  const r = f.residence;
  const cards: PresenceCard[] = [];
  if (hasMeetings(f)) {
    const online: string[] = [];
    if (m.total > 0) {
      online.push(t('pr_meetingsOf', { part: n(m.online + m.combined), total: n(m.total) }));
      online.push(t('pr_meetingsSplit', { online: n(m.online), combined: n(m.combined) }));
      online.push(t('pr_presentOnline', { n: n(a.presentOnline), present: n(a.present) }));
    } else online.push(t('pr_noMeetings'));
    cards.push({
      key: 'online',
      label: t('pr_cardOnline'),
      value: share(m.onlineOrCombinedPercent, locale),
      details: online,
    });
    cards.push({
      key: 'away',
      label: t('pr_cardAway'),
      value: n(a.awayForWork),
      details: [
        a.awayForWorkCells > 0 ? t('pr_awayCells', { n: n(a.awayForWorkCells) }) : t('pr_awayNone'),
      ],
    });
  }
  if (hasResidence(f)) {
    const received = ofWhole(r.receivedByEnd, r.registered, r.receivedPercent, locale);
    cards.push({
      key: 'residence',
      label: t('pr_cardResidence'),
      value: n(r.registered),
      details: [
        t(period === 'month' ? 'pr_introducedMonth' : 'pr_introducedYear', {
          introduced: n(r.introduced),
          received: n(r.received),
        }),
        ...(received ? [t('pr_receivedByEnd', { ratio: received })] : []),
      ],
    });
    cards.push({
      key: 'residence-attendance',
      label: t('pr_cardResidenceAttendance'),
      value: share(r.attendancePercent, locale),
      details:
        r.meetingsStated > 0
          ? [
              t('pr_residenceTimes', { present: n(r.present), expected: n(r.expected) }),
              t('pr_residenceMeetings', { n: n(r.meetingsStated) }),
            ]
          : [t('pr_residenceNotStated')],
    });
    cards.push({
      key: 'assessment',
      label: t('pr_cardAssessment', { year: r.year }),
      value: share(r.goodPercent, locale),
      details: [
        r.assessed > 0
          ? t('pr_goodOf', { good: n(r.good), assessed: n(r.assessed) })
          : t('pr_noAssessment'),
        t('pr_unassessed', { n: n(r.unassessed) }),
      ],
    });
  }
  return cards;
}

/** The columns of the per-committee table, in order (header keys and their cells). */
export const PRESENCE_COLUMNS = [
  'pr_colOnline',
  'pr_colPresentOnline',
  'pr_colAway',
  'pr_colRegistered',
  'pr_colIntroduced',
  'pr_colReceived',
  'pr_colResidenceAttendance',
  'pr_colGood',
  'pr_colUnassessed',
] as const;

/** One committee's cells, matching `PRESENCE_COLUMNS`; null shows as "—". */
export function presenceCells(f: PresenceFigures, locale: Locale): (string | null)[] {
  const n = (x: number) => formatNumber(x, locale);
  const m = f.meetings;
  const a = f.attendance;
  const r = f.residence;
  return [
    ofWhole(m.online + m.combined, m.total, m.onlineOrCombinedPercent, locale),
    m.total > 0 ? n(a.presentOnline) : null,
    a.awayForWorkCells > 0 ? `${n(a.awayForWork)} (${n(a.awayForWorkCells)})` : n(a.awayForWork),
    n(r.registered),
    `${n(r.introduced)} / ${n(r.received)}`,
    ofWhole(r.receivedByEnd, r.registered, r.receivedPercent, locale),
    ofWhole(r.present, r.expected, r.attendancePercent, locale),
    ofWhole(r.good, r.assessed, r.goodPercent, locale),
    n(r.unassessed),
  ];
}
