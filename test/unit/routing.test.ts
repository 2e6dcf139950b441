import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEADLINES,
  DeadlineConfig,
  OrgIndex,
  RoutingRule,
  answerDays,
  routeIssue,
  type Category,
  type OrgUnit,
  type OrgUnitKind,
  type RoutableIssue,
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

/** One org graph holding a two-tier province (na) and a three-tier one (ha). */
const org = new OrgIndex([
  u('na', 'province', null),
  u('na-bnc', 'province_board', 'na'),
  u('na-btg', 'province_board', 'na', { validTo: '2025-06-30', successorId: 'na-btgdv' }),
  u('na-btgdv', 'province_board', 'na', { validFrom: '2025-07-01' }),
  u('na-ubnd', 'people_committee', 'na'),
  u('na-snnmt', 'department', 'na-ubnd'),
  u('xa-a', 'commune', 'na'),
  u('cb-a1', 'cell', 'xa-a'),
  u('xa-b', 'commune', 'na'),
  u('xa-b-ubnd', 'people_committee', 'xa-b'),
  u('cb-b1', 'cell', 'xa-b'),
  u('xa-c', 'commune', 'na', { validTo: '2025-06-30', successorId: 'xa-a' }),
  u('cb-c1', 'cell', 'xa-c'),
  u('ha', 'province', null),
  u('ha-bnc', 'province_board', 'ha'),
  u('hu-1', 'district', 'ha'),
  u('xa-x', 'commune', 'hu-1'),
  u('cb-x1', 'cell', 'xa-x'),
  u('cb-h1', 'cell', 'hu-1'),
  // A district closed in the 2025 reorganisation without successor: its communes triage again.
  u('hu-2', 'district', 'ha', { validTo: '2025-06-30' }),
  u('xa-y', 'commune', 'hu-2'),
  u('cb-y1', 'cell', 'xa-y'),
]);

type R = RoutingRule;
const rule = (id: string, position: number, r: Partial<R>): R => ({
  id,
  position,
  category: null,
  areaId: null,
  urgency: null,
  targetBodyId: null,
  target: null,
  deadlineProfile: 'normal',
  active: true,
  ...r,
});

// Deliberately out of position order.
const rules: R[] = [
  rule('r-security', 30, {
    category: 'an_ninh_trat_tu',
    targetBodyId: 'na-bnc',
    deadlineProfile: 'complex',
  }),
  rule('r-land', 10, { category: 'dat_dai', target: 'triage' }),
  rule('r-env-b', 20, { category: 'moi_truong', areaId: 'xa-b', targetBodyId: 'xa-b-ubnd' }),
  rule('r-party', 5, { category: 'xay_dung_dang', target: 'cell' }),
  rule('r-off', 1, { targetBodyId: 'na-bnc', active: false }),
  rule('r-health', 40, { category: 'y_te', targetBodyId: 'na-btg' }),
  rule('r-ghost', 45, { category: 'giao_duc', targetBodyId: 'ghost' }),
  rule('r-econ-urgent', 50, { category: 'kinh_te', urgency: 'urgent', targetBodyId: 'na-ubnd' }),
  rule('r-econ', 60, { category: 'kinh_te', target: 'triage' }),
  rule('r-ha-other', 70, { category: 'khac', areaId: 'ha', targetBodyId: 'ha-bnc' }),
];

const issue = (
  cellId: string,
  category: Category,
  extra: Partial<RoutableIssue> = {},
): RoutableIssue => ({ cellId, category, urgency: 'normal', ...extra });

