import type { AdminOrgUnit, RoutingRule } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import {
  checkCriteriaJson,
  fieldsToPathErrors,
  patchFrom,
} from '../../extension/utils/admin/criteria-json.ts';
import {
  dayBefore,
  matchWithAncestors,
  mergePreview,
  parentCandidates,
  successorCandidates,
  treeRows,
  validity,
} from '../../extension/utils/admin/org-tree.ts';
import {
  blankRule,
  moveItem,
  moveTarget,
  newRuleId,
  renumber,
  ruleErrors,
  rulesChanged,
} from '../../extension/utils/admin/rules.ts';
import { BUILTIN_CRITERIA_SETS } from '@duhop/shared';

const rule = (id: string, over: Partial<RoutingRule> = {}): RoutingRule => ({
  ...blankRule(id),
  ...over,
});

describe('routing rule list editing', () => {
  it.each<[string, number, number, string[]]>([
    ['down one', 0, 1, ['b', 'a', 'c']],
    ['up one', 2, 1, ['a', 'c', 'b']],
    ['to the top', 2, 0, ['c', 'a', 'b']],
    ['past the end is clamped', 0, 9, ['b', 'c', 'a']],
    ['in place', 1, 1, ['a', 'b', 'c']],
    ['from outside the list', 5, 0, ['a', 'b', 'c']],
  ])('moves %s', (_name, from, to, expected) => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, from, to)).toEqual(expected);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it.each<[string, boolean, number, number | null]>([
    ['ArrowUp', true, 2, 1],
    ['ArrowUp', true, 0, null],
    ['ArrowDown', true, 1, 2],
    ['ArrowDown', true, 3, null],
    ['Home', true, 3, 0],
    ['End', true, 0, 3],
    ['ArrowDown', false, 1, null],
    ['Enter', true, 1, null],
  ])('%s (alt %s) on rule %i of 4 moves it to %s', (key, alt, index, expected) => {
    expect(moveTarget(key, alt, index, 4)).toBe(expected);
  });

  it('renumbers positions in list order and leaves the draft untouched', () => {
    const draft = [rule('x', { position: 30 }), rule('y', { position: 10 })];
    expect(renumber(draft).map((r) => [r.id, r.position])).toEqual([
      ['x', 10],
      ['y', 20],
    ]);
    expect(draft[0]!.position).toBe(30);
  });

  it('makes a fresh id above the highest in use for the province', () => {
    expect(
      newRuleId([{ id: 'na-r1' }, { id: 'na-r7' }, { id: 'other-r9' }, { id: 'na-rx' }], 'na'),
    ).toBe('na-r8');
    expect(newRuleId([], 'ht-tu')).toBe('ht-tu-r1');
  });

  it('sees a change of order or content, not a renumbering', () => {
    const saved = [rule('a', { position: 1 }), rule('b', { position: 2 })];
    expect(rulesChanged(saved, renumber(saved))).toBe(false);
    expect(rulesChanged(saved, [saved[1]!, saved[0]!])).toBe(true);
    expect(rulesChanged(saved, [saved[0]!, { ...saved[1]!, active: false }])).toBe(true);
    expect(rulesChanged(saved, [saved[0]!])).toBe(true);
  });

  it('groups the API’s rules.N.field errors by rule', () => {
    const m = ruleErrors({
      'rules.2.targetBodyId': ['đã giải thể'],
      'rules.2.id': ['trùng'],
      'rules.0': ['sai'],
      provinceId: ['Không có tỉnh này'],
    });
    expect(m.get(2)).toEqual({ targetBodyId: ['đã giải thể'], id: ['trùng'] });
    expect(m.get(0)).toEqual({ _: ['sai'] });
    expect(m.get(-1)).toEqual({ provinceId: ['Không có tỉnh này'] });
  });
});

const unit = (
  id: string,
  parentId: string | null,
  kind: AdminOrgUnit['kind'],
  over: Partial<AdminOrgUnit> = {},
): AdminOrgUnit => ({
  id,
  name: over.name ?? id,
  kind,
  parentId,
  validFrom: '2025-07-01',
  validTo: null,
  successorId: null,
  cellType: null,
  meetingDay: null,
  provinceId: parentId ? 'na' : null,
  ...over,
});

const UNITS: AdminOrgUnit[] = [
  unit('c2', 'hn', 'cell', { name: 'Chi bộ xóm 2' }),
  unit('hn', 'na', 'commune', { name: 'Đảng ủy xã Hưng Nguyên' }),
  unit('c1', 'hn', 'cell', { name: 'Chi bộ xóm 1' }),
  unit('dc', 'na', 'commune', { name: 'Đảng ủy xã Diễn Châu' }),
  unit('dc-c', 'dc', 'cell', { name: 'Chi bộ Bắc Sơn' }),
  unit('old', 'na', 'commune', { name: 'Đảng ủy xã Cũ', validTo: '2025-12-31', successorId: 'hn' }),
  unit('bnc', 'na', 'province_board', { name: 'Ban Nội chính' }),
  unit('na', null, 'province', { name: 'Tỉnh ủy Nghệ An' }),
  unit('later', 'na', 'commune', { name: 'Xã Sau', validFrom: '2027-01-01' }),
];
const TODAY = '2026-11-26';

