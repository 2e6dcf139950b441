import { z } from 'zod';
import { Slug } from './common.ts';

/**
 * Who came and how, over a period (issue 17): the figures provinces report on residence members
 * ("đảng viên 76", Quy định 76-QĐ/TW), members away for work ("đi làm ăn xa") and online or
 * combined meetings (Hướng dẫn 03-HD/TW). Computed by `presenceFigures` (shared/src/domain/presence.ts)
 * from the period's reports, the cells' residence registers and the year's assessments; the month's
 * synthesis takes the month, the year view the year. Percentages have one decimal; null when their
 * whole is 0.
 */
export const PresenceFigures = z.object({
  meetings: z.object({
    /** Reports filed on meetings of the period (regular and topical). */
    total: z.number().int(),
    inPerson: z.number().int(),
    online: z.number().int(),
    combined: z.number().int(),
    /** (online + combined) / total, in percent. */
    onlineOrCombinedPercent: z.number().nullable(),
  }),
  attendance: z.object({
    /** Members present, summed over the period's meetings. */
    present: z.number().int(),
    /** Of them, joined online (over the meetings whose report states it). */
    presentOnline: z.number().int(),
    /**
     * Members away for work ("đi làm ăn xa"): per cell, the figure of its latest meeting of the
     * period that states it (a count of people, not of absences), summed over the cells.
     */
    awayForWork: z.number().int(),
    /** Cells whose latest stated figure was counted in `awayForWork`. */
    awayForWorkCells: z.number().int(),
  }),
  residence: z.object({
    /** On the cells' registers during the period: introduced by its end, not gone before its start. */
    registered: z.number().int(),
    /** Introduced (giới thiệu về) during the period. */
    introduced: z.number().int(),
    /** Received (tiếp nhận) during the period. */
    received: z.number().int(),
    /** Of `registered`, received by the end of the period (the province's "100 % received"). */
    receivedByEnd: z.number().int(),
    receivedPercent: z.number().nullable(),
    /**
     * Attendance over the meetings whose report states residence members present: `present` is
     * their sum, `expected` the residence members on the cell's register on each meeting date,
     * summed; `percent` is present / expected.
     */
    meetingsStated: z.number().int(),
    present: z.number().int(),
    expected: z.number().int(),
    attendancePercent: z.number().nullable(),
    /** The year's assessments (the period's year) of the members on the registers that year. */
    year: z.number().int(),
    assessed: z.number().int(),
    good: z.number().int(),
    /** good / assessed, in percent (the province's "≥ 96 % assessed as doing well"). */
    goodPercent: z.number().nullable(),
    /** On the registers that year and still without an assessment for it. */
    unassessed: z.number().int(),
  }),
});
export type PresenceFigures = z.infer<typeof PresenceFigures>;

/** The figures for a body and everything below it, and per committee (commune/ward) under it. */
export const PresenceSummary = PresenceFigures.extend({
  byBody: z.array(PresenceFigures.extend({ bodyId: Slug, bodyName: z.string() })),
});
export type PresenceSummary = z.infer<typeof PresenceSummary>;
