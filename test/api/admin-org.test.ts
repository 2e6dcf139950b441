import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminOrgUnit } from '@duhop/shared';
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

async function units(): Promise<Map<string, AdminOrgUnit>> {
  const res = await read(h.as(await h.login('admin')).api.admin['org-units'].$get({ query: {} }));
  return new Map(res.body.items.map((u) => [u.id, u]));
}
const admin = () => h.login('admin');

describe('adding, renaming and moving units', () => {
  it('adds a cell under a commune, which then appears in the graph', async () => {
    const token = await admin();
    const res = await read(
      h.as(token).api.admin['org-units'].$post({
        json: {
          id: 'hn-xom-3',
          name: 'Chi bộ xóm 3',
          kind: 'cell',
          parentId: 'hung-nguyen',
          validFrom: '2026-11-01',
          cellType: 'village',
        },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: 'hn-xom-3',
      provinceId: 'na-tu',
      meetingDay: 3,
      validTo: null,
    });
    const list = await read(h.as(await h.login('commune')).api['org-units'].$get());
    expect(list.body.items.map((u) => u.id)).toContain('hn-xom-3');
    expect(
      (
        await read(
          h.as(token).api.admin['org-units'].$post({
            json: {
              id: 'hn-xom-3',
              name: 'X',
              kind: 'cell',
              parentId: 'hung-nguyen',
              validFrom: '2026-11-01',
            },
          }),
        )
      ).status,
    ).toBe(409);
  });

  it('starts a new province from a unit without parent', async () => {
    const token = await admin();
    const res = await read(
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
    expect(res.status).toBe(201);
    expect(res.body.provinceId).toBeNull();
    await read(
      h.as(token).api.admin['org-units'].$post({
        json: {
          id: 'ht-bnc',
          name: 'Ban Nội chính Tỉnh ủy Hà Tĩnh',
          kind: 'province_board',
          parentId: 'ht-tu',
          validFrom: '2025-07-01',
        },
      }),
    );
    const list = await read(
      h.as(token).api.admin['org-units'].$get({ query: { provinceId: 'ht-tu' } }),
    );
    expect(list.body.items.map((u) => u.id).sort()).toEqual(['ht-bnc', 'ht-tu']);
    expect(
      (await read(h.as(token).api.admin['org-units'].$get({ query: { provinceId: 'ht-bnc' } })))
        .status,
    ).toBe(422);
  });

  it.each([
    ['an unknown parent', { parentId: 'nowhere' }, 'parentId'],
    ['a cell as parent', { parentId: 'hn-xom-1' }, 'parentId'],
    ['a unit valid before its parent', { validFrom: '2025-01-01' }, 'validFrom'],
    ['a non-province without parent', { parentId: null }, 'parentId'],
    ['a meeting day on a board', { kind: 'commune_board', meetingDay: 5 }, 'cellType'],
  ])('refuses %s with 422 naming the field', async (_, change, field) => {
    const token = await admin();
    const res = await read(
      h.as(token).api.admin['org-units'].$post({
        json: malformed({
          id: 'hn-new',
          name: 'Mới',
          kind: 'cell',
          parentId: 'hung-nguyen',
          validFrom: '2026-11-01',
          ...change,
        }),
      }),
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toEqual([field]);
    expect((await units()).has('hn-new')).toBe(false);
  });

  it('renames in place and keeps the old name in the audit log', async () => {
    const token = await admin();
    const res = await read(
      h.as(token).api.admin['org-units'][':id'].$patch({
        param: { id: 'hn-xom-1' },
        json: { name: 'Chi bộ xóm Một' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Chi bộ xóm Một');
    const audit = await read(h.as(token).api.admin.audit.$get({ query: {} }));
    expect(audit.body.items[0]).toMatchObject({
      action: 'org_unit.rename',
      entityId: 'hn-xom-1',
      data: { before: { name: 'Chi bộ xóm 1' }, after: { name: 'Chi bộ xóm Một' } },
    });
  });

  it('moves a cell to another commune: its new issues go to that committee', async () => {
    const token = await admin();
    expect(
      (
        await read(
          h.as(token).api.admin['org-units'][':id'].$patch({
            param: { id: 'hn-th' },
            json: { parentId: 'truong-vinh' },
          }),
        )
      ).status,
    ).toBe(200);
    const report = buildReport({
      cellId: 'hn-th',
      issues: [
        {
          id: randomUUID(),
          title: 'Sân trường ngập',
          detail: '',
          category: 'giao_duc',
          urgency: 'normal',
        },
      ],
    });
    const res = await read(h.as(await h.login('observer')).api.reports.$post({ json: report }));
    expect(res.body.issues[0]!.responsibleBodyId).toBe('truong-vinh');
  });

  it.each([
    ['under itself', 'hung-nguyen', 'hung-nguyen'],
    ['under its own descendant', 'hung-nguyen', 'hung-nguyen-kt'],
    ['the province', 'na-tu', 'hung-nguyen'],
    ['under a cell', 'hung-nguyen-vp', 'hn-xom-1'],
    ['under an unknown unit', 'hn-th', 'nowhere'],
  ])('refuses a move %s with 422 and changes nothing', async (_, id, parentId) => {
    const token = await admin();
    const before = (await units()).get(id)!.parentId;
    const res = await read(
      h.as(token).api.admin['org-units'][':id'].$patch({ param: { id }, json: { parentId } }),
    );
    expect(res.status).toBe(422);
    expect(res.error?.fields).toHaveProperty('parentId');
    expect((await units()).get(id)!.parentId).toBe(before);
  });

  it('404 for an unknown unit', async () => {
    expect(
      (
        await read(
          h.as(await admin()).api.admin['org-units'][':id'].$patch({
            param: { id: 'nowhere' },
            json: { name: 'X' },
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await read(
          h.as(await admin()).api.admin['org-units'][':id'].close.$post({
            param: { id: 'nowhere' },
            json: { validTo: '2026-11-04', successorId: 'hn-xom-1' },
          }),
        )
      ).status,
    ).toBe(404);
  });
});

describe('closing a unit', () => {
  it('hands a closed cell’s assignments to its successor from the next day', async () => {
    const token = await admin();
    const res = await read(
      h.as(token).api.admin['org-units'][':id'].close.$post({
        param: { id: 'hn-th' },
        json: { validTo: '2026-11-04', successorId: 'hn-yen-ho' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      assignmentsMoved: 1,
      issuesMoved: 0,
      successor: { id: 'hn-yen-ho' },
    });
    expect(res.body.closed[0]).toMatchObject({
      id: 'hn-th',
      validTo: '2026-11-04',
      successorId: 'hn-yen-ho',
      name: 'Chi bộ Trường Tiểu học Hưng Nguyên',
    });
    const me = await read(h.as(await h.login('observer')).api.me.$get());
    expect(me.body.assignments.map((a) => a.cellId).sort()).toEqual([
      'hn-xom-1',
      'hn-xom-2',
      'hn-yen-ho',
    ]);
    // A meeting held before the closure can still be reported on the old cell.
    const late = buildReport({ cellId: 'hn-th', meetingDate: '2026-11-03' });
    expect(
      (await read(h.as(await h.login('observer')).api.reports.$post({ json: late }))).status,
    ).toBe(201);
  });

  it('refuses to close the same unit twice (409)', async () => {
    const token = await admin();
    await read(
      h.as(token).api.admin['org-units'][':id'].close.$post({
        param: { id: 'hn-th' },
        json: { validTo: '2026-11-04', successorId: 'hn-yen-ho' },
      }),
    );
    const again = await read(
      h.as(token).api.admin['org-units'][':id'].close.$post({
        param: { id: 'hn-th' },
        json: { validTo: '2026-11-04', successorId: 'hn-xom-1' },
      }),
    );
    expect(again.status).toBe(409);
  });

  it.each([
    ['an unknown successor', 'hn-xom-2', { successorId: 'nowhere' }, 'successorId'],
    ['a successor that is itself closed', 'hn-xom-2', { successorId: 'hn-th' }, 'successorId'],
    [
      'a successor inside the closed unit',
      'hung-nguyen-ubnd',
      { successorId: 'hung-nguyen-kt' },
      'successorId',
    ],
    ['a cell succeeding a committee', 'dien-chau', { successorId: 'hn-xom-1' }, 'successorId'],
    ['a successor of another province', 'hn-xom-2', { successorId: 'ht-cb' }, 'successorId'],
    ['a successor valid only later (a gap)', 'hn-xom-2', { successorId: 'hn-late' }, 'successorId'],
    ['a last day in the future', 'hn-xom-2', { validTo: '2026-12-31' }, 'validTo'],
    ['a last day before the unit began', 'hn-xom-2', { validTo: '2020-01-01' }, 'validTo'],
    ['the province itself', 'na-tu', { successorId: 'hung-nguyen' }, 'id'],
  ])('refuses %s with 422 and changes nothing', async (_, id, change, field) => {
    const token = await admin();
    await read(
      h.as(token).api.admin['org-units'][':id'].close.$post({
        param: { id: 'hn-th' },
        json: { validTo: '2026-11-04', successorId: 'hn-yen-ho' },
      }),
    );
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
    await read(
      h.as(token).api.admin['org-units'].$post({
        json: {
          id: 'ht-xa',
          name: 'Đảng ủy xã Thiên Lộc',
          kind: 'commune',
          parentId: 'ht-tu',
          validFrom: '2025-07-01',
        },
      }),
    );
    await read(
      h.as(token).api.admin['org-units'].$post({
        json: {
          id: 'ht-cb',
          name: 'Chi bộ thôn Phú Thượng',
          kind: 'cell',
          parentId: 'ht-xa',
          validFrom: '2025-07-01',
        },
      }),
    );
    await read(
      h.as(token).api.admin['org-units'].$post({
        json: {
          id: 'hn-late',
          name: 'Chi bộ mới',
          kind: 'cell',
          parentId: 'hung-nguyen',
          validFrom: '2026-11-20',
        },
      }),
    );
    const before = await units();
    const res = await read(
      h.as(token).api.admin['org-units'][':id'].close.$post({
        param: { id },
        json: { validTo: '2026-11-04', successorId: 'hn-xom-1', ...change },
      }),
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toContain(field);
    expect(await units()).toEqual(before);
  });
});

describe('merging two communes with open issues and active assignments', () => {
  async function submitInHungNguyen() {
    const report = buildReport({ cellId: 'hn-xom-1' });
    const res = await read(h.as(await h.login('observer')).api.reports.$post({ json: report }));
    expect(res.body.issues.map((i) => i.responsibleBodyId)).toEqual(['hung-nguyen', 'hung-nguyen']);
    return res.body.issues.map((i) => i.id);
  }

  it('the new commune takes the open issues, staff, cells and observers; history keeps the old names', async () => {
    const [openId, closedId] = (await submitInHungNguyen()) as [string, string];
    // One issue is settled already: it stays with the old committee as history.
    const resolved = await read(
      h.as(await h.login('commune')).api.issues[':id'].actions.$post({
        param: { id: closedId },
        json: { type: 'resolve', note: 'Đã hòa giải xong', expectedVersion: 1 },
      }),
    );
    expect(resolved.status).toBe(200);

    const token = await admin();
    const res = await read(
      h.as(token).api.admin['org-units'].merge.$post({
        json: {
          sourceIds: ['hung-nguyen', 'dien-chau'],
          newUnit: { id: 'hung-chau', name: 'Đảng ủy xã Hưng Châu' },
          effectiveDate: '2026-11-05',
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      issuesMoved: 1,
      // commune, observer, observer2 of Hưng Nguyên; truongban of Diễn Châu.
      usersMoved: 4,
      childrenMoved: 13,
      assignmentsMoved: 0,
    });
    expect(res.body.successor).toMatchObject({
      id: 'hung-chau',
      kind: 'commune',
      parentId: 'na-tu',
      validFrom: '2026-11-05',
      provinceId: 'na-tu',
    });
    expect(res.body.closed.map((u) => [u.id, u.name, u.validTo, u.successorId])).toEqual([
      ['hung-nguyen', 'Đảng ủy xã Hưng Nguyên', '2026-11-04', 'hung-chau'],
      ['dien-chau', 'Đảng ủy xã Diễn Châu', '2026-11-04', 'hung-chau'],
    ]);

    // The commune's staff now sit with the new committee and find the old issues in its inbox.
    const staff = await h.login('commune');
    const me = await read(h.as(staff).api.me.$get());
    expect(me.body.user.orgUnitId).toBe('hung-chau');
    const inbox = await read(h.as(staff).api.inbox.$get({ query: {} }));
    expect(inbox.body.items.map((i) => i.id)).toEqual([openId]);
    expect(inbox.body.items[0]).toMatchObject({
      responsibleBodyId: 'hung-chau',
      status: 'routed',
      version: 2,
    });
    const settled = await read(h.as(token).api.issues[':id'].$get({ param: { id: closedId } }));
    expect(settled.body).toMatchObject({
      responsibleBodyId: 'hung-nguyen',
      status: 'resolved',
      responsibleBodyName: 'Đảng ủy xã Hưng Nguyên',
    });

    const issue = await read(h.as(staff).api.issues[':id'].$get({ param: { id: openId } }));
    expect(issue.status).toBe(200);
    expect(issue.body.events.map((e) => e.type)).toEqual(['routed', 'merged']);
    expect(issue.body.events[1]).toMatchObject({
      fromBodyId: 'hung-nguyen',
      toBodyId: 'hung-chau',
      actorName: 'Phạm Thị Dung',
    });
    // The observer who raised it still reads it.
    expect(
      (
        await read(
          h.as(await h.login('observer')).api.issues[':id'].$get({ param: { id: openId } }),
        )
      ).status,
    ).toBe(200);

    // Cells moved under the new committee; the observer's assignments are untouched and new issues go there.
    const graph = await units();
    expect(graph.get('hn-xom-1')!.parentId).toBe('hung-chau');
    expect(graph.get('dc-bac-son')!.parentId).toBe('hung-chau');
    expect(graph.get('hung-nguyen')).toMatchObject({
      name: 'Đảng ủy xã Hưng Nguyên',
      validTo: '2026-11-04',
      successorId: 'hung-chau',
    });
    const again = await read(
      h
        .as(await h.login('observer'))
        .api.reports.$post({ json: buildReport({ cellId: 'hn-xom-2' }) }),
    );
    expect(again.body.issues[0]!.responsibleBodyId).toBe('hung-chau');

    const audit = await read(h.as(token).api.admin.audit.$get({ query: {} }));
    expect(audit.body.items[0]).toMatchObject({
      action: 'org_unit.merge',
      entityId: 'hung-chau',
      data: { issuesMoved: 1, effectiveDate: '2026-11-05' },
    });
  });

  it('merging into an existing commune: its staff see the old issues, and rules naming the old one follow', async () => {
    const issueIds = await submitInHungNguyen();
    const token = await admin();
    const res = await read(
      h.as(token).api.admin['org-units'].merge.$post({
        json: {
          sourceIds: ['truong-vinh'],
          targetId: 'hung-nguyen',
          effectiveDate: '2026-11-05',
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.rulesUpdated).toBe(1); // na-r3 was scoped to Trường Vinh
    const rules = await read(h.as(token).api.admin['routing-rules'].$get({ query: {} }));
    expect(rules.body.items.find((r) => r.id === 'na-r3')!.areaId).toBe('hung-nguyen');
    const inbox = await read(h.as(await h.login('commune2')).api.inbox.$get({ query: {} }));
    expect(inbox.body.items.map((i) => i.id).sort()).toEqual([...issueIds].sort());
  });

  it('merging two cells: an assignment to both continues once on the merged cell; the old ones end the day before', async () => {
    const token = await admin();
    const res = await read(
      h.as(token).api.admin['org-units'].merge.$post({
        json: {
          sourceIds: ['hn-xom-1', 'hn-xom-2'],
          newUnit: { id: 'hn-xom-1-2', name: 'Chi bộ xóm 1-2' },
          effectiveDate: '2026-11-01',
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      assignmentsMoved: 1,
      successor: { kind: 'cell', parentId: 'hung-nguyen', cellType: 'village', meetingDay: 3 },
    });
    const observer = await h.login('observer');
    const me = await read(h.as(observer).api.me.$get());
    expect(me.body.assignments.map((a) => a.cellId).sort()).toEqual(['hn-th', 'hn-xom-1-2']);
    expect(me.body.assignments.find((a) => a.cellId === 'hn-xom-1-2')).toMatchObject({
      validFrom: '2026-11-01',
      decisionNo: '125-QĐ/ĐU',
    });
    expect(
      (
        await read(
          h.as(observer).api.reports.$post({ json: buildReport({ cellId: 'hn-xom-1-2' }) }),
        )
      ).status,
    ).toBe(201);
    expect(
      (await read(h.as(observer).api.reports.$post({ json: buildReport({ cellId: 'hn-xom-1' }) })))
        .status,
    ).toBe(422);
    const october = buildReport({
      cellId: 'hn-xom-1',
      meetingDate: '2026-10-03',
      startedAt: '2026-10-03T19:30:00+07:00',
      endedAt: '2026-10-03T21:15:00+07:00',
    });
    expect((await read(h.as(observer).api.reports.$post({ json: october }))).status).toBe(201);
  });

  it.each([
    ['a closed source', { sourceIds: ['hn-th', 'hn-xom-1'], targetId: 'hn-xom-2' }, 'sourceIds.0'],
    [
      'sources of different kinds',
      { sourceIds: ['hn-xom-1', 'hung-nguyen-vp'], targetId: 'hn-xom-2' },
      'sourceIds.1',
    ],
    [
      'a target among the sources',
      { sourceIds: ['hn-xom-1', 'hn-xom-2'], targetId: 'hn-xom-2' },
      'targetId',
    ],
    ['an unknown target', { sourceIds: ['hn-xom-1'], targetId: 'nowhere' }, 'targetId'],
    ['a closed target', { sourceIds: ['hn-xom-1'], targetId: 'hn-th' }, 'targetId'],
    [
      'both a target and a new unit',
      { sourceIds: ['hn-xom-1'], targetId: 'hn-xom-2', newUnit: { id: 'n', name: 'N' } },
      'targetId',
    ],
    [
      'a new unit whose id exists',
      { sourceIds: ['hn-xom-1'], newUnit: { id: 'hn-xom-2', name: 'N' } },
      'newUnit.id',
    ],
    [
      'a new unit under a merged unit',
      {
        sourceIds: ['hung-nguyen', 'dien-chau'],
        newUnit: { id: 'n', name: 'N', parentId: 'hung-nguyen' },
      },
      'newUnit.parentId',
    ],
    [
      'an effective date in the future',
      { sourceIds: ['hn-xom-1'], targetId: 'hn-xom-2', effectiveDate: '2026-12-01' },
      'effectiveDate',
    ],
  ])('refuses %s with 422 and changes nothing', async (_, body, field) => {
    const token = await admin();
    await read(
      h.as(token).api.admin['org-units'][':id'].close.$post({
        param: { id: 'hn-th' },
        json: { validTo: '2026-11-04', successorId: 'hn-yen-ho' },
      }),
    );
    const before = await units();
    const res = await read(
      h
        .as(token)
        .api.admin['org-units'].merge.$post({ json: { effectiveDate: '2026-11-05', ...body } }),
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toEqual([field]);
    expect(await units()).toEqual(before);
  });
});
