import { describe, expect, it } from 'vitest';
import {
  OrgIndex,
  actorKindsFor,
  endedBefore,
  isOpenOn,
  KIND_ORDER,
  needsAncestry,
  NO_ANCESTRY,
  RESPONSIBLE_KINDS,
  type OrgUnit,
  type OrgUnitKind,
  type Role,
} from '@duhop/shared';

const u = (
  id: string,
  kind: OrgUnitKind,
  parentId: string | null,
  extra: Partial<OrgUnit> = {},
): OrgUnit => ({
  id,
  name: id,
  kind,
  parentId,
  validFrom: '2020-01-01',
  validTo: null,
  ...extra,
});

/** Two tiers (since 1/7/2025): province → commune → cell, with a merged commune kept for history. */
const twoTier = new OrgIndex([
  u('na', 'province', null),
  u('na-bnc', 'province_board', 'na'),
  u('xa-a', 'commune', 'na'),
  u('cb-a1', 'cell', 'xa-a'),
  u('xa-c', 'commune', 'na', { validTo: '2025-06-30', successorId: 'xa-a' }),
  u('cb-c1', 'cell', 'xa-c', { validTo: '2025-06-30', successorId: 'cb-a1' }),
]);

/** Three tiers (history, or a province that keeps districts): province → district → commune → cell. */
const threeTier = new OrgIndex([
  u('ha', 'province', null),
  u('hu-1', 'district', 'ha'),
  u('xa-x', 'commune', 'hu-1'),
  u('cb-x1', 'cell', 'xa-x'),
  u('cb-h1', 'cell', 'hu-1'),
]);

/** Bad data: a parent cycle and a successor cycle. */
const broken = new OrgIndex([
  u('p', 'commune', 'q'),
  u('q', 'commune', 'p'),
  u('cb', 'cell', 'p'),
  u('s1', 'commune', null, { validTo: '2025-01-01', successorId: 's2' }),
  u('s2', 'commune', null, { validTo: '2025-01-01', successorId: 's1' }),
]);

describe('OrgIndex', () => {
  it.each([
    [twoTier, 'cb-a1', ['xa-a', 'na']],
    [threeTier, 'cb-x1', ['xa-x', 'hu-1', 'ha']],
    [threeTier, 'ha', []],
    [threeTier, 'nope', []],
    [broken, 'cb', ['p', 'q']],
  ])('#%# ancestors(%s) = %j, nearest first', (org, id, ids) => {
    expect(org.ancestors(id).map((x) => x.id)).toEqual(ids);
  });

  it.each([
    [threeTier, 'ha', 'cb-x1', true],
    [threeTier, 'hu-1', 'cb-x1', true],
    [threeTier, 'cb-x1', 'cb-x1', true],
    [threeTier, 'xa-x', 'cb-h1', false],
    [twoTier, 'na-bnc', 'cb-a1', false],
  ])('#%# isAncestorOrSelf(%s, %s) = %s', (org, a, id, ok) => {
    expect(org.isAncestorOrSelf(a, id)).toBe(ok);
  });

  it.each([
    [twoTier, 'cb-a1', 'xa-a'],
    [twoTier, 'cb-c1', 'xa-c'],
    [threeTier, 'cb-x1', 'xa-x'],
    [threeTier, 'cb-h1', 'hu-1'],
    [threeTier, 'ha', undefined],
  ])('#%# triageBodyOf(%s) = %s (nearest commune or district)', (org, cell, body) => {
    expect(org.triageBodyOf(cell)?.id).toBe(body);
  });

  it.each([
    [twoTier, 'xa-c', '2025-06-30', 'xa-c'],
    [twoTier, 'xa-c', '2025-07-01', 'xa-a'],
    [twoTier, 'xa-a', '2030-01-01', 'xa-a'],
    [twoTier, 'ghost', '2026-01-01', undefined],
    [broken, 's1', '2026-01-01', undefined],
  ])('#%# resolveOpen(%s, %s) = %s', (org, id, date, expected) => {
    expect(org.resolveOpen(id, date)?.id).toBe(expected);
  });

  it.each([
    [threeTier, 'ha', ['ha', 'hu-1', 'xa-x', 'cb-x1', 'cb-h1']],
    [threeTier, 'hu-1', ['hu-1', 'xa-x', 'cb-x1', 'cb-h1']],
    [threeTier, 'cb-x1', ['cb-x1']],
    [threeTier, 'ghost', ['ghost']],
    [twoTier, 'na', ['na', 'na-bnc', 'xa-a', 'cb-a1', 'xa-c', 'cb-c1']],
    [broken, 'p', ['p', 'q', 'cb']],
  ])(
    '#%# subtreeIds(%s): the unit and everything below it, closed units included, cycles visited once',
    (org, id, ids) => {
      expect([...org.subtreeIds(id)].sort()).toEqual([...ids].sort());
      expect(
        org
          .descendants(id)
          .map((x) => x.id)
          .sort(),
      ).toEqual(ids.filter((x) => x !== id).sort());
    },
  );

  it.each([
    [{ validFrom: '2025-07-01', validTo: null }, '2025-07-01', true, false],
    [{ validFrom: '2025-07-01', validTo: null }, '2025-06-30', false, false],
    [{ validFrom: '2025-07-01', validTo: '2025-12-31' }, '2025-12-31', true, false],
    [{ validFrom: '2025-07-01', validTo: '2025-12-31' }, '2026-01-01', false, true],
    [{ validTo: null }, '1900-01-01', true, false],
  ])('#%# isOpenOn(%j, %s) = %s, endedBefore = %s', (period, date, open, ended) => {
    expect(isOpenOn(period, date)).toBe(open);
    expect(endedBefore(period, date)).toBe(ended);
  });

  it('orders kinds as the responsible kinds, cells last', () => {
    expect(KIND_ORDER).toEqual([...RESPONSIBLE_KINDS, 'cell']);
  });

  it('gives parents and children', () => {
    expect(threeTier.parentOf('xa-x')?.id).toBe('hu-1');
    expect(threeTier.parentOf('ha')).toBeUndefined();
    expect(
      threeTier
        .childrenOf('hu-1')
        .map((x) => x.id)
        .sort(),
    ).toEqual(['cb-h1', 'xa-x']);
  });
});

