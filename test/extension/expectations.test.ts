import type { Assignment } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { expectedCells } from '../../extension/utils/expectations.ts';
import { monthStatuses } from '../../extension/utils/month-status.ts';
import { dueReminders } from '../../extension/utils/synthesis/reminders.ts';

/* The side panel's expectations come from /api/me through the shared expectedIn, as the API's compliance. */
const ME = 'u-an';
const monthly: Assignment = {
  cellId: 'c-monthly',
  cellName: 'Chi bộ hằng tháng',
  meetingDay: 3,
  validFrom: '2026-01-01',
  validTo: null,
  frequency: 'monthly',
};
const everyTwo: Assignment = {
  ...monthly,
  cellId: 'c-every2',
  cellName: 'Chi bộ cách tháng',
  frequency: 'every_n',
  every: 2,
};
const rota: Assignment = {
  ...monthly,
  cellId: 'c-rota',
  cellName: 'Chi bộ luân phiên',
  frequency: 'rota',
  rotaPosition: 2,
  rota: [
    {
      userId: 'u-binh',
      displayName: 'Bình',
      rotaPosition: 1,
      validFrom: '2026-01-01',
      validTo: null,
    },
    { userId: ME, displayName: 'An', rotaPosition: 2, validFrom: '2026-01-01', validTo: null },
    {
      userId: 'u-cuc',
      displayName: 'Cúc',
      rotaPosition: 3,
      validFrom: '2026-01-01',
      validTo: null,
    },
  ],
};
const all = [monthly, everyTwo, rota];

describe('expectedCells: what /api/me’s assignments expect of the member in a month', () => {
  it.each([
    ['2026-01', ['c-monthly', 'c-every2']], // Bình’s turn on the rota
    ['2026-02', ['c-monthly', 'c-rota']], // An’s turn; the every-2 assignment rests
    ['2026-03', ['c-monthly', 'c-every2']],
    ['2026-05', ['c-monthly', 'c-every2', 'c-rota']],
  ])('%s: %j', (month, cells) => {
    expect([...expectedCells(all, month, ME)].sort()).toEqual([...cells].sort());
  });

  it('an answer without the rota’s members (older server) expects the rota cell every month', () => {
    const { rota: _r, ...bare } = rota;
    expect(expectedCells([bare], '2026-01', ME).has('c-rota')).toBe(true);
  });
});

describe('the home screen and the reminders follow it', () => {
  it('a cell not expected this month is marked so and never overdue', () => {
    const out = monthStatuses(all, [], [], '2026-02-20', undefined, ME);
    expect(out.map((c) => [c.cellId, c.expected, c.late])).toEqual([
      ['c-monthly', true, true],
      ['c-every2', false, false],
      ['c-rota', true, true],
    ]);
  });

  it('no reminder for a cell whose month it is not', () => {
    const due = dueReminders({
      assignments: all,
      orgUnits: [],
      filed: [],
      today: '2026-01-05',
      userId: ME,
    });
    expect(due.map((d) => d.cellId)).toEqual(['c-monthly', 'c-every2']);
  });
});