describe('routeIssue', () => {
  it.each([
    [
      'land → triage commune',
      issue('cb-a1', 'dat_dai'),
      '2026-11-26',
      { bodyId: 'xa-a', profile: 'normal', ruleId: 'r-land' },
    ],
    [
      'urgent land → urgent profile',
      issue('cb-a1', 'dat_dai', { urgency: 'urgent' }),
      '2026-11-26',
      { bodyId: 'xa-a', profile: 'urgent', ruleId: 'r-land' },
    ],
    [
      'area-scoped rule inside its area',
      issue('cb-b1', 'moi_truong'),
      '2026-11-26',
      { bodyId: 'xa-b-ubnd', profile: 'normal', ruleId: 'r-env-b' },
    ],
    [
      'area-scoped rule outside its area → no match',
      issue('cb-a1', 'moi_truong'),
      '2026-11-26',
      { bodyId: 'xa-a', profile: 'normal', ruleId: null },
    ],
    [
      'complex wins over urgent',
      issue('cb-a1', 'an_ninh_trat_tu', { urgency: 'urgent' }),
      '2026-11-26',
      { bodyId: 'na-bnc', profile: 'complex', ruleId: 'r-security' },
    ],
    [
      'target cell',
      issue('cb-b1', 'xay_dung_dang'),
      '2026-11-26',
      { bodyId: 'cb-b1', profile: 'normal', ruleId: 'r-party' },
    ],
    [
      'closed target follows its successor',
      issue('cb-a1', 'y_te'),
      '2026-11-26',
      { bodyId: 'na-btgdv', profile: 'normal', ruleId: 'r-health' },
    ],
    [
      'target still open before the merger',
      issue('cb-a1', 'y_te'),
      '2025-06-30',
      { bodyId: 'na-btg', profile: 'normal', ruleId: 'r-health' },
    ],
    [
      'unknown target → triage',
      issue('cb-a1', 'giao_duc'),
      '2026-11-26',
      { bodyId: 'xa-a', profile: 'normal', ruleId: 'r-ghost' },
    ],
    [
      'urgency-specific rule first',
      issue('cb-a1', 'kinh_te', { urgency: 'urgent' }),
      '2026-11-26',
      { bodyId: 'na-ubnd', profile: 'urgent', ruleId: 'r-econ-urgent' },
    ],
    [
      'then the any-urgency rule',
      issue('cb-a1', 'kinh_te'),
      '2026-11-26',
      { bodyId: 'xa-a', profile: 'normal', ruleId: 'r-econ' },
    ],
    [
      'no match → triage, inactive rule ignored',
      issue('cb-a1', 'chinh_sach_xa_hoi'),
      '2026-11-26',
      { bodyId: 'xa-a', profile: 'normal', ruleId: null },
    ],
    [
      'no match, urgent',
      issue('cb-a1', 'khac', { urgency: 'urgent' }),
      '2026-11-26',
      { bodyId: 'xa-a', profile: 'urgent', ruleId: null },
    ],
    [
      'requested body wins',
      issue('cb-a1', 'dat_dai', { requestedBodyId: 'na-snnmt' }),
      '2026-11-26',
      { bodyId: 'na-snnmt', profile: 'normal', ruleId: null },
    ],
    [
      'requested closed body → successor',
      issue('cb-a1', 'khac', { requestedBodyId: 'na-btg' }),
      '2026-11-26',
      { bodyId: 'na-btgdv', profile: 'normal', ruleId: null },
    ],
    [
      'unknown requested body → rules',
      issue('cb-a1', 'dat_dai', { requestedBodyId: 'ghost' }),
      '2026-11-26',
      { bodyId: 'xa-a', profile: 'normal', ruleId: 'r-land' },
    ],
    [
      'cell of a merged commune → successor commune',
      issue('cb-c1', 'dat_dai'),
      '2026-11-26',
      { bodyId: 'xa-a', profile: 'normal', ruleId: 'r-land' },
    ],
    [
      'same cell before the merger',
      issue('cb-c1', 'dat_dai'),
      '2025-05-01',
      { bodyId: 'xa-c', profile: 'normal', ruleId: 'r-land' },
    ],
    // three-tier province: the district committee of the cell's commune triages
    [
      'three tiers: rule target triage → the district above the commune',
      issue('cb-x1', 'dat_dai'),
      '2026-11-26',
      { bodyId: 'hu-1', profile: 'normal', ruleId: 'r-land' },
    ],
    [
      'three tiers: cell directly under the district',
      issue('cb-h1', 'dat_dai'),
      '2026-11-26',
      { bodyId: 'hu-1', profile: 'normal', ruleId: 'r-land' },
    ],
    [
      'three tiers: province-wide area rule',
      issue('cb-x1', 'khac'),
      '2026-11-26',
      { bodyId: 'ha-bnc', profile: 'normal', ruleId: 'r-ha-other' },
    ],
    [
      'province area rule does not reach the other province',
      issue('cb-a1', 'khac'),
      '2026-11-26',
      { bodyId: 'xa-a', profile: 'normal', ruleId: null },
    ],
    [
      'three tiers: no match → the district committee, not the commune',
      issue('cb-x1', 'chinh_sach_xa_hoi'),
      '2026-11-26',
      { bodyId: 'hu-1', profile: 'normal', ruleId: null },
    ],
    [
      'three tiers: no match, urgent → the district with the urgent profile',
      issue('cb-x1', 'chinh_sach_xa_hoi', { urgency: 'urgent' }),
      '2026-11-26',
      { bodyId: 'hu-1', profile: 'urgent', ruleId: null },
    ],
    [
      'district still open before it closed → the district',
      issue('cb-y1', 'chinh_sach_xa_hoi'),
      '2025-06-01',
      { bodyId: 'hu-2', profile: 'normal', ruleId: null },
    ],
    [
      'district closed without successor → back to the commune',
      issue('cb-y1', 'chinh_sach_xa_hoi'),
      '2026-11-26',
      { bodyId: 'xa-y', profile: 'normal', ruleId: null },
    ],
    [
      'two tiers (control): no match → the commune',
      issue('cb-b1', 'chinh_sach_xa_hoi'),
      '2026-11-26',
      { bodyId: 'xa-b', profile: 'normal', ruleId: null },
    ],
    [
      'three tiers: no match, cell under the district',
      issue('cb-h1', 'chinh_sach_xa_hoi'),
      '2026-11-26',
      { bodyId: 'hu-1', profile: 'normal', ruleId: null },
    ],
  ] as const)('%s', (_name, iss, date, expected) => {
    expect(routeIssue(iss, rules, org, date)).toEqual(expected);
  });

  it('routes to triage with no rules at all', () => {
    expect(routeIssue(issue('cb-x1', 'khac'), [], org, '2026-11-26')).toEqual({
      bodyId: 'hu-1',
      profile: 'normal',
      ruleId: null,
    });
  });

  it('throws on an unknown cell', () => {
    expect(() => routeIssue(issue('ghost', 'khac'), rules, org, '2026-11-26')).toThrow(RangeError);
  });
});

