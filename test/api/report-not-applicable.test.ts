import JSZip from 'jszip';
import { NA_NOT_ALLOWED_MESSAGE, NA_REASON_MESSAGE, type ReportInput } from '@duhop/shared';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { download, rows } from '../support/monthly.ts';
import { buildReport, fullScores } from '../support/reports.ts';
import { sql } from 'drizzle-orm';

const h = useHarness('2026-11-05T09:00:00+07:00');

/** Full marks but on the items marked, which are left unscored, as the side panel sends them. */
function marking(
  notApplicable: Record<string, string>,
  changed: Record<string, number> = {},
): ReportInput {
  const scores: Record<string, number> = { ...fullScores(), ...changed };
  for (const id of Object.keys(notApplicable)) delete scores[id];
  return buildReport({ scores, notApplicable });
}

const stored = (id: string) =>
  rows<{ n: number }>(h, sql`select count(*)::int as n from reports where id = ${id}`);

describe('criteria items marked "Không áp dụng" by hand', () => {
  it('is stored, counted like an item that does not apply, and shown in the report view', async () => {
    const token = await h.login('observer');
    const report = marking(
      { 'g6.1': 'Chi bộ mới thành lập sau sáp nhập, chưa có nghị quyết kỳ trước' },
      { 'g3.1': 1 },
    );
    const res = await read(h.as(token).api.reports.$post({ json: report }));
    expect(res.status).toBe(201);
    // g6.1 counts its 30 points (whenNotApplicable: full); g3.1 lost 2.
    expect(res.body).toMatchObject({ score: 98, band: 'tot' });

    const view = await read(h.as(token).api.reports[':id'].$get({ param: { id: report.id } }));
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      score: 98,
      groupScores: { g3: 8, g6: 30 },
      notApplicable: [
        {
          itemId: 'g6.1',
          title: 'Tỷ lệ chỉ tiêu, nhiệm vụ của nghị quyết kỳ trước được hoàn thành',
          reason: 'Chi bộ mới thành lập sau sáp nhập, chưa có nghị quyết kỳ trước',
        },
      ],
    });
    // Staff of the commune read it the same way (the workspace's report context).
    const staff = await read(
      h.as(await h.login('commune')).api.reports[':id'].$get({ param: { id: report.id } }),
    );
    expect(staff.body.notApplicable?.map((n: { itemId: string }) => n.itemId)).toEqual(['g6.1']);
  });

  it('a report without marks reads back with none (older extension versions)', async () => {
    const token = await h.login('observer');
    const report = buildReport();
    expect('notApplicable' in report).toBe(false);
    expect((await read(h.as(token).api.reports.$post({ json: report }))).status).toBe(201);
    const view = await read(h.as(token).api.reports[':id'].$get({ param: { id: report.id } }));
    expect(view.body).toMatchObject({ score: 100, notApplicable: [] });
  });

  it.each([
    ['an item the set does not allow', { 'g4.9': 'Bí thư đi vắng' }, {}, NA_NOT_ALLOWED_MESSAGE],
    ['no reason where the set asks for one', { 'g3.3': '' }, {}, NA_REASON_MESSAGE],
    ['a blank reason', { 'g3.3': '   ' }, {}, NA_REASON_MESSAGE],
  ])('is 422 on notApplicable.<itemId> for %s, and writes nothing', async (_, marks, __, msg) => {
    const token = await h.login('observer');
    // The refused item keeps its points, so the mark is the only fault.
    const report = buildReport({ notApplicable: marks });
    const res = await read(h.as(token).api.reports.$post({ json: report }));
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('VALIDATION_FAILED');
    const id = Object.keys(marks)[0]!;
    expect(res.error?.fields).toEqual({ [`notApplicable.${id}`]: [msg] });
    expect(await stored(report.id)).toEqual([{ n: 0 }]);
  });

  it('a refused mark does not excuse the item: its points are still asked for', async () => {
    const token = await h.login('observer');
    const res = await read(
      h.as(token).api.reports.$post({ json: marking({ 'g4.9': 'Bí thư đi vắng' }) }),
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {}).sort()).toEqual([
      'notApplicable.g4.9',
      'scores.g4.9',
    ]);
  });

  it('an overlong reason is 422 at the field', async () => {
    const token = await h.login('observer');
    const res = await read(
      h.as(token).api.reports.$post({ json: marking({ 'g3.3': 'x'.repeat(501) }) }),
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toEqual(['notApplicable.g3.3']);
  });

  it('an identical resend is 200 with the same body; a changed reason is 409', async () => {
    const token = await h.login('observer');
    const report = marking({ 'g3.3': 'Chi bộ 7 đảng viên, không bầu chi ủy' });
    const first = await read(h.as(token).api.reports.$post({ json: report }));
    expect(first.status).toBe(201);
    h.clock.advance(60_000);
    const again = await read(h.as(token).api.reports.$post({ json: structuredClone(report) }));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const changed = await read(
      h.as(token).api.reports.$post({
        json: { ...report, notApplicable: { 'g3.3': 'Lý do khác' } },
      }),
    );
    expect(changed.status).toBe(409);
    expect(changed.error?.code).toBe('REPORT_CONFLICT');
  });

  it('the report DOCX marks the item "không áp dụng" with the reason', async () => {
    const token = await h.login('observer');
    const report = marking({ 'g3.3': 'Chi bộ 7 đảng viên, không bầu chi ủy' });
    expect((await read(h.as(token).api.reports.$post({ json: report }))).status).toBe(201);
    const res = await download(h, `/api/report-exports/${report.id}?format=docx`, token);
    expect(res.status).toBe(200);
    const xml = await (await JSZip.loadAsync(res.bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(
      'Cấp ủy (bí thư, phó bí thư) họp thống nhất nội dung trước khi sinh hoạt (không áp dụng: Chi bộ 7 đảng viên, không bầu chi ủy)',
    );
  });
});
