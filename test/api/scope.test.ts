import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { download } from '../support/monthly.ts';
import { buildReport } from '../support/reports.ts';
import { tokenFor } from '../support/tokens.ts';

// Issue 13, "Forwarding crosses provinces" and "The report view leaks sibling issues": an issue
// stays in its cell's province, and a body reading a report sees only the issues it may see, in
// the JSON and in the DOCX.
const h = useHarness('2026-11-05T09:00:00+07:00');

beforeAll(async () => {
  // A second province with a board and one member of its staff.
  await h.database.exec(`
    insert into org_units (id, name, kind, parent_id, province_id, valid_from) values
      ('other-tu', 'Tỉnh ủy Hà Tĩnh', 'province', null, null, '2025-07-01'),
      ('other-bnc', 'Ban Nội chính Tỉnh ủy Hà Tĩnh', 'province_board', 'other-tu', 'other-tu', '2025-07-01');
    insert into users (username, display_name, role, org_unit_id, password_hash)
      values ('other-staff', 'Hoàng Văn Em', 'staff', 'other-bnc', 'x');`);
});

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

/**
 * A report with two issues: the first chosen for Ban Nội chính (user `province`), the second
 * routed by the rules to Đảng ủy xã Hưng Nguyên (user `commune`).
 */
async function twoBodyReport() {
  const report = buildReport();
  report.issues[0] = {
    ...report.issues[0]!,
    title: 'Kiến nghị gửi Ban Nội chính',
    detail: 'Nội dung cho Ban Nội chính.',
    responsibleBodyId: 'na-bnc',
  };
  report.issues[1] = {
    ...report.issues[1]!,
    title: 'Kiến nghị riêng của xã',
    detail: 'Nội dung chỉ xã được đọc.',
  };
  const res = await read(
    h.as(await tokenFor(h.database, 'observer')).api.reports.$post({ json: report }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.issues.map((i) => i.responsibleBodyId)).toEqual(['na-bnc', 'hung-nguyen']);
  return report;
}

async function forward(username: string, issueId: string, toBodyId: string) {
  const token = await tokenFor(h.database, username);
  const current = await read(h.as(token).api.issues[':id'].$get({ param: { id: issueId } }));
  return read(
    h.as(token).api.issues[':id'].actions.$post({
      param: { id: issueId },
      json: {
        type: 'forward',
        toBodyId,
        note: 'Chuyển theo thẩm quyền',
        expectedVersion: current.body.version,
      },
    }),
  );
}

const issueTitles = async (username: string, reportId: string) => {
  const res = await read(
    h.as(await tokenFor(h.database, username)).api.reports[':id'].$get({ param: { id: reportId } }),
  );
  return res.status === 200 ? res.body.issues.map((i) => i.title) : res.status;
};

describe('forwarding stays in the province of the issue', () => {
  it.each(['commune', 'admin'])(
    '%s cannot forward to a body of another province: 422 on toBodyId, nothing changes, that body reads nothing',
    async (username) => {
      const report = await twoBodyReport();
      const issueId = report.issues[1]!.id;
      const res = await forward(username, issueId, 'other-bnc');
      expect(res.status).toBe(422);
      expect(res.error?.code).toBe('VALIDATION_FAILED');
      expect(res.error?.fields?.toBodyId).toEqual([
        'Chỉ chuyển được đến cơ quan thuộc tỉnh (thành) của chi bộ nêu kiến nghị',
      ]);
      const after = await read(
        h
          .as(await tokenFor(h.database, 'observer'))
          .api.issues[':id'].$get({ param: { id: issueId } }),
      );
      expect(after.body).toMatchObject({
        status: 'routed',
        responsibleBodyId: 'hung-nguyen',
        version: 1,
      });
      expect(after.body.events).toHaveLength(1);

      const other = await tokenFor(h.database, 'other-staff');
      expect(
        (await read(h.as(other).api.issues[':id'].$get({ param: { id: issueId } }))).status,
      ).toBe(404);
      expect(
        (await read(h.as(other).api.reports[':id'].$get({ param: { id: report.id } }))).status,
      ).toBe(404);
      expect(
        (await download(h, `/api/report-exports/${report.id}?format=docx`, other)).status,
      ).toBe(404);
    },
  );

  it('forwarding within the province still works, by staff and by admins', async () => {
    const report = await twoBodyReport();
    expect((await forward('commune', report.issues[1]!.id, 'na-btc')).status).toBe(200);
    expect((await forward('admin', report.issues[0]!.id, 'na-vp')).status).toBe(200);
  });
});

describe('a body reads only its issues of a report', () => {
  it('GET /api/reports/:id: each body sees its own issue, never the sibling; author and admin see both', async () => {
    const report = await twoBodyReport();
    expect(await issueTitles('province', report.id)).toEqual(['Kiến nghị gửi Ban Nội chính']);
    expect(await issueTitles('commune', report.id)).toEqual(['Kiến nghị riêng của xã']);
    expect(await issueTitles('observer', report.id)).toEqual([
      'Kiến nghị gửi Ban Nội chính',
      'Kiến nghị riêng của xã',
    ]);
    expect(await issueTitles('admin', report.id)).toEqual([
      'Kiến nghị gửi Ban Nội chính',
      'Kiến nghị riêng của xã',
    ]);
    // The same for the issues themselves (unchanged: 404 for the one routed elsewhere).
    expect(
      (
        await read(
          h
            .as(await tokenFor(h.database, 'province'))
            .api.issues[':id'].$get({ param: { id: report.issues[1]!.id } }),
        )
      ).status,
    ).toBe(404);
  });

  it('the internal answer of a sibling issue does not reach another body', async () => {
    const report = await twoBodyReport();
    const token = await tokenFor(h.database, 'commune');
    const id = report.issues[1]!.id;
    const ack = await read(
      h.as(token).api.issues[':id'].actions.$post({
        param: { id },
        json: { type: 'acknowledge', expectedVersion: 1 },
      }),
    );
    expect(ack.status).toBe(200);
    const done = await read(
      h.as(token).api.issues[':id'].actions.$post({
        param: { id },
        json: { type: 'resolve', note: 'Trả lời nội bộ của xã', expectedVersion: 2 },
      }),
    );
    expect(done.status).toBe(200);
    const res = await read(
      h
        .as(await tokenFor(h.database, 'province'))
        .api.reports[':id'].$get({ param: { id: report.id } }),
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('Trả lời nội bộ của xã');
    expect(JSON.stringify(res.body)).not.toContain('Nội dung chỉ xã được đọc');
  });

  it('a body the issue passed through keeps reading it; the body it went to reads only that one', async () => {
    const report = await twoBodyReport();
    expect((await forward('commune', report.issues[1]!.id, 'na-btc')).status).toBe(200);
    expect(await issueTitles('commune', report.id)).toEqual(['Kiến nghị riêng của xã']);
    expect(await issueTitles('province', report.id)).toEqual(['Kiến nghị gửi Ban Nội chính']);
  });

  it('the report DOCX follows the same rule', async () => {
    const report = await twoBodyReport();
    const text = async (username: string) => {
      const res = await download(
        h,
        `/api/report-exports/${report.id}?format=docx`,
        await tokenFor(h.database, username),
      );
      expect(res.status).toBe(200);
      return docxText(res.bytes);
    };
    const province = await text('province');
    expect(province).toContain('Kiến nghị gửi Ban Nội chính');
    expect(province).not.toContain('Kiến nghị riêng của xã');
    expect(province).not.toContain('Nội dung chỉ xã được đọc');
    const commune = await text('commune');
    expect(commune).toContain('Kiến nghị riêng của xã');
    expect(commune).not.toContain('Kiến nghị gửi Ban Nội chính');
    for (const who of ['observer', 'admin']) {
      const all = await text(who);
      expect(all).toContain('Kiến nghị gửi Ban Nội chính');
      expect(all).toContain('Kiến nghị riêng của xã');
    }
  });

  it('an issue already sitting in another province (forwarded before this rule) shows that body only that issue', async () => {
    const report = await twoBodyReport();
    const id = report.issues[1]!.id;
    // What a cross-province forward used to write.
    await h.database.exec(`update issues set responsible_body_id = 'other-bnc', status = 'forwarded', version = 2 where id = '${id}';
      insert into issue_events (issue_id, type, actor_id, at, note, from_status, to_status, from_body_id, to_body_id)
        select '${id}', 'forward', id, now(), 'x', 'routed', 'forwarded', 'hung-nguyen', 'other-bnc' from users where username = 'commune';`);
    expect(await issueTitles('other-staff', report.id)).toEqual(['Kiến nghị riêng của xã']);
    const res = await download(
      h,
      `/api/report-exports/${report.id}?format=docx`,
      await tokenFor(h.database, 'other-staff'),
    );
    expect(res.status).toBe(200);
    expect(await docxText(res.bytes)).not.toContain('Kiến nghị gửi Ban Nội chính');
  });
});