describe('RoutingRule schema', () => {
  const base = {
    id: 'r1',
    position: 1,
    category: null,
    areaId: null,
    urgency: null,
    deadlineProfile: 'normal',
    active: true,
  };
  it.each([
    [{ ...base, targetBodyId: 'xa-a', target: null }, true],
    [{ ...base, targetBodyId: null, target: 'triage' }, true],
    [{ ...base, targetBodyId: null, target: null }, false],
    [{ ...base, targetBodyId: 'xa-a', target: 'cell' }, false],
    [{ ...base, targetBodyId: null, target: 'province' }, false],
  ])('#%# %j valid: %s', (input, ok) => {
    expect(RoutingRule.safeParse(input).success).toBe(ok);
  });
});

describe('deadlines', () => {
  it('has the Nghệ An defaults', () => {
    expect(DEFAULT_DEADLINES).toEqual({
      acknowledge: 3,
      answer: 20,
      urgent: 10,
      complex: 30,
      clarify: 5,
      sendBack: 3,
    });
    expect(DeadlineConfig.parse({ answer: 15 })).toEqual({ ...DEFAULT_DEADLINES, answer: 15 });
  });

  it.each([
    ['normal', 20],
    ['urgent', 10],
    ['complex', 30],
  ] as const)('answerDays(%s) = %i', (profile, days) => {
    expect(answerDays(profile, DEFAULT_DEADLINES)).toBe(days);
  });
});