describe('actorKindsFor', () => {
  const issue = { responsibleBodyId: 'xa-x', authorId: 'obs', overdue: false };
  it.each([
    [{ id: 'a', role: 'staff', orgUnitId: 'xa-x' }, issue, ['holder']],
    [{ id: 'a', role: 'leader', orgUnitId: 'hu-1' }, issue, []],
    [{ id: 'a', role: 'leader', orgUnitId: 'hu-1' }, { ...issue, overdue: true }, ['parent']],
    [{ id: 'a', role: 'staff', orgUnitId: 'ha' }, { ...issue, overdue: true }, ['parent']],
    [{ id: 'a', role: 'staff', orgUnitId: 'cb-x1' }, { ...issue, overdue: true }, []],
    [{ id: 'obs', role: 'observer', orgUnitId: 'xa-x' }, issue, ['author']],
    [{ id: 'obs', role: 'staff', orgUnitId: 'xa-x' }, issue, ['holder', 'author']],
    [{ id: 'root', role: 'admin', orgUnitId: 'ha' }, issue, ['admin']],
    // Answered at the meeting: the cell stands in the body column, but nobody holds it.
    [
      { id: 'a', role: 'staff', orgUnitId: 'cb-x1' },
      {
        responsibleBodyId: 'cb-x1',
        authorId: 'obs',
        overdue: false,
        status: 'answered_at_meeting',
      },
      [],
    ],
    [
      { id: 'a', role: 'staff', orgUnitId: 'cb-x1' },
      { responsibleBodyId: 'cb-x1', authorId: 'obs', overdue: false, status: 'resolved' },
      ['holder'],
    ],
    [
      { id: 'obs', role: 'staff', orgUnitId: 'cb-x1' },
      { responsibleBodyId: 'cb-x1', authorId: 'obs', overdue: true, status: 'answered_at_meeting' },
      ['author'],
    ],
    [
      { id: 'a', role: 'leader', orgUnitId: 'xa-x' },
      { responsibleBodyId: 'cb-x1', authorId: 'obs', overdue: true, status: 'answered_at_meeting' },
      [],
    ],
  ] as const)('#%# %j → %j', (user, iss, kinds) => {
    expect(actorKindsFor(user, iss, threeTier)).toEqual(kinds);
  });
});

describe('needsAncestry', () => {
  // The API loads a body's ancestry only when the rule asks: wherever it does not, any graph gives the same kinds.
  const roles: Role[] = ['observer', 'staff', 'leader', 'admin'];
  const units = ['ha', 'hu-1', 'xa-x', 'cb-x1', 'cb-h1'];
  it('is false exactly where the graph cannot change the answer', () => {
    for (const role of roles)
      for (const orgUnitId of units)
        for (const overdue of [false, true]) {
          const user = { id: 'a', role, orgUnitId };
          const iss = { responsibleBodyId: 'xa-x', authorId: 'obs', overdue };
          if (!needsAncestry(user, iss))
            expect(actorKindsFor(user, iss, NO_ANCESTRY)).toEqual(
              actorKindsFor(user, iss, threeTier),
            );
          else expect(role === 'staff' || role === 'leader').toBe(true);
        }
  });
});
