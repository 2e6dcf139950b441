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
  const [user] = await db
    .insert(users)
    .values({
      username: 'ht-observer',
      displayName: 'Trần Văn Hà',
      role: 'observer',
      orgUnitId: 'ht-huyen',
      passwordHash: await hashPassword('demo1234'),
    })
    .returning();
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
  ]);
}

describe('routing in a three-tier province', () => {
  it('routes by rule to district and provincial bodies, and unmatched issues to the nearest committee', async () => {
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
            issues: [issue('moi_truong'), issue('an_ninh_trat_tu'), issue('dat_dai')],
          }),
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.issues.map((i) => i.responsibleBodyId)).toEqual([
        'ht-huyen-tnmt',
        'ht-bnc',
        'ht-xa',
      ]);
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
         delete from users where username = 'ht-observer'; delete from org_units where id like 'ht-%'`,
      );
    }
  });
});
