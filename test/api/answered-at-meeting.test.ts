import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ActionType, IssueInput } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

const ANSWER = {
  by: 'Đồng chí Bí thư chi bộ',
  answer: 'Đã giải thích quy định cấp giấy chứng nhận; hộ gia đình nhất trí.',
};

/** A report on hn-xom-1 with an issue answered at the meeting and one to route (dat_dai → the commune). */
function reportWithAnswer(answered: Partial<IssueInput> = {}) {
  return buildReport({
    issues: [
      {
        id: randomUUID(),
        title: 'Thủ tục cấp giấy chứng nhận quyền sử dụng đất',
        detail: 'Hộ ông A hỏi về thủ tục.',
        category: 'dat_dai',
        answeredAtMeeting: ANSWER,
        ...answered,
      },
      { id: randomUUID(), title: 'Tranh chấp đất', detail: 'Chi tiết', category: 'dat_dai' },
    ],
  });
}

async function submit(report: ReturnType<typeof buildReport>) {
  return read(h.as(await h.login('observer')).api.reports.$post({ json: report }));
}

async function act(user: string, id: string, type: ActionType, note?: string) {
  const current = await read(
    h.as(await h.login('admin')).api.issues[':id'].$get({ param: { id } }),
  );
  return read(
    h.as(await h.login(user)).api.issues[':id'].actions.$post({
      param: { id },
      json: { type, expectedVersion: current.body.version, ...(note ? { note } : {}) },
    }),
  );
}

