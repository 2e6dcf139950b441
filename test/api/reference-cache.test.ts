import { randomUUID } from 'node:crypto';
import type { RoutingRule } from '@duhop/shared';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { useHarness, type App } from '../support/app.ts';
import { read } from '../support/client.ts';
import { truncateAll } from '../support/db.ts';
import { buildReport } from '../support/reports.ts';

// Two API instances over one database, each with its own reference cache (rules, criteria sets,
// holidays, rule targets): a change made through one instance, or by SQL from outside both, is
// seen by the other's next submission (the version row bumped by migration 0005's triggers).
const h = useHarness('2026-11-05T09:00:00+07:00');
let other: App;

beforeAll(() => {
  other = createApp({
    database: h.database,
    now: h.clock.now,
    logError: (err) => h.logged.push(err),
  });
});

afterEach(async () => {
  await truncateAll(h.database);
  await seedDemo(h.database.db);
});

/** A submission through the second instance; its answer's body. */
async function submitOnOther(token: string, body: unknown) {
  const res = await other.request('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { issues: { responsibleBodyId: string; dueAt: string }[] };
}

const land = () => [
  {
    id: randomUUID(),
    title: 'Tranh chấp đất',
    detail: 'Lấn chiếm ranh giới',
    category: 'dat_dai' as const,
    urgency: 'normal' as const,
  },
];

describe('reference data cached per instance', () => {
  it('a routing rule replaced through one instance routes the next issue on the other', async () => {
    const observer = await h.login('observer');
    // The second instance loads and caches the rules as they are.
    expect(
      (await submitOnOther(observer, buildReport({ issues: land() }))).issues[0]!.responsibleBodyId,
    ).toBe('hung-nguyen');

    const admin = await h.login('admin');
    const rule: RoutingRule = {
      id: 'na-dd',
      position: 10,
      category: 'dat_dai',
      areaId: null,
      urgency: null,
      targetBodyId: 'na-snnmt',
      target: null,
      deadlineProfile: 'complex',
      active: true,
    };
    expect(
      (await read(h.as(admin).api.admin['routing-rules'].$put({ json: { rules: [rule] } }))).status,
    ).toBe(200);

    expect(
      (await submitOnOther(observer, buildReport({ cellId: 'hn-xom-2', issues: land() })))
        .issues[0]!.responsibleBodyId,
    ).toBe('na-snnmt');
  });

  it('a rule target closed into a successor through one instance is followed on the other', async () => {
    const observer = await h.login('observer');
    const security = () => [
      {
        id: randomUUID(),
        title: 'Trộm cắp',
        detail: 'Tuần tra ban đêm',
        category: 'an_ninh_trat_tu' as const,
        urgency: 'normal' as const,
      },
    ];
    expect(
      (await submitOnOther(observer, buildReport({ issues: security() }))).issues[0]!
        .responsibleBodyId,
    ).toBe('na-bnc');

    // The target of rule na-r1 closes and a new body takes over (as an admin merge would write it).
    await h.database.exec(`insert into org_units (id, name, kind, parent_id, province_id, valid_from)
      select 'na-bnc-2', name || ' (mới)', kind, parent_id, province_id, '2026-11-01' from org_units where id = 'na-bnc'`);
    await h.database.exec(
      `update org_units set valid_to = '2026-11-01', successor_id = 'na-bnc-2' where id = 'na-bnc'`,
    );

    expect(
      (await submitOnOther(observer, buildReport({ cellId: 'hn-xom-2', issues: security() })))
        .issues[0]!.responsibleBodyId,
    ).toBe('na-bnc-2');
  });

  it('holidays added outside both instances move the next deadline on the other', async () => {
    const observer = await h.login('observer');
    const before = (await submitOnOther(observer, buildReport({ issues: land() }))).issues[0]!
      .dueAt;
    // The province's own days off: every weekday of the following fortnight.
    await h.database.exec(`insert into holidays (date, name, day_off, province_id)
      select d::date, 'Nghỉ bù', true, 'na-tu' from generate_series('2026-11-06'::date, '2026-11-20'::date, '1 day') d`);
    const after = (
      await submitOnOther(observer, buildReport({ cellId: 'hn-xom-2', issues: land() }))
    ).issues[0]!.dueAt;
    expect(after > before).toBe(true);
  });
});
