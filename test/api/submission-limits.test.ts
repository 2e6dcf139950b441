import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SUBMISSION_LIMITS, parseProvinceConfig } from '@duhop/shared';
import { queryRows } from '../../api/src/db/rows.ts';
import { DEMO_PROVINCE_CONFIG } from '../../api/src/db/seed-data.ts';
import { provinceSettings } from '../../api/src/features/org/settings.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';

// Issue 13: one member filed 200 reports of 50 issues in 17 s, all accepted. A province now sets
// how many reports a member may file a day and how many issues a report may carry.
const h = useHarness('2026-11-05T09:00:00+07:00');

const issues = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    title: `Kiến nghị ${i + 1}`,
    detail: 'Chi tiết',
    category: 'dat_dai' as const,
    urgency: 'normal' as const,
  }));
const counts = async () =>
  (
    await queryRows<{ reports: number; issues: number }>(
      h.database.db,
      sql`select (select count(*)::int from reports) as reports, (select count(*)::int from issues) as issues`,
    )
  )[0]!;

/** Adds a settings version with these limits to the demo province (from 2026-01-01). */
async function setLimits(limits: Record<string, unknown>) {
  const config = {
    settings: [...DEMO_PROVINCE_CONFIG.settings, { validFrom: '2026-01-01', limits }],
  };
  await h.database.db.execute(
    sql`update org_units set config = ${JSON.stringify(config)}::jsonb where id = (select province_id from org_units where id = 'hn-xom-1')`,
  );
}

afterEach(async () => {
  await h.database.db.execute(
    sql`update org_units set config = ${JSON.stringify(DEMO_PROVINCE_CONFIG)}::jsonb where id = (select province_id from org_units where id = 'hn-xom-1')`,
  );
});

describe('submission limits', () => {
  it('defaults are generous but finite: 50 reports a member a day, 30 issues a report', async () => {
    expect(DEFAULT_SUBMISSION_LIMITS).toEqual({
      maxReportsPerMemberPerDay: 50,
      maxIssuesPerReport: 30,
    });
    const token = await h.login('observer');
    expect(
      (await read(h.as(token).api.reports.$post({ json: buildReport({ issues: issues(30) }) })))
        .status,
    ).toBe(201);
    const over = await read(
      h
        .as(token)
        .api.reports.$post({ json: buildReport({ cellId: 'hn-xom-2', issues: issues(31) }) }),
    );
    expect(over.status).toBe(422);
    expect(over.error?.code).toBe('TOO_MANY_ISSUES');
    expect(over.error?.fields?.issues?.[0]).toMatch(/tối đa 30 kiến nghị/);
    expect(await counts()).toEqual({ reports: 1, issues: 30 });
  });

  it('too many issues for the province: 422 on the field issues, in Vietnamese, nothing written', async () => {
    await setLimits({ maxIssuesPerReport: 3 });
    const token = await h.login('observer');
    const res = await read(
      h.as(token).api.reports.$post({ json: buildReport({ issues: issues(4) }) }),
    );
    expect(res.status).toBe(422);
    expect(res.error?.fields?.issues).toEqual([
      'Mỗi báo cáo có tối đa 3 kiến nghị (báo cáo này có 4); hãy gộp hoặc tách sang báo cáo khác',
    ]);
    expect(await counts()).toEqual({ reports: 0, issues: 0 });
    expect(
      (await read(h.as(token).api.reports.$post({ json: buildReport({ issues: issues(3) }) })))
        .status,
    ).toBe(201);
  });

  it('too many reports in a day: 429 with Retry-After until local midnight; resends still answer; the next day it goes through', async () => {
    await setLimits({ maxReportsPerMemberPerDay: 2 });
    const token = await h.login('observer');
    const first = buildReport({ cellId: 'hn-xom-1' });
    expect((await read(h.as(token).api.reports.$post({ json: first }))).status).toBe(201);
    expect(
      (await read(h.as(token).api.reports.$post({ json: buildReport({ cellId: 'hn-xom-2' }) })))
        .status,
    ).toBe(201);
    const third = buildReport({ cellId: 'hn-th' });
    const refused = await read(h.as(token).api.reports.$post({ json: third }));
    expect(refused.status).toBe(429);
    expect(refused.error?.code).toBe('DAILY_REPORT_LIMIT');
    expect(refused.error?.message).toMatch(
      /^Hôm nay bạn đã gửi 2 báo cáo, mức tối đa mỗi ngày của tỉnh là 2/,
    );
    // 09:00 at UTC+07:00 → 15 hours to midnight.
    expect(Number(refused.headers.get('retry-after'))).toBe(15 * 3600);
    expect(await counts()).toEqual({ reports: 2, issues: 4 });
    // An identical resend of a stored report (a lost answer) is not a new report.
    expect((await read(h.as(token).api.reports.$post({ json: first }))).status).toBe(200);
    // Another member is not affected.
    expect(
      (
        await read(
          h
            .as(await h.login('observer2'))
            .api.reports.$post({ json: buildReport({ cellId: 'hn-yen-ho' }) }),
        )
      ).status,
    ).toBe(201);
    // 23:59 the same local day: still refused; 00:00 the next local day (17:00 UTC): accepted.
    h.clock.set('2026-11-05T23:59:00+07:00');
    const late = await h.login('observer');
    expect((await read(h.as(late).api.reports.$post({ json: third }))).status).toBe(429);
    h.clock.set('2026-11-05T17:00:00Z');
    expect((await read(h.as(late).api.reports.$post({ json: third }))).status).toBe(201);
  });

  it('a later settings version that names no limit keeps the earlier one', async () => {
    const settings = (config: unknown) =>
      provinceSettings(parseProvinceConfig(config), '2026-11-05');
    expect(
      settings({
        settings: [
          { validFrom: '2020-01-01', limits: { maxIssuesPerReport: 3 } },
          { validFrom: '2025-07-01', deadlines: {} },
        ],
      }).limits,
    ).toEqual({
      maxReportsPerMemberPerDay: 50,
      maxIssuesPerReport: 3,
    });
    expect(
      settings({
        settings: [
          { validFrom: '2020-01-01', limits: { maxIssuesPerReport: 3 } },
          { validFrom: '2025-07-01', limits: { maxIssuesPerReport: 'x' } },
        ],
      }).limits.maxIssuesPerReport,
    ).toBe(3);
  });

  it('a malformed limit in the settings is ignored (the default applies), never a 500', async () => {
    await setLimits({ maxReportsPerMemberPerDay: 'many', maxIssuesPerReport: -1 });
    const token = await h.login('observer');
    expect(
      (await read(h.as(token).api.reports.$post({ json: buildReport({ issues: issues(30) }) })))
        .status,
    ).toBe(201);
  });
});
