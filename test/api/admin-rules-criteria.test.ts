import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HD42_2025,
  type CriteriaSet,
  type RoutingRule,
  type RoutingTestInput,
} from '@duhop/shared';
import { seedDemo } from '../../api/src/db/seed.ts';
import { useHarness } from '../support/app.ts';
import { malformed, read } from '../support/client.ts';
import { truncateAll } from '../support/db.ts';
import { buildReport } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

afterEach(async () => {
  await truncateAll(h.database);
  await seedDemo(h.database.db);
});

const rule = (over: Partial<RoutingRule> = {}): RoutingRule => ({
  id: 'na-dd',
  position: 10,
  category: 'dat_dai',
  areaId: null,
  urgency: null,
  targetBodyId: 'na-snnmt',
  target: null,
  deadlineProfile: 'complex',
  active: true,
  ...over,
});

describe('routing rules', () => {
  it('lists the province’s rules in order', async () => {
    const res = await read(
      h.as(await h.login('admin')).api.admin['routing-rules'].$get({ query: {} }),
    );
    expect(res.status).toBe(200);
    expect(res.body.provinceId).toBe('na-tu');
    expect(res.body.items.map((r) => r.id)).toEqual(['na-r1', 'na-r2', 'na-r3', 'na-r4']);
    expect(res.body.items[2]).toEqual({
      id: 'na-r3',
      position: 30,
      category: 'ha_tang_giao_thong',
      areaId: 'truong-vinh',
      urgency: null,
      targetBodyId: 'truong-vinh-kt',
      target: null,
      deadlineProfile: 'normal',
      active: true,
    });
  });

  it('replaces the list: new issues follow it, issues already routed stay, and the change is logged', async () => {
    const observer = await h.login('observer');
    const land = () => [
      {
        id: randomUUID(),
        title: 'Tranh chấp đất',
        detail: '',
        category: 'dat_dai' as const,
        urgency: 'normal' as const,
      },
    ];
    const before = await read(
      h.as(observer).api.reports.$post({ json: buildReport({ issues: land() }) }),
    );
    expect(before.body.issues[0]!.responsibleBodyId).toBe('hung-nguyen');

    const token = await h.login('admin');
    const put = await read(
      h.as(token).api.admin['routing-rules'].$put({
        json: {
          rules: [
            rule(),
            rule({
              id: 'na-any',
              position: 20,
              category: null,
              target: 'triage',
              targetBodyId: null,
              deadlineProfile: 'normal',
            }),
          ],
        },
      }),
    );
    expect(put.status).toBe(200);
    expect(put.body.items.map((r) => r.id)).toEqual(['na-dd', 'na-any']);

    const after = await read(
      h
        .as(observer)
        .api.reports.$post({ json: buildReport({ cellId: 'hn-xom-2', issues: land() }) }),
    );
    expect(after.body.issues[0]!.responsibleBodyId).toBe('na-snnmt');
    expect(after.body.issues[0]!.dueAt.slice(0, 10)).toBe('2026-12-17'); // complex: 30 working days
    const old = await read(
      h.as(token).api.issues[':id'].$get({ param: { id: before.body.issues[0]!.id } }),
    );
    expect(old.body.responsibleBodyId).toBe('hung-nguyen');

    const audit = await read(h.as(token).api.admin.audit.$get({ query: {} }));
    expect(audit.body.items[0]).toMatchObject({
      action: 'routing_rules.replace',
      entityId: 'na-tu',
      actorName: 'Phạm Thị Dung',
      at: '2026-11-05T09:00:00.000+07:00',
    });
    const data = audit.body.items[0]!.data as { before: RoutingRule[]; after: RoutingRule[] }; // jsonb on the wire
    expect(data.before).toHaveLength(4);
    expect(data.after.map((r) => r.id)).toEqual(['na-dd', 'na-any']);
  });

  it.each([
    ['an unknown target body', [rule({ targetBodyId: 'nowhere' })], 'rules.0.targetBodyId'],
    [
      'a closed target body',
      [rule({ id: 'a', position: 1, category: null }), rule({ targetBodyId: 'hn-gone-kt' })],
      'rules.1.targetBodyId',
    ],
    ['an unknown area', [rule({ areaId: 'nowhere' })], 'rules.0.areaId'],
    ['two rules with one id', [rule(), rule({ position: 20 })], 'rules.1.id'],
    ['two rules at one position', [rule(), rule({ id: 'other' })], 'rules.1.position'],
    ['both a body and a relative target', [rule({ target: 'triage' })], 'rules.0.targetBodyId'],
    ['an unknown category', [rule({ category: malformed('bogus') })], 'rules.0.category'],
  ])('refuses %s with 422 naming the rule, and keeps the old list', async (_, rules, field) => {
    const token = await h.login('admin');
    await read(
      h.as(token).api.admin['org-units'].$post({
        json: {
          id: 'hn-gone-kt',
          name: 'Phòng cũ',
          kind: 'department',
          parentId: 'hung-nguyen-ubnd',
          validFrom: '2025-07-01',
        },
      }),
    );
    await read(
      h.as(token).api.admin['org-units'][':id'].close.$post({
        param: { id: 'hn-gone-kt' },
        json: { validTo: '2026-11-01', successorId: 'hung-nguyen-kt' },
      }),
    );
    const res = await read(h.as(token).api.admin['routing-rules'].$put({ json: { rules } }));
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toEqual([field]);
    const list = await read(h.as(token).api.admin['routing-rules'].$get({ query: {} }));
    expect(list.body.items).toHaveLength(4);
  });

  it('refuses a body of another province', async () => {
    const token = await h.login('admin');
    await read(
      h.as(token).api.admin['org-units'].$post({
        json: {
          id: 'ht-tu',
          name: 'Tỉnh ủy Hà Tĩnh',
          kind: 'province',
          parentId: null,
          validFrom: '2025-07-01',
        },
      }),
    );
    const res = await read(
      h
        .as(token)
        .api.admin['routing-rules'].$put({ json: { rules: [rule({ targetBodyId: 'ht-tu' })] } }),
    );
    expect(Object.keys(res.error?.fields ?? {})).toEqual(['rules.0.targetBodyId']);
  });

  it.each([
    [
      'urgent health',
      { category: 'y_te', urgency: 'urgent' },
      { bodyId: 'na-syt', bodyName: 'Sở Y tế', ruleId: 'na-r2', profile: 'urgent', answerDays: 10 },
      '2026-11-19',
    ],
    [
      'security',
      { category: 'an_ninh_trat_tu' },
      { bodyId: 'na-bnc', ruleId: 'na-r1', profile: 'normal', answerDays: 20 },
      '2026-12-03',
    ],
    [
      'land (no rule: the commune triages)',
      { category: 'dat_dai' },
      { bodyId: 'hung-nguyen', ruleId: null, rule: null, profile: 'normal' },
      '2026-12-03',
    ],
  ])(
    'tests where %s would go, with the rule, profile and due dates',
    async (_, sample, expected, due) => {
      const res = await read(
        h.as(await h.login('admin')).api.admin['routing-rules'].test.$post({
          json: { cellId: 'hn-xom-1', ...(sample as Omit<RoutingTestInput, 'cellId'>) },
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        ...expected,
        routedAt: '2026-11-05T09:00:00.000+07:00',
        ackDueAt: '2026-11-10T23:59:59.999+07:00',
      });
      expect(res.body.dueAt.slice(0, 10)).toBe(due);
    },
  );

  it('tests a draft list before it is saved, and stores nothing', async () => {
    const token = await h.login('admin');
    const res = await read(
      h.as(token).api.admin['routing-rules'].test.$post({
        json: {
          cellId: 'tv-khoi-5',
          category: 'dat_dai',
          rules: [rule({ areaId: 'truong-vinh' })],
        },
      }),
    );
    expect(res.body).toMatchObject({
      bodyId: 'na-snnmt',
      ruleId: 'na-dd',
      profile: 'complex',
      answerDays: 30,
      rule: { id: 'na-dd' },
    });
    expect(
      (await read(h.as(token).api.admin['routing-rules'].$get({ query: {} }))).body.items,
    ).toHaveLength(4);
    const bad = await read(
      h.as(token).api.admin['routing-rules'].test.$post({
        json: {
          cellId: 'tv-khoi-5',
          category: 'dat_dai',
          rules: [rule({ targetBodyId: 'nowhere' })],
        },
      }),
    );
    expect(Object.keys(bad.error?.fields ?? {})).toEqual(['rules.0.targetBodyId']);
    const noCell = await read(
      h.as(token).api.admin['routing-rules'].test.$post({
        json: { cellId: 'hung-nguyen', category: 'dat_dai' },
      }),
    );
    expect(noCell.status).toBe(422);
    expect(noCell.error?.fields).toHaveProperty('cellId');
  });
});

const newSet = (over: Partial<CriteriaSet> = {}): CriteriaSet => ({
  ...structuredClone(HD42_2025),
  id: 'na-2027-truong-hoc',
  name: 'Bộ tiêu chí chi bộ trường học 2027',
  validFrom: '2027-01-01',
  cellTypes: ['school'],
  ...over,
});

describe('criteria sets', () => {
  it('imports a set with an effective date and cell types; it is then chosen for those cells only', async () => {
    const token = await h.login('admin');
    const res = await read(h.as(token).api.admin['criteria-sets'].$post({ json: newSet() }));
    expect(res.status).toBe(201);
    const school = await read(
      h
        .as(token)
        .api['criteria-sets'].current.$get({ query: { cellId: 'hn-th', date: '2027-01-05' } }),
    );
    expect(school.body.id).toBe('na-2027-truong-hoc');
    const village = await read(
      h
        .as(token)
        .api['criteria-sets'].current.$get({ query: { cellId: 'hn-xom-1', date: '2027-01-05' } }),
    );
    expect(village.body.id).toBe('hd42-2025');
    const list = await read(h.as(token).api.admin['criteria-sets'].$get());
    expect(list.body.items.find((s) => s.id === 'na-2027-truong-hoc')).toMatchObject({
      cellTypes: ['school'],
      provinceId: 'na-tu',
      inUse: false,
      reportCount: 0,
    });
    expect(
      (await read(h.as(token).api.admin.audit.$get({ query: {} }))).body.items[0],
    ).toMatchObject({ action: 'criteria_set.create', entityId: 'na-2027-truong-hoc' });
    expect(
      (await read(h.as(token).api.admin['criteria-sets'].$post({ json: newSet() }))).status,
    ).toBe(409);
  });

  it.each([
    [
      'groups that do not sum to 100',
      () => newSet({ groups: HD42_2025.groups.slice(1) }),
      'groups',
    ],
    [
      'an item total different from its group',
      () => {
        const s = newSet();
        s.groups[0]!.items[0]!.maxPoints += 1;
        return s;
      },
      'groups.0.items',
    ],
    [
      'bands out of order',
      () =>
        newSet({
          bands: [
            { code: 'tot', min: 90 },
            { code: 'kha', min: 95 },
            { code: 'kem', min: 0 },
          ],
        }),
      'bands.1.min',
    ],
    [
      'a duplicate item id',
      () => {
        const s = newSet();
        s.groups[0]!.items[0]!.id = s.groups[1]!.items[0]!.id;
        return s;
      },
      'groups.1.items.0.id',
    ],
  ])('refuses %s with 422 and the path', async (_, make, path) => {
    const token = await h.login('admin');
    const res = await read(h.as(token).api.admin['criteria-sets'].$post({ json: make() }));
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toContain(path);
    const list = await read(h.as(token).api.admin['criteria-sets'].$get());
    expect(list.body.items.map((s) => s.id)).not.toContain(make().id);
  });

  it('refuses a second set of the province from the same day for the same cells (a national one is no clash: the province’s wins)', async () => {
    const token = await h.login('admin');
    const first = newSet({ id: 'first', validFrom: '2025-10-28', cellTypes: undefined });
    expect((await read(h.as(token).api.admin['criteria-sets'].$post({ json: first }))).status).toBe(
      201,
    );
    const res = await read(
      h.as(token).api.admin['criteria-sets'].$post({ json: { ...first, id: 'other' } }),
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toContain('validFrom');
    const list = await read(h.as(token).api.admin['criteria-sets'].$get());
    expect(list.body.items.map((s) => s.id)).not.toContain('other');
  });

  it('changes a set while no report uses it; the whole set is checked again', async () => {
    const token = await h.login('admin');
    await read(h.as(token).api.admin['criteria-sets'].$post({ json: newSet() }));
    const res = await read(
      h.as(token).api.admin['criteria-sets'][':id'].$patch({
        param: { id: 'na-2027-truong-hoc' },
        json: { name: 'Tên mới', cellTypes: null, validFrom: '2027-02-01' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Tên mới', validFrom: '2027-02-01' });
    expect(res.body).not.toHaveProperty('cellTypes');
    const bad = await read(
      h.as(token).api.admin['criteria-sets'][':id'].$patch({
        param: { id: 'na-2027-truong-hoc' },
        json: { groups: HD42_2025.groups.slice(1) },
      }),
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.error?.fields ?? {})).toContain('groups');
    expect(
      (
        await read(
          h.as(token).api.admin['criteria-sets'][':id'].$patch({
            param: { id: 'nope' },
            json: { name: 'x' },
          }),
        )
      ).status,
    ).toBe(404);
  });

  it('a set a report was scored with is read-only (409 CRITERIA_SET_IN_USE), and the report keeps it', async () => {
    const report = buildReport();
    await read(h.as(await h.login('observer')).api.reports.$post({ json: report }));
    const token = await h.login('admin');
    const res = await read(
      h.as(token).api.admin['criteria-sets'][':id'].$patch({
        param: { id: 'hd42-2025' },
        json: { name: 'Đổi tên' },
      }),
    );
    expect(res.status).toBe(409);
    expect(res.error?.code).toBe('CRITERIA_SET_IN_USE');
    const list = await read(h.as(token).api.admin['criteria-sets'].$get());
    expect(list.body.items.find((s) => s.id === 'hd42-2025')).toMatchObject({
      inUse: true,
      reportCount: 1,
    });
    expect(
      (await read(h.as(token).api.reports[':id'].$get({ param: { id: report.id } }))).body
        .criteriaSetId,
    ).toBe('hd42-2025');
  });
});
