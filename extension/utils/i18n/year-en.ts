import type { yearVi } from './year-vi.ts';

/** English texts of the year view, the member's own year and topical meetings: same keys as year-vi.ts. */
export const yearEn: Record<keyof typeof yearVi, string> = {
  navYear: 'Year summary',
  yv_title: 'Year {year}',
  yv_intro:
    'Each committee member’s meeting attendance and reporting over the year, for the year-end rating. Meetings expected follow the assignments month by month; months not yet due are counted apart.',
  yv_filters: 'Year and body',
  yv_year: 'Year',
  yv_asOf: 'Figures as of {time}',
  yv_empty: 'No committee member was assigned to attend cell meetings in this year.',
  yv_members: 'By member',
  yv_bodies: 'By body',
  yv_topical: 'Topical meetings by quarter',
  yv_topicalHint:
    'A cell must hold a topical meeting at least once a quarter. Whole year: cells that held one in every quarter already over.',
  yv_colExpected: 'Expected',
  yv_colAttended: 'Attended, reported',
  yv_colNotDue: 'Not yet due',
  yv_colCells: 'Cells followed',
  yv_colMembers: 'Members',
  yv_colIssues: 'Issues',
  yv_colOtherAnswer: 'Other answer',
  yv_colPeriod: 'Period',
  yv_colCellsExpected: 'Cells expected to meet',
  yv_colTopicalHeld: 'With a topical meeting',
  yv_colPercent: 'Rate',
  yv_quarter: 'Quarter {q}',
  yv_quarterOpen: 'Quarter {q} (not over)',
  yv_wholeYear: 'Whole year',
  yv_kpiAttended: 'Attended and reported',
  yv_kpiTopical: 'Topical meetings (year)',
  yv_topicalOf: '{held}/{expected} cells',
  yv_myYear: 'My year {year}',
  yv_myYearLine:
    'Attended and reported {attended}/{due} due · on time {onTime} · late {late} · missing {missing}',
  yv_myIssuesLine: 'Issues raised: {raised} · resolved {resolved} · overdue {overdue}',
  sy_kpiTopical: 'Topical meetings',
  sy_kpiTopicalDetail: '{held}/{expected} cells held a topical meeting',
};