describe('organisation tree', () => {
  it('orders a level open before closed, boards before communes, then by Vietnamese name, depth first', () => {
    const rows = treeRows(UNITS, TODAY);
    expect(rows.map((r) => `${'.'.repeat(r.depth)}${r.unit.id}`)).toEqual([
      'na',
      '.bnc',
      '.dc',
      '..dc-c',
      '.hn',
      '..c1',
      '..c2',
      '.later',
      '.old',
    ]);
    expect(rows.find((r) => r.unit.id === 'hn')!.childCount).toBe(2);
  });

  it('hides what is below a collapsed unit, and a search shows the matches with their ancestors', () => {
    expect(treeRows(UNITS, TODAY, new Set(['hn', 'dc'])).map((r) => r.unit.id)).toEqual([
      'na',
      'bnc',
      'dc',
      'hn',
      'later',
      'old',
    ]);
    const visible = matchWithAncestors(UNITS, 'xom 2');
    expect([...visible!].sort()).toEqual(['c2', 'hn', 'na']);
    expect(treeRows(UNITS, TODAY, new Set(['hn', 'na']), visible).map((r) => r.unit.id)).toEqual([
      'na',
      'hn',
      'c2',
    ]);
    expect(matchWithAncestors(UNITS, '   ')).toBeUndefined();
  });

  it('never loops on a cycle in bad data', () => {
    const cyclic = [unit('a', 'b', 'commune'), unit('b', 'a', 'commune')];
    expect(
      treeRows(cyclic, TODAY)
        .map((r) => r.unit.id)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it.each<[string, string | null]>([
    ['hn', 'open'],
    ['old', 'closed'],
    ['later', 'future'],
  ])('%s is %s today', (id, expected) => {
    expect(validity(UNITS.find((u) => u.id === id)!, TODAY)).toBe(expected);
  });

  it('offers as parents the open non-cells outside the unit’s own subtree', () => {
    expect(
      parentCandidates(UNITS, TODAY, 'hn')
        .map((u) => u.id)
        .sort(),
    ).toEqual(['bnc', 'dc', 'later', 'na']);
    expect(parentCandidates(UNITS, TODAY, 'na')).toEqual([]);
  });

  it('offers as successors the open units of the same kind, not itself', () => {
    expect(
      successorCandidates(UNITS, TODAY, UNITS.find((u) => u.id === 'dc')!).map((u) => u.id),
    ).toEqual(['hn']);
  });

  it('previews what a merger moves along in the graph', () => {
    expect(mergePreview(UNITS, ['hn', 'dc'])).toMatchObject({
      children: 3,
      cells: 3,
      mixedKinds: false,
    });
    expect(mergePreview(UNITS, ['hn', 'bnc']).mixedKinds).toBe(true);
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2026-12-31', -1)).toBe('2027-01-01');
  });
});

describe('criteria set JSON', () => {
  const good = BUILTIN_CRITERIA_SETS[0]!;

  it('accepts a built-in set and turns it into a patch without its id', () => {
    const res = checkCriteriaJson(JSON.stringify(good));
    expect(res.ok).toBe(true);
    const patch = patchFrom(good);
    expect(patch).not.toHaveProperty('id');
    expect(patch.groups).toEqual(good.groups);
    expect(patch.validTo).toBe(good.validTo ?? null);
  });

  it('names each problem by path: sums, band order, duplicate ids', () => {
    const bad = structuredClone(good);
    bad.groups[0]!.maxPoints += 1;
    bad.groups[1]!.id = bad.groups[0]!.id;
    bad.bands = [...bad.bands].reverse();
    const res = checkCriteriaJson(JSON.stringify(bad));
    expect(res.ok).toBe(false);
    const paths = res.ok ? [] : res.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['groups', 'groups.0.items', 'groups.1.id', 'bands.1.min']),
    );
  });

  it('reports text that is not JSON', () => {
    const res = checkCriteriaJson('{"id": ');
    expect(res).toMatchObject({ ok: false, errors: [{ path: '(JSON)' }] });
  });

  it('lists server field errors in path order (numbers compared as numbers)', () => {
    expect(
      fieldsToPathErrors({ 'groups.10.id': ['b'], 'groups.2.id': ['a'], bands: ['c'] }).map(
        (e) => e.path,
      ),
    ).toEqual(['bands', 'groups.2.id', 'groups.10.id']);
  });
});