describe('an issue answered at the meeting (trực tiếp giải đáp)', () => {
  it('is stored answered, routed to nobody, in the report and issue views with its answer, counted in synthesis', async () => {
    const report = reportWithAnswer();
    const res = await submit(report);
    expect(res.status).toBe(201);
    const [answered, routed] = res.body.issues;
    expect(answered).toMatchObject({
      status: 'answered_at_meeting',
      responsibleBodyId: 'hn-xom-1',
    });
    expect(routed).toMatchObject({ status: 'routed', responsibleBodyId: 'hung-nguyen' });

    // No body's inbox shows it: not the commune's, not an admin naming the cell.
    const commune = await read(h.as(await h.login('commune')).api.inbox.$get({ query: {} }));
    expect(commune.body.items.map((i) => i.id)).toEqual([routed!.id]);
    const admin = await h.login('admin');
    const cellInbox = await h.raw('GET', '/api/inbox?bodyId=hn-xom-1', { token: admin });
    expect(cellInbox.status).toBe(200);
    expect((cellInbox.body as { items: unknown[] }).items).toEqual([]);
    const overdue = await read(
      h.as(await h.login('commune')).api.inbox.$get({ query: { overdue: 'true' } }),
    );
    expect(overdue.body.items).toEqual([]);

    // The report view shows who answered and the answer.
    const view = await read(
      h.as(await h.login('observer')).api.reports[':id'].$get({ param: { id: report.id } }),
    );
    expect(view.body.issues[0]).toMatchObject({
      status: 'answered_at_meeting',
      answer: ANSWER.answer,
      answeredAtMeeting: ANSWER,
      overdue: false,
    });
    expect(view.body.issues[0]!.closedAt).not.toBeNull();
    expect(view.body.issues[1]!.answeredAtMeeting).toBeNull();

    // The issue view: one event in the append-only history, the answer as its note.
    const issue = await read(
      h.as(await h.login('observer')).api.issues[':id'].$get({ param: { id: answered!.id } }),
    );
    expect(issue.status).toBe(200);
    expect(issue.body.answeredAtMeeting).toEqual(ANSWER);
    expect(issue.body.events).toHaveLength(1);
    expect(issue.body.events[0]).toMatchObject({
      type: 'answered_at_meeting',
      note: ANSWER.answer,
      toStatus: 'answered_at_meeting',
      toBodyId: null,
    });
    // The commune staff neither hold it nor read it (it never reached them).
    const asCommune = await read(
      h.as(await h.login('commune')).api.issues[':id'].$get({ param: { id: answered!.id } }),
    );
    expect(asCommune.status).toBe(404);

    // Synthesis: counted as answered on the spot, among the answered, under no body.
    const syn = await read(
      h.as(await h.login('commune')).api.synthesis.$get({ query: { month: '2026-11' } }),
    );
    expect(syn.status).toBe(200);
    expect(syn.body.issues).toMatchObject({
      raised: 2,
      answeredAtMeeting: 1,
      answered: 1,
      resolved: 0,
      open: 1,
      overdue: 0,
    });
    expect(syn.body.issues.byStatus).toMatchObject({ answered_at_meeting: 1, routed: 1 });
    expect(syn.body.issues.byBody.map((b) => b.bodyId)).toEqual(['hung-nguyen']);
  });

  it('is part of the exactly-once submission: an identical resend is 200, a changed answer 409', async () => {
    const report = reportWithAnswer();
    expect((await submit(report)).status).toBe(201);
    const again = await submit(report);
    expect(again.status).toBe(200);
    expect(again.body.issues[0]!.status).toBe('answered_at_meeting');
    const changed = structuredClone(report);
    changed.issues[0]!.answeredAtMeeting = { ...ANSWER, by: 'Đồng chí Phó Bí thư' };
    const conflict = await submit(changed);
    expect(conflict.status).toBe(409);
    expect(conflict.error?.code).toBe('REPORT_CONFLICT');
  });

  it.each([
    [{ by: ' ', answer: 'Đã giải đáp' }, 'issues.0.answeredAtMeeting.by'],
    [{ by: 'Bí thư chi bộ', answer: '' }, 'issues.0.answeredAtMeeting.answer'],
  ])('422 with the field named when a part is empty (%j)', async (answer, field) => {
    const res = await submit(reportWithAnswer({ answeredAtMeeting: answer }));
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {})).toEqual([field]);
  });

  it('422 when it also names a body to route to', async () => {
    const res = await submit(reportWithAnswer({ responsibleBodyId: 'na-bnc' }));
    expect(res.status).toBe(422);
    expect(res.error?.fields).toHaveProperty(['issues.0.responsibleBodyId']);
  });

  it('is reopened by its author like any answered issue: routed by the rules, with deadlines', async () => {
    const res = await submit(reportWithAnswer());
    const id = res.body.issues[0]!.id;
    // The commune never held it: it may not reopen it.
    expect((await act('commune', id, 'reopen', 'Chưa thỏa đáng')).status).toBe(404);
    // A reopen needs a reason, as for any answered issue.
    expect((await act('observer', id, 'reopen')).status).toBe(422);

    h.clock.set('2026-11-06T10:00:00+07:00');
    const reopened = await act(
      'observer',
      id,
      'reopen',
      'Hộ gia đình đề nghị xã trả lời bằng văn bản',
    );
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({
      status: 'routed',
      responsibleBodyId: 'hung-nguyen',
      deadlineProfile: 'normal',
      closedAt: null,
      answeredAtMeeting: null,
      overdue: false,
    });
    // Deadlines from the reopening, in working days (Friday 06/11: 3 to acknowledge, 20 to answer).
    expect(reopened.body.ackDueAt?.slice(0, 10)).toBe('2026-11-11');
    expect(reopened.body.dueAt.slice(0, 10)).toBe('2026-12-04');

    const inbox = await read(h.as(await h.login('commune')).api.inbox.$get({ query: {} }));
    expect(inbox.body.items.map((i) => i.id)).toContain(id);
    // The commune now acts on it as on any routed issue.
    expect((await act('commune', id, 'acknowledge')).body.status).toBe('acknowledged');

    const events = (
      await read(h.as(await h.login('observer')).api.issues[':id'].$get({ param: { id } }))
    ).body.events;
    expect(events.map((e) => e.type)).toEqual(['answered_at_meeting', 'reopen', 'acknowledge']);
    expect(events[1]).toMatchObject({
      fromStatus: 'answered_at_meeting',
      toStatus: 'routed',
      fromBodyId: null,
      toBodyId: 'hung-nguyen',
    });
  });

  it('is reopened only within the window, like any answer', async () => {
    const id = (await submit(reportWithAnswer())).body.issues[0]!.id;
    h.clock.set('2026-12-06T10:00:00+07:00');
    const late = await act('observer', id, 'reopen', 'Lại tái diễn');
    expect(late.status).toBe(409);
    expect(late.error?.code).toBe('REOPEN_WINDOW_PASSED');
  });
});
