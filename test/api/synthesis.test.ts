import { describe, expect, it } from 'vitest';
import type { SynthesisResponse } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { read, type TestClient } from '../support/client.ts';
import { buildNovember } from '../support/monthly.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

type SynthesisQuery = Parameters<TestClient['api']['synthesis']['$get']>[0]['query'];
async function synthesis(query: SynthesisQuery, username = 'commune') {
  return read(h.as(await h.login(username)).api.synthesis.$get({ query }));
}

const groups = (body: Pick<SynthesisResponse, 'groups'>) =>
  Object.fromEntries(body.groups.map((g) => [g.groupId, [g.average, g.reports]]));

describe('GET /api/synthesis: figures of a hand-checked month', () => {
  it('for the commune: reports, bands, criteria groups, self-score gaps, issues, handling times and trend', async () => {
    const { r2, r3 } = await buildNovember(h);
    const res = await synthesis({ month: '2026-11' });
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({
      month: '2026-11',
      bodyId: 'hung-nguyen',
      bodyName: 'Đảng ủy xã Hưng Nguyên',
      gap: 10,
      asOf: '2026-11-25T10:00:00.000+07:00',
    });

    // 4 assignments expect a report; R1 and R3 on time, R2 late, hn-yen-ho missing.
    // Average (100 + 88 + 60) / 3 = 82.67; self-scores (92 + 100 + 75) / 3 = 89.
    expect(s.reports).toEqual({
      expected: 4,
      filed: 3,
      onTime: 2,
      late: 1,
      missing: 1,
      notDue: 0,
      onTimeRate: 50,
      averageScore: 82.67,
      averageSelfScore: 89,
    });
    expect(s.bands).toEqual([
      { band: 'tot', label: 'Tốt', count: 1, percent: 33.3 },
      { band: 'kha', label: 'Khá', count: 1, percent: 33.3 },
      { band: 'trung_binh', label: 'Trung bình', count: 1, percent: 33.3 },
      { band: 'kem', label: 'Kém', count: 0, percent: 0 },
    ]);
    // g1: (5 + 3 + 5) / 3; g4: (40 + 40 + 20) / 3; g6: (30 + 20 + 10) / 3.
    expect(groups(s)).toEqual({
      g1: [4.33, 3],
      g2: [5, 3],
      g3: [10, 3],
      g4: [33.33, 3],
      g5: [5, 3],
      g6: [20, 3],
      g7: [5, 3],
    });
    expect(s.groups[0]).toMatchObject({
      criteriaSetId: 'hd42-2025',
      groupId: 'g1',
      title: 'Thời gian, thời lượng sinh hoạt',
      maxPoints: 5,
    });

    // Self minus observer: R1 −8 (within 10), R2 +12, R3 +15; the largest first.
    expect(s.gaps).toEqual([
      {
        reportId: r3.id,
        cellId: 'hn-th',
        cellName: 'Chi bộ Trường Tiểu học Hưng Nguyên',
        observerName: 'Nguyễn Văn An',
        meetingDate: '2026-11-03',
        score: 60,
        cellSelfScore: 75,
        difference: 15,
      },
      {
        reportId: r2.id,
        cellId: 'hn-xom-2',
        cellName: 'Chi bộ xóm 2',
        observerName: 'Nguyễn Văn An',
        meetingDate: '2026-11-03',
        score: 88,
        cellSelfScore: 100,
        difference: 12,
      },
    ]);

    // 4 issues: I1 resolved, I2 acknowledged (due 3/12, not overdue), I3 and I4 never acknowledged (overdue).
    expect(s.issues).toMatchObject({
      raised: 4,
      resolved: 1,
      answered: 1,
      answeredAtMeeting: 0,
      open: 3,
      overdue: 2,
      byStatus: { resolved: 1, acknowledged: 1, routed: 2 },
    });
    expect(s.issues.byCategory.map((c) => [c.category, c.label, c.raised, c.overdue])).toEqual([
      ['dat_dai', 'Đất đai', 1, 0],
      ['ha_tang_giao_thong', 'Hạ tầng – giao thông', 1, 0],
      ['moi_truong', 'Môi trường', 1, 1],
      ['an_ninh_trat_tu', 'An ninh trật tự', 1, 1],
    ]);
    expect(s.issues.byBody).toEqual([
      {
        bodyId: 'hung-nguyen',
        bodyName: 'Đảng ủy xã Hưng Nguyên',
        raised: 2,
        answeredAtMeeting: 0,
        resolved: 1,
        answered: 1,
        open: 1,
        overdue: 0,
      },
      {
        bodyId: 'na-bnc',
        bodyName: 'Ban Nội chính Tỉnh ủy',
        raised: 1,
        answeredAtMeeting: 0,
        resolved: 0,
        answered: 0,
        open: 1,
        overdue: 1,
      },
      {
        bodyId: 'na-snnmt',
        bodyName: 'Sở Nông nghiệp và Môi trường',
        raised: 1,
        answeredAtMeeting: 0,
        resolved: 0,
        answered: 0,
        open: 1,
        overdue: 1,
      },
    ]);

    // Acknowledged after 1 (Thu 5 → Fri 6) and 2 (Thu 5 → Mon 9) working days: median 1.5.
    // Resolved Thu 5 → Thu 12: 5 working days.
    expect(s.handling).toEqual({
      unit: 'working_days',
      acknowledge: { median: 1.5, count: 2 },
      resolve: { median: 5, count: 1 },
    });

    expect(s.bodies).toEqual([
      {
        bodyId: 'hung-nguyen',
        bodyName: 'Đảng ủy xã Hưng Nguyên',
        expected: 4,
        onTime: 2,
        late: 1,
        missing: 1,
        notDue: 0,
        onTimeRate: 50,
        filed: 3,
        averageScore: 82.67,
      },
    ]);

    expect(s.trend.map((m) => m.month)).toEqual([
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(s.trend[0]).toEqual({
      month: '2026-06',
      expected: 4,
      filed: 0,
      onTime: 0,
      late: 0,
      missing: 4,
      notDue: 0,
      averageScore: null,
      bands: { tot: 0, kha: 0, trung_binh: 0, kem: 0 },
      issuesRaised: 0,
      issuesResolved: 0,
    });
    expect(s.trend[4]).toEqual({
      month: '2026-10',
      expected: 4,
      filed: 1,
      onTime: 1,
      late: 0,
      missing: 3,
      notDue: 0,
      averageScore: 100,
      bands: { tot: 1, kha: 0, trung_binh: 0, kem: 0 },
      issuesRaised: 0,
      issuesResolved: 0,
    });
    expect(s.trend[5]).toEqual({
      month: '2026-11',
      expected: 4,
      filed: 3,
      onTime: 2,
      late: 1,
      missing: 1,
      notDue: 0,
      averageScore: 82.67,
      bands: { tot: 1, kha: 1, trung_binh: 1, kem: 0 },
      issuesRaised: 4,
      issuesResolved: 1,
    });
  });

  it('for the province (admin): both communes, one row each', async () => {
    await buildNovember(h);
    const s = (await synthesis({ month: '2026-11' }, 'admin')).body;
    expect(s.bodyId).toBe('na-tu');
    // R4 adds 45: (100 + 88 + 60 + 45) / 4 = 73.25; Trường Vinh's 3 other cells are missing.
    // Diễn Châu's two cells (truongban) are missing too.
    expect(s.reports).toEqual({
      expected: 10,
      filed: 4,
      onTime: 3,
      late: 1,
      missing: 6,
      notDue: 0,
      onTimeRate: 30,
      averageScore: 73.25,
      averageSelfScore: 89,
    });
    expect(s.bands.map((b) => [b.count, b.percent])).toEqual([
      [1, 25],
      [1, 25],
      [1, 25],
      [1, 25],
    ]);
    expect(s.bodies.map((b) => [b.bodyId, b.expected, b.filed, b.averageScore])).toEqual([
      ['truong-vinh', 4, 1, 45],
      ['dien-chau', 2, 0, null],
      ['hung-nguyen', 4, 3, 82.67],
    ]);
    expect(s.issues.raised).toBe(5);
    expect(s.issues.byBody.find((b) => b.bodyId === 'truong-vinh-kt')).toMatchObject({
      raised: 1,
      overdue: 1,
    });
  });

  it('for a provincial board: no cells below it, but the issues it holds', async () => {
    await buildNovember(h);
    const s = (await synthesis({ month: '2026-11' }, 'province')).body;
    expect(s.bodyId).toBe('na-bnc');
    expect(s.reports).toMatchObject({ expected: 0, filed: 0, averageScore: null });
    expect(s.issues).toMatchObject({ raised: 1, overdue: 1, byStatus: { routed: 1 } });
    expect(s.issues.byCategory.map((c) => c.category)).toEqual(['an_ninh_trat_tu']);
  });

  it('the gap threshold is a parameter: strictly more than it is listed', async () => {
    await buildNovember(h);
    expect(
      (await synthesis({ month: '2026-11', gap: '12' })).body.gaps.map((g) => g.cellId),
    ).toEqual(['hn-th']);
    expect(
      (await synthesis({ month: '2026-11', gap: '7.5' })).body.gaps.map((g) => g.difference),
    ).toEqual([15, 12, -8]);
    expect((await synthesis({ month: '2026-11', gap: '15' })).body.gaps).toEqual([]);
  });

  it('a past month is computed as of now (October: one report, no issues)', async () => {
    await buildNovember(h);
    const s = (await synthesis({ month: '2026-10' })).body;
    expect(s.reports).toMatchObject({
      expected: 4,
      filed: 1,
      onTime: 1,
      missing: 3,
      averageScore: 100,
    });
    expect(s.issues).toMatchObject({ raised: 0, byCategory: [], byBody: [], byStatus: {} });
    expect(s.handling).toEqual({
      unit: 'working_days',
      acknowledge: { median: null, count: 0 },
      resolve: { median: null, count: 0 },
    });
  });
});

describe('GET /api/synthesis: bad input and scope', () => {
  it('an empty month is an honest empty result', async () => {
    const res = await synthesis({ month: '2025-05' });
    expect(res.status).toBe(200);
    expect(res.body.reports).toEqual({
      expected: 0,
      filed: 0,
      onTime: 0,
      late: 0,
      missing: 0,
      notDue: 0,
      onTimeRate: null,
      averageScore: null,
      averageSelfScore: null,
    });
    expect(res.body.bands.map((b) => b.count)).toEqual([0, 0, 0, 0]);
    expect(res.body).toMatchObject({
      groups: [],
      gaps: [],
      bodies: [],
      issues: { raised: 0, byCategory: [], byBody: [] },
    });
    expect(res.body.trend).toHaveLength(6);
  });

  it.each([
    ['month=2026-12', 'month'],
    ['month=2026-13', 'month'],
    ['month=11-2026', 'month'],
    ['', 'month'],
    ['month=2026-11&gap=-1', 'gap'],
    ['month=2026-11&gap=abc', 'gap'],
    ['month=2026-11&gap=101', 'gap'],
  ])('refuses %j with 422 on %s', async (query, field) => {
    // Malformed on purpose: the raw call sends the query text as written.
    const res = await h.raw('GET', `/api/synthesis?${query}`, { token: await h.login('commune') });
    expect(res.status).toBe(422);
    expect(res.error?.fields?.[field]).toBeDefined();
  });

  it('a body outside the caller’s scope or unknown is 404; observers 403', async () => {
    expect((await synthesis({ month: '2026-11', bodyId: 'truong-vinh' })).status).toBe(404);
    expect((await synthesis({ month: '2026-11', bodyId: 'na-tu' })).status).toBe(404);
    expect((await synthesis({ month: '2026-11', bodyId: 'nowhere' }, 'admin')).status).toBe(404);
    expect((await synthesis({ month: '2026-11', bodyId: 'hn-xom-1' })).status).toBe(200);
    expect((await synthesis({ month: '2026-11' }, 'observer')).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents the monthly routes, their query parameters and the file responses', async () => {
    const doc = (await h.raw('GET', '/openapi.json')).body;
    for (const path of [
      '/api/assignments',
      '/api/assignments/import',
      '/api/assignments/export',
      '/api/assignments/{id}',
      '/api/compliance',
      '/api/synthesis',
      '/api/synthesis/export',
      '/api/report-exports/{id}',
      '/api/year-view',
      '/api/year-view/export',
      '/api/me/year',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/synthesis'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      ['month', 'bodyId', 'gap'],
    );
    expect(
      doc.paths['/api/compliance'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(['month', 'bodyId']);
    expect(doc.paths['/api/year-view'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      ['year', 'bodyId'],
    );
    expect(Object.keys(doc.paths['/api/synthesis/export'].get.responses['200'].content)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'text/csv; charset=utf-8',
    ]);
    expect(
      doc.paths['/api/synthesis'].get.responses['200'].content['application/json'].schema.properties
        .handling,
    ).toBeDefined();
  });
});
