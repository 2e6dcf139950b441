import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OrgUnitKind } from '@duhop/shared';
import { hashPassword } from '../../api/src/lib/crypto.ts';
import { assignments, orgUnits, routingRules, users } from '../../api/src/db/schema.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { truncateActivity } from '../support/db.ts';
import { buildReport } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

/**
 * A province still organised in three tiers (as all were before July 2025): province → district
 * (huyện ủy) → commune → cell. Nothing in the code assumes the number of levels.
 */
async function seedThreeTier() {
  const db = h.database.db;
  const unit = (
    id: string,
    name: string,
    kind: OrgUnitKind,
    parentId: string | null,
    extra: Record<string, unknown> = {},
  ) => ({
    id,
    name,
    kind,
    parentId,
    provinceId: parentId ? 'ht-tu' : null,
    validFrom: '2020-01-01',
    ...extra,
  });
  await db.insert(orgUnits).values([
    unit('ht-tu', 'Tỉnh ủy Hà Tĩnh (ba cấp)', 'province', null),
    unit('ht-bnc', 'Ban Nội chính Tỉnh ủy Hà Tĩnh', 'province_board', 'ht-tu'),
    unit('ht-huyen', 'Huyện ủy Can Lộc', 'district', 'ht-tu'),
    unit('ht-huyen-tnmt', 'Phòng Tài nguyên và Môi trường huyện Can Lộc', 'department', 'ht-huyen'),
    unit('ht-xa', 'Đảng ủy xã Thiên Lộc', 'commune', 'ht-huyen'),
    unit('ht-cb', 'Chi bộ thôn Phú Thượng', 'cell', 'ht-xa', {
      cellType: 'village',
      meetingDay: 3,
    }),
    // A cell directly under a district party committee (an agency cell) has the district as its triage body.
    unit('ht-cb-cq', 'Chi bộ Văn phòng Huyện ủy', 'cell', 'ht-huyen', {
      cellType: 'agency',
      meetingDay: 5,
    }),
  ]);
  const passwordHash = await hashPassword('demo1234');
  const [user] = await db
    .insert(users)
    .values({
      username: 'ht-observer',
      displayName: 'Trần Văn Hà',
      role: 'observer',
      orgUnitId: 'ht-huyen',
      passwordHash,
    })
    .returning();
  await db.insert(users).values([
    {
      username: 'ht-district',
      displayName: 'Nguyễn Thị Lộc',
      role: 'staff',
      orgUnitId: 'ht-huyen',
      passwordHash,
    },
    {
      username: 'ht-commune',
      displayName: 'Phan Văn Thiên',
      role: 'staff',
      orgUnitId: 'ht-xa',
      passwordHash,
    },
  ]);
  await db.insert(assignments).values([
    { userId: user!.id, cellId: 'ht-cb', validFrom: '2024-01-01' },
    { userId: user!.id, cellId: 'ht-cb-cq', validFrom: '2024-01-01' },
  ]);
  await db.insert(routingRules).values([
    {
      id: 'ht-r1',
      provinceId: 'ht-tu',
      position: 1,
      category: 'moi_truong',
      targetBodyId: 'ht-huyen-tnmt',
      deadlineProfile: 'complex',
    },
    {
      id: 'ht-r2',
      provinceId: 'ht-tu',
      position: 2,
      category: 'an_ninh_trat_tu',
      areaId: 'ht-huyen',
      targetBodyId: 'ht-bnc',
      deadlineProfile: 'normal',
    },
    // Target "the triage committee": in a three-tier province, the district's.
    {
      id: 'ht-r3',
      provinceId: 'ht-tu',
      position: 3,
      category: 'xay_dung_dang',
      target: 'triage',
      deadlineProfile: 'normal',
    },
  ]);
}

describe('routing in a three-tier province', () => {
  it('routes by rule to district and provincial bodies, and unmatched issues to the district committee of the commune', async () => {
    await seedThreeTier();
    try {
      const token = await h.login('ht-observer');
      const issue = (category: string) => ({
        id: randomUUID(),
        title: `Kiến nghị ${category}`,
        category: category as never,
      });
      const res = await read(
        h.as(token).api.reports.$post({
          json: buildReport({
            cellId: 'ht-cb',
            issues: [
              issue('moi_truong'),
              issue('an_ninh_trat_tu'),
              issue('dat_dai'),
              issue('xay_dung_dang'),
            ],
          }),
        }),
      );
      expect(res.status).toBe(201);
      // Unmatched (dat_dai) and rule target triage (xay_dung_dang): the huyện ủy above the commune,
      // which synthesises and settles what its communes' cells raise; not the commune.
      expect(res.body.issues.map((i) => i.responsibleBodyId)).toEqual([
        'ht-huyen-tnmt',
        'ht-bnc',
        'ht-huyen',
        'ht-huyen',
      ]);
      // It sits in the district's inbox (its staff triage it), not the commune's.
      const district = await read(h.as(await h.login('ht-district')).api.inbox.$get({ query: {} }));
      expect(district.body.items.map((i) => i.id).sort()).toEqual(
        [res.body.issues[2]!.id, res.body.issues[3]!.id].sort(),
      );
      const commune = await read(h.as(await h.login('ht-commune')).api.inbox.$get({ query: {} }));
      expect(commune.body.items).toEqual([]);

      // An issue answered at the meeting and reopened is routed the same way: to the district.
      const answered = await read(
        h.as(token).api.reports.$post({
          json: buildReport({
            cellId: 'ht-cb',
            meetingDate: '2026-11-04',
            startedAt: '2026-11-04T19:30:00+07:00',
            endedAt: '2026-11-04T21:15:00+07:00',
            issues: [
              {
                ...issue('dat_dai'),
                answeredAtMeeting: { by: 'Bí thư chi bộ', answer: 'Đã giải đáp' },
              },
            ],
          }),
        }),
      );
      expect(answered.body.issues[0]!.status).toBe('answered_at_meeting');
      const reopened = await read(
        h.as(token).api.issues[':id'].actions.$post({
          param: { id: answered.body.issues[0]!.id },
          json: { type: 'reopen', note: 'Chưa thỏa đáng', expectedVersion: 1 },
        }),
      );
      expect(reopened.body).toMatchObject({ status: 'routed', responsibleBodyId: 'ht-huyen' });
      // The complex profile gives 30 working days.
      expect(res.body.issues[0]!.dueAt.slice(0, 10)).toBe('2026-12-17');

      const agency = await read(
        h.as(token).api.reports.$post({
          json: buildReport({ cellId: 'ht-cb-cq', issues: [issue('dat_dai')] }),
        }),
      );
      expect(agency.body.issues[0]!.responsibleBodyId).toBe('ht-huyen');
    } finally {
      await truncateActivity(h.database);
      await h.database.exec(
        `delete from assignments where cell_id like 'ht-%'; delete from routing_rules where province_id = 'ht-tu';
         delete from users where username in ('ht-observer', 'ht-district', 'ht-commune'); delete from org_units where id like 'ht-%'`,
      );
    }
  });

  it('two-tier control: in the demo province (no districts) unmatched issues still go to the commune', async () => {
    const token = await h.login('observer');
    const res = await read(
      h.as(token).api.reports.$post({
        json: buildReport({
          issues: [
            { id: randomUUID(), title: 'Tranh chấp đất', category: 'dat_dai' },
            { id: randomUUID(), title: 'Chính sách người có công', category: 'chinh_sach_xa_hoi' },
          ],
        }),
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.issues.map((i) => i.responsibleBodyId)).toEqual(['hung-nguyen', 'hung-nguyen']);
  });
});
