import { describe, expect, it } from 'vitest';
import {
  activeInYear,
  letterNumberPattern,
  residenceMemberErrors,
  ResidenceMemberInput,
  workplaceKey,
} from '@duhop/shared';

const base = { workplaceUnitId: 'na-syt', introducedOn: '2025-04-01' };

describe('residenceMemberErrors', () => {
  it.each([
    ['a whole entry', {}, []],
    ['received the day introduced', { receivedOn: '2025-04-01' }, []],
    ['received before introduced', { receivedOn: '2025-03-31' }, ['receivedOn']],
    ['no workplace', { workplaceUnitId: null }, ['workplaceName']],
    [
      'a blank workplace name only',
      { workplaceUnitId: null, workplaceName: '  ' },
      ['workplaceName'],
    ],
    ['both workplaces', { workplaceName: 'Cục Thuế' }, ['workplaceName']],
    ['moved without a date', { status: 'moved' as const }, ['statusOn']],
    ['moved with a date', { status: 'moved' as const, statusOn: '2026-01-05' }, []],
    [
      'a status date before the introduction',
      { status: 'left' as const, statusOn: '2025-01-01' },
      ['statusOn'],
    ],
  ])('%s', (_what, over, fields) => {
    expect(Object.keys(residenceMemberErrors({ ...base, ...over })).sort()).toEqual(fields);
  });

  it('the zod input carries the same checks as field errors', () => {
    const r = ResidenceMemberInput.safeParse({
      cellId: 'hn-xom-1',
      fullName: 'Nguyễn Văn Thành',
      ...base,
      receivedOn: '2025-01-01',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['receivedOn']);
  });
});

describe('activeInYear', () => {
  const m = (over: object) => ({
    introducedOn: '2024-06-01',
    status: 'active' as const,
    statusOn: null,
    ...over,
  });
  it.each([
    ['active, introduced before the year', m({}), 2025, true],
    ['introduced after the year', m({ introducedOn: '2026-01-10' }), 2025, false],
    ['introduced during the year', m({ introducedOn: '2025-12-31' }), 2025, true],
    [
      'moved during the year: still assessed for it',
      m({ status: 'moved', statusOn: '2025-05-15' }),
      2025,
      true,
    ],
    ['moved the year before', m({ status: 'moved', statusOn: '2024-12-31' }), 2025, false],
  ])('%s', (_what, member, year, expected) => {
    expect(activeInYear(member, year)).toBe(expected);
  });
});

describe('letters', () => {
  it.each([
    ['{n}-BC/ĐU', '{n}-CV/ĐU'],
    ['{n}/BC-UBND', '{n}/CV-UBND'],
    ['{n}-BC/BNCTU', '{n}-CV/BNCTU'],
    ['{n}/TB', '{n}/TB'],
  ])('the letter pattern of %s is %s', (report, letter) => {
    expect(letterNumberPattern(report)).toBe(letter);
  });

  it('a workplace is keyed by its unit, or by its name', () => {
    expect(workplaceKey({ workplaceUnitId: 'na-syt', workplaceName: null })).toBe('unit:na-syt');
    expect(workplaceKey({ workplaceUnitId: null, workplaceName: ' Cục Thuế ' })).toBe(
      'name:Cục Thuế',
    );
  });
});
