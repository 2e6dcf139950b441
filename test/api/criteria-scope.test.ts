import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HD42_2025,
  PROVENANCE_LOCAL_LABEL,
  provenanceLabel,
  type CriteriaSet,
} from '@duhop/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import {
  assignments,
  criteriaSetAdoptions,
  criteriaSets,
  orgUnits,
  reports,
  users,
} from '../../api/src/db/schema.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { hashPassword } from '../../api/src/lib/crypto.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { truncateAll } from '../support/db.ts';
import { buildReport, fullScores } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

/**
 * Another province (no district level), with a cell whose member has been assigned since 2019,
 * and the demo observer assigned to a Nghệ An cell since 2019 too: meetings of any year can be
 * submitted, so only the criteria rules decide.
 */
beforeEach(async () => {
  const db = h.database.db;
  await db.insert(orgUnits).values([
    { id: 'ts-tu', name: 'Tỉnh ủy Thử Nghiệm', kind: 'province', validFrom: '2019-01-01' },
    {
      id: 'ts-xa',
      name: 'Đảng ủy xã Thử',
      kind: 'commune',
      parentId: 'ts-tu',
      provinceId: 'ts-tu',
      validFrom: '2019-01-01',
    },
    {
      id: 'ts-cb',
      name: 'Chi bộ thôn Thử',
      kind: 'cell',
      parentId: 'ts-xa',
      provinceId: 'ts-tu',
      validFrom: '2019-01-01',
      cellType: 'village',
      meetingDay: 3,
    },
  ]);
  const [user] = await db
    .insert(users)
    .values({
      username: 'ts-observer',
      displayName: 'Lê Thị Thử',
      role: 'observer',
      orgUnitId: 'ts-xa',
      passwordHash: await hashPassword('demo1234'),
    })
    .returning();
  const [observer] = await db.select().from(users).where(eq(users.username, 'observer'));
  await db.insert(assignments).values([
    { userId: user!.id, cellId: 'ts-cb', validFrom: '2019-01-01' },
    { userId: observer!.id, cellId: 'hn-xom-1', validFrom: '2019-01-01', validTo: '2025-06-30' },
  ]);
});

afterEach(async () => {
  await truncateAll(h.database);
  await seedDemo(h.database.db);
});

/** A report of a meeting on `date` in `cellId`, scored in full with `setId`. */
const reportOn = (cellId: string, date: string, setId: string) =>
  buildReport({
    cellId,
    meetingDate: date,
    startedAt: `${date}T19:30:00+07:00`,
    endedAt: `${date}T21:30:00+07:00`,
    criteriaSetId: setId,
    scores: fullScores(setId),
    issues: [],
  });

async function current(token: string, cellId: string, date: string) {
  return read(h.as(token).api['criteria-sets'].current.$get({ query: { cellId, date } }));
}

