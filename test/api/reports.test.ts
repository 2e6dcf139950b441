import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { malformed, read } from '../support/client.ts';
import { buildReport, fullScores } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

async function countRows() {
  const db = h.database.db;
  const n = async (table: string) => {
    const r = (await db.execute(`select count(*)::int as n from ${table}` as never)) as unknown as
      | { rows?: { n: number }[] }
      | { n: number }[];
    return (Array.isArray(r) ? r : r.rows!)[0]!.n;
  };
  return {
    reports: await n('reports'),
    issues: await n('issues'),
    events: await n('issue_events'),
  };
}

describe('POST /api/reports', () => {
  it('stores a report, scores it on the server, routes every issue with a due date in working days', async () => {
    const token = await h.login('observer');
    const report = buildReport();
    const res = await read(h.as(token).api.reports.$post({ json: report }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: report.id, score: 100, band: 'tot', onTime: true });
    expect(res.body.submittedAt).toBe('2026-11-05T09:00:00.000+07:00');
    // No rule matches these categories in Hưng Nguyên: the commune committee triages them.
    expect(res.body.issues).toEqual(
      report.issues.map((i) => ({
        id: i.id,
        responsibleBodyId: 'hung-nguyen',
        status: 'routed',
        ackDueAt: expect.stringMatching(/^2026-11-\d\dT.*\+07:00$/),
        dueAt: '2026-12-03T23:59:59.999+07:00',
        version: 1,
      })),
    );
    expect(await countRows()).toEqual({ reports: 1, issues: 2, events: 2 });
  });

  it('answers each issue’s acknowledgement deadline and version as the inbox and issue view give them', async () => {
    const token = await h.login('observer');
    const res = await read(h.as(token).api.reports.$post({ json: buildReport() }));
    expect(res.status).toBe(201);
    const commune = h.as(await h.login('commune'));
    const inbox = (await read(commune.api.inbox.$get({ query: {} }))).body.items;
    for (const routed of res.body.issues) {
      const view = (await read(commune.api.issues[':id'].$get({ param: { id: routed.id } }))).body;
      expect(routed.ackDueAt).not.toBeNull();
      expect(routed).toEqual({
        id: view.id,
        responsibleBodyId: view.responsibleBodyId,
        status: view.status,
        ackDueAt: view.ackDueAt,
        dueAt: view.dueAt,
        version: view.version,
      });
      const row = inbox.find((i) => i.id === routed.id)!;
      expect([row.ackDueAt, row.version]).toEqual([routed.ackDueAt, routed.version]);
    }
    // The version answered is the one an action expects: acknowledging with it works.
    const first = res.body.issues[0]!;
    const ack = await read(
      commune.api.issues[':id'].actions.$post({
        param: { id: first.id },
        json: { type: 'acknowledge', expectedVersion: first.version },
      }),
    );
    expect(ack.status).toBe(200);
  });

  it('an issue answered at the meeting has no acknowledgement deadline', async () => {
    const token = await h.login('observer');
    const report = buildReport();
    report.issues = [
      {
        ...report.issues[0]!,
        answeredAtMeeting: { by: 'Bí thư chi bộ', answer: 'Đã giải đáp tại hội nghị.' },
      },
    ];
    const res = await read(h.as(token).api.reports.$post({ json: report }));
    expect(res.status).toBe(201);
    expect(res.body.issues[0]).toMatchObject({
      status: 'answered_at_meeting',
      ackDueAt: null,
      version: 1,
    });
  });

  it('computes the score from the items, never from a client total', async () => {
    const token = await h.login('observer');
    const scores = { ...fullScores(), 'g6.1': 20, 'g1.1': 3 };
    const res = await read(
      h.as(token).api.reports.$post({
        json: malformed({ ...buildReport({ scores }), score: 100, band: 'tot' }),
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.score).toBe(88);
    expect(res.body.band).toBe('kha');
  });

  it.each([
    ['an tinh trat tu → Ban Nội chính (rule)', 'an_ninh_trat_tu', 'normal', 'na-bnc', '2026-12-03'],
    [
      'urgent health → Sở Y tế with the urgent profile (10 days)',
      'y_te',
      'urgent',
      'na-syt',
      '2026-11-19',
    ],
    [
      'party building → the commune (rule target: triage)',
      'xay_dung_dang',
      'normal',
      'hung-nguyen',
      '2026-12-03',
    ],
  ])('routes %s', async (_, category, urgency, body, dueDate) => {
    const token = await h.login('observer');
    const report = buildReport({
      issues: [
        {
          id: randomUUID(),
          title: 'Kiến nghị',
          detail: '',
          category: category as never,
          urgency: urgency as never,
        },
      ],
    });
    const res = await read(h.as(token).api.reports.$post({ json: report }));
    expect(res.status).toBe(201);
    expect(res.body.issues[0]!.responsibleBodyId).toBe(body);
    expect(res.body.issues[0]!.dueAt.slice(0, 10)).toBe(dueDate);
  });

  it('sends an issue to the body the observer chose when it is allowed', async () => {
    const token = await h.login('observer');
    const report = buildReport({
      issues: [
        {
          id: randomUUID(),
          title: 'Ô nhiễm',
          category: 'moi_truong',
          responsibleBodyId: 'na-snnmt',
        },
      ],
    });
    const res = await read(h.as(token).api.reports.$post({ json: report }));
    expect(res.status).toBe(201);
    expect(res.body.issues[0]!.responsibleBodyId).toBe('na-snnmt');
  });

  it('a report with no issues is fine', async () => {
    const token = await h.login('observer');
    const res = await read(h.as(token).api.reports.$post({ json: buildReport({ issues: [] }) }));
    expect(res.status).toBe(201);
    expect(res.body.issues).toEqual([]);
  });

  it('is late after the 9th (province time) for a meeting on the 3rd', async () => {
    h.clock.set('2026-11-09T23:59:00+07:00');
    const token = await h.login('observer');
    expect((await read(h.as(token).api.reports.$post({ json: buildReport() }))).body.onTime).toBe(
      true,
    );
    h.clock.set('2026-11-10T00:01:00+07:00');
    expect(
      (await read(h.as(token).api.reports.$post({ json: buildReport({ cellId: 'hn-xom-2' }) })))
        .body.onTime,
    ).toBe(false);
  });

  it('refuses a meeting that has not ended yet (422 on endedAt), with 5 minutes of clock skew allowed', async () => {
    // buildReport: 03/11/2026, 19:30–21:15.
    h.clock.set('2026-11-03T21:09:59+07:00');
    const token = await h.login('observer');
    const early = await read(h.as(token).api.reports.$post({ json: buildReport() }));
    expect(early.status).toBe(422);
    expect(early.error?.code).toBe('VALIDATION_FAILED');
    expect(early.error?.fields?.endedAt).toEqual(['Giờ kết thúc không được ở tương lai']);
    expect(await countRows()).toEqual({ reports: 0, issues: 0, events: 0 });
    // Within the skew: the device's clock may run a little ahead of the server's.
    h.clock.set('2026-11-03T21:10:00+07:00');
    expect((await read(h.as(token).api.reports.$post({ json: buildReport() }))).status).toBe(201);
    expect((await countRows()).reports).toBe(1);
  });

  it('scores a meeting before 28/10/2025 with the Nghệ An 2021 set and refuses the wrong set', async () => {
    const token = await h.login('observer');
    const old = buildReport({
      meetingDate: '2025-09-03',
      startedAt: '2025-09-03T19:30:00+07:00',
      endedAt: '2025-09-03T21:30:00+07:00',
    });
    const wrong = await read(h.as(token).api.reports.$post({ json: old }));
    expect(wrong.status).toBe(422);
    expect(wrong.error?.fields?.criteriaSetId?.[0]).toContain('nghe-an-08-2021');
    const res = await read(
      h.as(token).api.reports.$post({
        json: { ...old, criteriaSetId: 'nghe-an-08-2021', scores: fullScores('nghe-an-08-2021') },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ score: 100, band: 'tot', onTime: false });
  });

  describe('exactly once', () => {
    it('an identical resend is 200 with the same representation, and stores nothing twice', async () => {
      const token = await h.login('observer');
      const report = buildReport();
      const first = await read(h.as(token).api.reports.$post({ json: report }));
      h.clock.advance(60_000);
      const again = await read(h.as(token).api.reports.$post({ json: report }));
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await countRows()).toEqual({ reports: 1, issues: 2, events: 2 });
    });

    it('a resend after an action answers the issue as it stands now (status, version)', async () => {
      const token = await h.login('observer');
      const report = buildReport();
      const first = await read(h.as(token).api.reports.$post({ json: report }));
      const issue = first.body.issues[0]!;
      const commune = h.as(await h.login('commune'));
      const ack = await read(
        commune.api.issues[':id'].actions.$post({
          param: { id: issue.id },
          json: { type: 'acknowledge', expectedVersion: issue.version },
        }),
      );
      expect(ack.status).toBe(200);
      const again = await read(h.as(token).api.reports.$post({ json: report }));
      expect(again.status).toBe(200);
      expect(again.body.issues[0]).toEqual({
        ...issue,
        status: 'acknowledged',
        version: ack.body.version,
      });
      expect(again.body.issues[1]).toEqual(first.body.issues[1]);
    });

    it('a changed resend is 409 REPORT_CONFLICT', async () => {
      const token = await h.login('observer');
      const report = buildReport();
      await read(h.as(token).api.reports.$post({ json: report }));
      const res = await read(
        h.as(token).api.reports.$post({ json: { ...report, suggestions: 'khác' } }),
      );
      expect(res.status).toBe(409);
      expect(res.error?.code).toBe('REPORT_CONFLICT');
    });

    it('50 concurrent sends of one report store it once', async () => {
      const token = await h.login('observer');
      const report = buildReport();
      const results = await Promise.all(
        Array.from({ length: 50 }, () => read(h.as(token).api.reports.$post({ json: report }))),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
      expect(await countRows()).toEqual({ reports: 1, issues: 2, events: 2 });
    });

    it('an issue id already used by another report is 409 and writes nothing', async () => {
      const token = await h.login('observer');
      const first = buildReport();
      await read(h.as(token).api.reports.$post({ json: first }));
      const res = await read(
        h
          .as(token)
          .api.reports.$post({ json: buildReport({ cellId: 'hn-xom-2', issues: first.issues }) }),
      );
      expect(res.status).toBe(409);
      expect(await countRows()).toEqual({ reports: 1, issues: 2, events: 2 });
    });
  });

  describe('impossible reports are 422 with the field named, and nothing is written', () => {
    const base = buildReport();
    it.each([
      [
        'present > total − exempted',
        { attendance: { ...base.attendance, present: 30 } },
        'attendance.present',
      ],
      [
        'attendance that does not add up',
        { attendance: { ...base.attendance, absentWithReason: 5 } },
        'attendance.absentWithReason',
      ],
      [
        'more speakers than present',
        { attendance: { ...base.attendance, speakers: 27 } },
        'attendance.speakers',
      ],
      ['a score above the item maximum', { scores: { ...fullScores(), 'g1.1': 6 } }, 'scores.g1.1'],
      ['an unknown criteria item', { scores: { ...fullScores(), 'g9.9': 1 } }, 'scores.g9.9'],
      [
        'an unscored item',
        { scores: Object.fromEntries(Object.entries(fullScores()).filter(([k]) => k !== 'g3.1')) },
        'scores.g3.1',
      ],
      ['an unknown cell', { cellId: 'no-such-cell' }, 'cellId'],
      ['a cell not assigned to the caller', { cellId: 'tv-khoi-5' }, 'cellId'],
      ['a body that is not a cell', { cellId: 'hung-nguyen' }, 'cellId'],
      [
        'a meeting in the future',
        {
          meetingDate: '2026-11-20',
          startedAt: '2026-11-20T19:00:00+07:00',
          endedAt: '2026-11-20T21:00:00+07:00',
        },
        'meetingDate',
      ],
      ['an end before the start', { endedAt: '2026-11-03T19:00:00+07:00' }, 'endedAt'],
      ['a date that does not exist', { meetingDate: '2026-02-30' }, 'meetingDate'],
      ['an unknown criteria set', { criteriaSetId: 'nope' }, 'criteriaSetId'],
      [
        'an issue without a title',
        { issues: [{ id: randomUUID(), title: ' ', category: 'khac' }] },
        'issues.0.title',
      ],
      [
        'an unknown category',
        { issues: [{ id: randomUUID(), title: 'A', category: 'weather' }] },
        'issues.0.category',
      ],
      [
        'an unknown responsible body',
        {
          issues: [
            { id: randomUUID(), title: 'A', category: 'khac', responsibleBodyId: 'nowhere' },
          ],
        },
        'issues.0.responsibleBodyId',
      ],
      [
        'another cell as responsible body',
        {
          issues: [
            { id: randomUUID(), title: 'A', category: 'khac', responsibleBodyId: 'tv-khoi-5' },
          ],
        },
        'issues.0.responsibleBodyId',
      ],
      [
        'a string where a number belongs',
        { attendance: { ...base.attendance, total: '31' } },
        'attendance.total',
      ],
      ['a self-score over 100', { cellSelfScore: 101 }, 'cellSelfScore'],
      ['a non-uuid id', { id: 'abc' }, 'id'],
    ])('%s', async (_, patch, field) => {
      const token = await h.login('observer');
      const res = await read(
        h.as(token).api.reports.$post({ json: malformed({ ...buildReport(), ...patch }) }),
      );
      expect(res.status).toBe(422);
      expect(res.error?.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.error?.fields ?? {})).toContain(field);
      expect(await countRows()).toEqual({ reports: 0, issues: 0, events: 0 });
    });
  });

  it('only observers submit (403 for staff), and a token is needed (401)', async () => {
    const token = await h.login('commune');
    expect((await read(h.as(token).api.reports.$post({ json: buildReport() }))).status).toBe(403);
    expect((await read(h.as().api.reports.$post({ json: buildReport() }))).status).toBe(401);
  });
});

describe('GET /api/reports/:id', () => {
  it('shows the author, the bodies its issues went to and the admin; 404 to anyone else', async () => {
    const observer = await h.login('observer');
    const report = buildReport({
      issues: [
        { id: randomUUID(), title: 'An ninh', category: 'an_ninh_trat_tu' },
        { id: randomUUID(), title: 'Đất', category: 'dat_dai' },
      ],
    });
    await read(h.as(observer).api.reports.$post({ json: report }));
    const own = await read(h.as(observer).api.reports[':id'].$get({ param: { id: report.id } }));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      id: report.id,
      cellName: 'Chi bộ xóm 1',
      authorName: 'Nguyễn Văn An',
      score: 100,
      band: 'tot',
    });
    expect(own.body.groupScores.g1).toBe(5);
    expect(own.body.issues.map((i) => i.responsibleBodyId)).toEqual(['na-bnc', 'hung-nguyen']);

    for (const user of ['commune', 'province', 'admin']) {
      expect(
        (
          await read(
            h.as(await h.login(user)).api.reports[':id'].$get({ param: { id: report.id } }),
          )
        ).status,
        user,
      ).toBe(200);
    }
    for (const user of ['observer2', 'commune2']) {
      const res = await read(
        h.as(await h.login(user)).api.reports[':id'].$get({ param: { id: report.id } }),
      );
      expect(res.status, user).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('xóm 1');
    }
    expect(
      (await read(h.as(observer).api.reports[':id'].$get({ param: { id: randomUUID() } }))).status,
    ).toBe(404);
    expect(
      (await read(h.as(observer).api.reports[':id'].$get({ param: { id: 'not-a-uuid' } }))).status,
    ).toBe(404);
  });

  it('GET /api/reports lists only the caller’s reports', async () => {
    const observer = await h.login('observer');
    await read(h.as(observer).api.reports.$post({ json: buildReport() }));
    expect((await read(h.as(observer).api.reports.$get({ query: {} }))).body.items).toHaveLength(1);
    expect(
      (await read(h.as(await h.login('observer2')).api.reports.$get({ query: {} }))).body.items,
    ).toHaveLength(0);
  });
});