describe('criteria sets scoped by province', () => {
  it('a cell of another province in 2024 is not scored with Nghệ An’s set: nothing is in force there', async () => {
    const token = await h.login('ts-observer');
    const none = await current(token, 'ts-cb', '2024-05-03');
    expect(none.status).toBe(404);
    expect(none.error?.code).toBe('NO_CRITERIA_SET_IN_FORCE');
    expect(none.error?.message).toContain('03/05/2024');

    const res = await read(
      h.as(token).api.reports.$post({ json: reportOn('ts-cb', '2024-05-03', 'nghe-an-08-2021') }),
    );
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('VALIDATION_FAILED');
    expect(res.error?.fields?.meetingDate?.[0]).toContain('Chưa có bộ tiêu chí');
    expect(res.error?.fields?.meetingDate?.[0]).toContain('03/05/2024');

    // The same day in Nghệ An: the template it adopted, as its own set, marked as local.
    const na = await current(await h.login('observer'), 'hn-xom-1', '2024-05-03');
    expect(na.status).toBe(200);
    expect(na.body).toMatchObject({
      id: 'nghe-an-08-2021',
      scope: 'province',
      provinceId: 'na-tu',
      adoptedOn: '2021-09-15',
      validFrom: '2021-09-15',
      validTo: '2025-10-27',
      official: false,
    });
    expect(provenanceLabel(na.body as CriteriaSet)).toBe(PROVENANCE_LOCAL_LABEL);
    // The other province's member never sees Nghệ An's set.
    const list = await read(h.as(token).api['criteria-sets'].$get());
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual(['hd42-2025']);
  });

  it('a meeting before any set is in force is 422 on meetingDate, even naming the 2025 set (was 201)', async () => {
    const ts = await h.login('ts-observer');
    const old = await read(
      h.as(ts).api.reports.$post({ json: reportOn('ts-cb', '2019-05-03', 'hd42-2025') }),
    );
    expect(old.status).toBe(422);
    expect(Object.keys(old.error?.fields ?? {})).toEqual(['meetingDate']);

    // In Nghệ An before 08-QĐ/TU was issued (15/09/2021): nothing either.
    const na = await h.login('observer');
    for (const setId of ['hd42-2025', 'nghe-an-08-2021']) {
      const res = await read(
        h.as(na).api.reports.$post({ json: reportOn('hn-xom-1', '2021-05-03', setId) }),
      );
      expect(res.status, setId).toBe(422);
      expect(res.error?.fields?.meetingDate?.[0]).toContain('03/05/2021');
    }
    expect((await current(na, 'hn-xom-1', '2021-09-14')).status).toBe(404);
    expect(await h.database.db.select().from(reports)).toEqual([]);
  });

  it('Nghệ An 08-QĐ/TU is in force from 15/09/2021 to 27/10/2025, then HD 42', async () => {
    const token = await h.login('observer');
    for (const [date, id] of [
      ['2021-09-14', null],
      ['2021-09-15', 'nghe-an-08-2021'],
      ['2025-10-27', 'nghe-an-08-2021'],
      ['2025-10-28', 'hd42-2025'],
    ] as const) {
      const res = await current(token, 'hn-xom-1', date);
      expect(res.status === 200 ? res.body.id : null, date).toBe(id);
    }
    const res = await read(
      h.as(token).api.reports.$post({
        json: reportOn('hn-xom-1', '2021-09-15', 'nghe-an-08-2021'),
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ score: 100, band: 'tot' });
  });

  it('a set not in force for the cell and date is 422 on criteriaSetId, naming the right one', async () => {
    const na = await h.login('observer');
    const late = await read(
      h.as(na).api.reports.$post({ json: reportOn('hn-xom-1', '2026-11-03', 'nghe-an-08-2021') }),
    );
    expect(late.status).toBe(422);
    expect(late.error?.fields?.criteriaSetId?.[0]).toContain('hd42-2025');
    expect(late.error?.fields?.criteriaSetId?.[0]).toContain('03/11/2026');
    // A template nobody adopted there is no set of that province's either.
    const ts = await h.login('ts-observer');
    const other = await read(
      h.as(ts).api.reports.$post({ json: reportOn('ts-cb', '2026-11-03', 'nghe-an-08-2021') }),
    );
    expect(other.status).toBe(422);
    expect(other.error?.fields?.criteriaSetId?.[0]).toContain('hd42-2025');
    const unknown = await read(
      h.as(ts).api.reports.$post({
        json: { ...reportOn('ts-cb', '2026-11-03', 'hd42-2025'), criteriaSetId: 'no-such-set' },
      }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.error?.fields).toHaveProperty('criteriaSetId');
  });

  it('a province’s own set wins over a national one in force the same day, in that province only', async () => {
    const admin = await h.login('admin');
    const own = {
      ...HD42_2025,
      id: 'na-rieng-2025',
      name: 'Bộ tiêu chí riêng của Nghệ An',
      source: 'Thử nghiệm',
      official: false,
      validFrom: '2025-10-01',
      validTo: null,
      // The JSON of a national set, edited: an import is still the province's own.
      scope: 'national' as const,
    };
    // Another province's set from the same day (ended since) is no clash for Nghệ An's import.
    await h.database.exec(
      `insert into criteria_sets (id, name, province_id, scope, valid_from, valid_to, definition) values ('ts-rieng-2025', 'x', 'ts-tu', 'province', '2025-10-01', '2025-10-20', '${JSON.stringify({ ...own, id: 'ts-rieng-2025', validTo: '2025-10-20' })}'::jsonb)`,
    );
    const created = await read(h.as(admin).api.admin['criteria-sets'].$post({ json: own }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: 'province', provinceId: 'na-tu' });

    const na = await h.login('observer');
    // HD 42 started later (28/10/2025) and is in force too: the province's own set still wins.
    expect((await current(na, 'hn-xom-1', '2026-11-03')).body.id).toBe('na-rieng-2025');
    expect((await current(na, 'hn-xom-1', '2025-10-15')).body.id).toBe('na-rieng-2025');
    const national = await read(h.as(na).api.reports.$post({ json: buildReport() }));
    expect(national.status).toBe(422);
    expect(national.error?.fields?.criteriaSetId?.[0]).toContain('na-rieng-2025');

    // Another province keeps the national set.
    const ts = await h.login('ts-observer');
    expect((await current(ts, 'ts-cb', '2026-11-03')).body.id).toBe('hd42-2025');
    expect(
      (
        await read(
          h.as(ts).api.reports.$post({ json: reportOn('ts-cb', '2026-11-03', 'hd42-2025') }),
        )
      ).status,
    ).toBe(201);
    // The same day in the admin's own province for the same cells is ambiguous: refused.
    const sameDay = { ...own, id: 'na-rieng-2025b', name: 'Bộ tiêu chí thứ hai' };
    const res = await h.raw('POST', '/api/admin/criteria-sets', { token: admin, body: sameDay });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty('validFrom');
  });

  it('an admin adopts a template for a province from a date; the submission sees it at once', async () => {
    const admin = await h.login('admin');
    const adopt = (id: string, body: { provinceId?: string; adoptedOn: string }) =>
      read(
        h.as(admin).api.admin['criteria-sets'][':id'].adopt.$post({ param: { id }, json: body }),
      );

    expect(
      (await adopt('hd42-2025', { provinceId: 'ts-tu', adoptedOn: '2022-01-01' })).error?.fields,
    ).toHaveProperty('id');
    const tooLate = await adopt('nghe-an-08-2021', {
      provinceId: 'ts-tu',
      adoptedOn: '2025-11-01',
    });
    expect(tooLate.status).toBe(422);
    expect(tooLate.error?.fields).toHaveProperty('adoptedOn');
    expect(
      (await adopt('no-such-set', { provinceId: 'ts-tu', adoptedOn: '2022-01-01' })).status,
    ).toBe(404);
    expect(
      (await adopt('nghe-an-08-2021', { provinceId: 'ts-xa', adoptedOn: '2022-01-01' })).status,
    ).toBe(422);

    const ts = await h.login('ts-observer');
    // Before the adoption the report is refused (nothing in force in 2022 there)…
    const before = await read(
      h.as(ts).api.reports.$post({ json: reportOn('ts-cb', '2022-03-03', 'nghe-an-08-2021') }),
    );
    expect(before.status).toBe(422);

    const res = await adopt('nghe-an-08-2021', { provinceId: 'ts-tu', adoptedOn: '2022-01-01' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: 'nghe-an-08-2021',
      scope: 'province',
      provinceId: 'ts-tu',
      validFrom: '2022-01-01',
      adoptedOn: '2022-01-01',
      official: false,
    });
    expect(
      (await adopt('nghe-an-08-2021', { provinceId: 'ts-tu', adoptedOn: '2022-02-01' })).status,
    ).toBe(409);

    expect((await current(ts, 'ts-cb', '2021-12-03')).status).toBe(404);
    expect((await current(ts, 'ts-cb', '2022-03-03')).body.id).toBe('nghe-an-08-2021');
    // …and accepted once adopted (the reference cache follows the adoption).
    const after = await read(
      h.as(ts).api.reports.$post({ json: reportOn('ts-cb', '2022-03-03', 'nghe-an-08-2021') }),
    );
    expect(after.status).toBe(201);

    const list = await read(h.as(admin).api.admin['criteria-sets'].$get());
    const template = list.body.items.find((s) => s.id === 'nghe-an-08-2021');
    expect(template?.adoptions).toEqual([
      { provinceId: 'na-tu', provinceName: 'Tỉnh ủy Nghệ An', adoptedOn: '2021-09-15' },
      { provinceId: 'ts-tu', provinceName: 'Tỉnh ủy Thử Nghiệm', adoptedOn: '2022-01-01' },
    ]);
  });
});

describe('the local-configuration mark', () => {
  it('is in the admin list and the sets the member loads', async () => {
    const admin = await h.login('admin');
    const list = await read(h.as(admin).api.admin['criteria-sets'].$get());
    expect(list.status).toBe(200);
    const byId = new Map(list.body.items.map((s) => [s.id, s]));
    expect(byId.get('nghe-an-08-2021')).toMatchObject({
      scope: 'template',
      provinceId: null,
      official: false,
      provenance: 'Cấu hình địa phương / tạm tính',
      validFrom: '2021-09-15',
      validTo: '2025-10-27',
    });
    expect(byId.get('nghe-an-08-2021')?.source).toContain('15/09/2021');
    expect(byId.get('hd42-2025')).toMatchObject({
      scope: 'national',
      official: true,
      provenance: null,
    });

    const observer = await h.login('observer');
    const sets = await read(h.as(observer).api['criteria-sets'].$get());
    const na = sets.body.items.find((s: CriteriaSet) => s.id === 'nghe-an-08-2021');
    expect(na).toMatchObject({ official: false, scope: 'province', provinceId: 'na-tu' });
    const hd = await read(
      h.as(observer).api['criteria-sets'][':id'].$get({ param: { id: 'hd42-2025' } }),
    );
    expect(hd.body).toMatchObject({ scope: 'national', official: true });
  });

  it('province settings: every version with its source and the local mark (admin only)', async () => {
    const res = await read(
      h.as(await h.login('admin')).api.admin['province-settings'].$get({ query: {} }),
    );
    expect(res.status).toBe(200);
    expect(res.body.provinceName).toBe('Tỉnh ủy Nghệ An');
    expect(res.body.versions.map((v) => [v.validFrom, v.local, v.provenance])).toEqual([
      ['2025-07-01', true, 'Cấu hình địa phương'],
      ['2025-12-10', true, 'Cấu hình địa phương'],
    ]);
    const qd98 = res.body.versions[1]!;
    expect(qd98.source).toContain(
      'Quyết định số 98/2025/QĐ-UBND ngày 25/11/2025 của UBND tỉnh Nghệ An',
    );
    expect(qd98.source).not.toContain('Tỉnh ủy');
    expect(qd98.notes['reporting.lateMeetingGraceDays']).toContain('Cấu hình địa phương');
    expect(qd98.reporting).toEqual({ dueBeforeDay: 10, lateMeetingGraceDays: 5 });
    expect(qd98.deadlines).toMatchObject({ acknowledge: 3, answer: 20 });
    expect(
      (
        await read(
          h.as(await h.login('commune')).api.admin['province-settings'].$get({ query: {} }),
        )
      ).status,
    ).toBe(403);
  });
});

describe('migration 0010 on a database from before it', () => {
  it('makes Nghệ An’s set a template from 15/09/2021 adopted where it was used, and imported sets their province’s', async () => {
    const file = readFileSync(
      join(import.meta.dirname, '../../api/drizzle/0010_criteria_scope.sql'),
      'utf8',
    );
    const custom = file
      .slice(file.indexOf('-- custom: i14-criteria'))
      .split('--> statement-breakpoint')
      .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
      .filter(Boolean);
    const backfill = custom.filter((s) => /^(UPDATE|INSERT)/.test(s));
    const constraint = custom.find((s) => s.startsWith('ALTER TABLE'));
    expect(backfill.length).toBeGreaterThanOrEqual(4);
    // The rows as 0009 left them, with the column 0010 adds at its default.
    await h.database.exec(`alter table criteria_sets drop constraint criteria_sets_scope_province;
      delete from criteria_set_adoptions;
      update criteria_sets set scope = 'national', valid_from = '2021-01-01',
        definition = (definition - 'scope' - 'official') || '{"validFrom":"2021-01-01"}'::jsonb
        where id = 'nghe-an-08-2021';
      update criteria_sets set definition = definition - 'scope' - 'official' where id = 'hd42-2025';
      insert into criteria_sets (id, name, province_id, valid_from, definition)
        values ('ts-cu', 'x', 'ts-tu', '2024-01-01', '${JSON.stringify({ ...HD42_2025, id: 'ts-cu', validFrom: '2024-01-01', scope: undefined, official: undefined })}'::jsonb)`);
    const token = await h.login('observer');
    // Before: the set counted as national, from 01/01/2021.
    expect((await current(token, 'hn-xom-1', '2021-05-03')).body.id).toBe('nghe-an-08-2021');

    for (const statement of [...backfill, constraint!]) await h.database.exec(statement);

    const sets = await h.database.db
      .select({ id: criteriaSets.id, scope: criteriaSets.scope, validFrom: criteriaSets.validFrom })
      .from(criteriaSets)
      .orderBy(criteriaSets.id);
    expect(sets).toEqual([
      { id: 'hd42-2025', scope: 'national', validFrom: '2025-10-28' },
      { id: 'nghe-an-08-2021', scope: 'template', validFrom: '2021-09-15' },
      { id: 'ts-cu', scope: 'province', validFrom: '2024-01-01' },
    ]);
    expect(await h.database.db.select().from(criteriaSetAdoptions)).toMatchObject([
      { provinceId: 'na-tu', criteriaSetId: 'nghe-an-08-2021', adoptedOn: '2021-09-15' },
    ]);
    const na = await current(token, 'hn-xom-1', '2024-05-03');
    expect(na.body).toMatchObject({
      id: 'nghe-an-08-2021',
      official: false,
      validFrom: '2021-09-15',
    });
    expect((await current(token, 'hn-xom-1', '2021-05-03')).status).toBe(404);
    const ts = await current(await h.login('ts-observer'), 'ts-cb', '2024-05-03');
    expect(ts.body).toMatchObject({ id: 'ts-cu', scope: 'province', provinceId: 'ts-tu' });
  });
});
