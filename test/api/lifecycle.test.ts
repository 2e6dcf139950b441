import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escalateOverdue } from '../../api/src/features/issues/escalation.ts';
import { useHarness } from '../support/app.ts';
import type { ActionType } from '@duhop/shared';
import { malformed, read } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

/** Submits a report with one issue routed to the Hưng Nguyên commune committee; returns its id. */
async function raise(category = 'dat_dai', extra: Record<string, unknown> = {}) {
  const token = await h.login('observer');
  const res = await read(
    h.as(token).api.reports.$post({
      json: buildReport({
        issues: [
          {
            id: randomUUID(),
            title: 'Tranh chấp đất',
            detail: 'Chi tiết',
            category: category as never,
            ...extra,
          },
        ],
      }),
    }),
  );
  expect(res.status).toBe(201);
  return res.body.issues[0]!.id;
}

/** `type` is a plain string: the it.each tables below name actions as text. */
async function act(user: string, id: string, type: string, extra: Record<string, unknown> = {}) {
  const token = await h.login(user);
  const current = await read(
    h.as(await h.login('admin')).api.issues[':id'].$get({ param: { id } }),
  );
  return read(
    h.as(token).api.issues[':id'].actions.$post({
      param: { id },
      json: { type: type as ActionType, expectedVersion: current.body.version, ...extra },
    }),
  );
}

/** Brings an issue to a status through allowed steps. */
async function toStatus(id: string, status: string) {
  const steps: Record<string, [string, string, Record<string, unknown>?][]> = {
    routed: [],
    acknowledged: [['commune', 'acknowledge']],
    in_progress: [
      ['commune', 'acknowledge'],
      ['commune', 'start'],
    ],
    forwarded: [['commune', 'forward', { toBodyId: 'na-bnc', note: 'Vượt thẩm quyền xã' }]],
    returned: [['commune', 'return_for_clarification', { note: 'Ghi rõ thửa đất' }]],
    resolved: [['commune', 'resolve', { note: 'Đã hòa giải thành' }]],
    scheduled: [['commune', 'schedule', { note: 'Quý I/2027 sẽ đo đạc lại' }]],
    explained: [['commune', 'explain', { note: 'Không có cơ sở' }]],
    rejected: [['commune', 'reject', { note: 'Không thuộc thẩm quyền' }]],
  };
  for (const [user, type, extra] of steps[status]!)
    expect((await act(user, id, type, extra)).status).toBe(200);
}

const NOTE = { note: 'Nội dung', toBodyId: 'na-bnc' };

describe('issue lifecycle: every transition, allowed and refused', () => {
  it.each([
    ['routed', 'acknowledge', 'acknowledged'],
    ['routed', 'forward', 'forwarded'],
    ['routed', 'return_for_clarification', 'returned'],
    ['routed', 'resolve', 'resolved'],
    ['routed', 'reject', 'rejected'],
    ['acknowledged', 'start', 'in_progress'],
    ['acknowledged', 'schedule', 'scheduled'],
    ['in_progress', 'explain', 'explained'],
    ['in_progress', 'resolve', 'resolved'],
    ['in_progress', 'forward', 'forwarded'],
    ['resolved', 'reopen', 'in_progress'],
    ['rejected', 'reopen', 'in_progress'],
  ])('staff of the holding body: %s --%s--> %s', async (from, type, to) => {
    const id = await raise();
    await toStatus(id, from);
    const res = await act('commune', id, type, NOTE);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(to);
    const detail = await read(
      h.as(await h.login('admin')).api.issues[':id'].$get({ param: { id } }),
    );
    expect(detail.body.events.at(-1)).toMatchObject({
      type,
      fromStatus: from,
      toStatus: to,
      actorName: 'Trần Thị Bình',
    });
  });

  it.each([
    ['acknowledged', 'acknowledge'],
    ['routed', 'start'],
    ['resolved', 'resolve'],
    ['resolved', 'forward'],
    ['returned', 'acknowledge'],
    ['in_progress', 'reopen'],
  ])('from %s, %s is 409 TRANSITION_NOT_ALLOWED and changes nothing', async (from, type) => {
    const id = await raise();
    await toStatus(id, from);
    const before = await read(
      h.as(await h.login('admin')).api.issues[':id'].$get({ param: { id } }),
    );
    const res = await act('commune', id, type, NOTE);
    expect(res.status).toBe(409);
    expect(res.error?.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(
      (await read(h.as(await h.login('admin')).api.issues[':id'].$get({ param: { id } }))).body,
    ).toEqual(before.body);
  });

  it.each([
    ['observer (author)', 'observer', 'acknowledge', 403],
    ['observer (author)', 'observer', 'resolve', 403],
    ['another observer', 'observer2', 'clarify', 404],
    ['staff of another commune', 'commune2', 'acknowledge', 404],
    ['staff of the province board', 'province', 'acknowledge', 404],
  ])('%s may not %s (%i), nothing written', async (_, user, type, status) => {
    const id = await raise();
    if (type === 'clarify') await toStatus(id, 'returned');
    const res = await act(user, id, type, NOTE);
    expect(res.status).toBe(status);
    const detail = await read(
      h.as(await h.login('admin')).api.issues[':id'].$get({ param: { id } }),
    );
    expect(detail.body.events.at(-1)!.type).toBe(
      type === 'clarify' ? 'return_for_clarification' : 'routed',
    );
  });

  it('the observer answers a return for clarification, and the clock restarts', async () => {
    const id = await raise();
    await toStatus(id, 'returned');
    h.clock.set('2026-11-09T10:00:00+07:00');
    const res = await act('observer', id, 'clarify', { note: 'Thửa đất số 125, tờ bản đồ 7' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'routed', responsibleBodyId: 'hung-nguyen' });
    expect(res.body.dueAt.slice(0, 10)).toBe('2026-12-07');
  });

  it('the observer may reopen an answered issue within 30 days, not after', async () => {
    const id = await raise();
    await toStatus(id, 'resolved');
    h.clock.advance(10 * 86_400_000);
    expect(
      (await act('observer', id, 'reopen', { note: 'Chưa giải quyết dứt điểm' })).body.status,
    ).toBe('in_progress');
    await toStatus(id, 'resolved');
    h.clock.advance(31 * 86_400_000);
    const late = await act('observer', id, 'reopen', { note: 'Lại tái diễn' });
    expect(late.status).toBe(409);
    expect(late.error?.code).toBe('REOPEN_WINDOW_PASSED');
  });

  it('forward moves the issue to the new body and restarts its clock', async () => {
    const id = await raise();
    h.clock.set('2026-11-06T08:00:00+07:00');
    const res = await act('commune', id, 'forward', {
      toBodyId: 'na-bnc',
      note: 'Vượt thẩm quyền xã',
    });
    expect(res.body).toMatchObject({
      status: 'forwarded',
      responsibleBodyId: 'na-bnc',
      version: 2,
    });
    expect(res.body.dueAt.slice(0, 10)).toBe('2026-12-04');
    const province = await h.login('province');
    expect(
      (await read(h.as(province).api.inbox.$get({ query: {} }))).body.items.map((i) => i.id),
    ).toEqual([id]);
    expect(
      (await read(h.as(await h.login('commune')).api.inbox.$get({ query: {} }))).body.items,
    ).toEqual([]);
    // The commune no longer holds it: it still reads how it ends, but may not act on it.
    expect(
      (await read(h.as(await h.login('commune')).api.issues[':id'].$get({ param: { id } }))).status,
    ).toBe(200);
    expect((await act('commune', id, 'acknowledge')).status).toBe(403);
    expect((await act('commune2', id, 'acknowledge')).status).toBe(404);
    expect(
      (
        await act('province', id, 'resolve', {
          note: 'Đã chỉ đạo công an xã xử lý',
          documentNo: '125-CV/BNCTU',
        })
      ).body,
    ).toMatchObject({
      status: 'resolved',
      answer: 'Đã chỉ đạo công an xã xử lý',
      documentNo: '125-CV/BNCTU',
    });
  });

  it.each([
    ['resolve without an answer', 'resolve', {}, 'note'],
    ['reject without a reason', 'reject', { note: '   ' }, 'note'],
    ['forward without a body', 'forward', { note: 'Lý do' }, 'toBodyId'],
    ['forward to an unknown body', 'forward', { note: 'Lý do', toBodyId: 'nowhere' }, 'toBodyId'],
    ['forward to a cell', 'forward', { note: 'Lý do', toBodyId: 'hn-xom-2' }, 'toBodyId'],
    ['forward to itself', 'forward', { note: 'Lý do', toBodyId: 'hung-nguyen' }, 'toBodyId'],
  ])('%s is 422 naming the field, the issue unchanged', async (_, type, extra, field) => {
    const id = await raise();
    const res = await act('commune', id, type, extra);
    expect(res.status).toBe(422);
    expect(res.error?.fields).toHaveProperty([field]);
    expect(
      (await read(h.as(await h.login('admin')).api.issues[':id'].$get({ param: { id } }))).body
        .version,
    ).toBe(1);
  });

  it('forward to a closed body is 422', async () => {
    const id = await raise();
    await h.database.exec(`update org_units set valid_to = '2026-10-31' where id = 'na-sni'`);
    try {
      expect((await act('commune', id, 'forward', { note: 'x', toBodyId: 'na-sni' })).status).toBe(
        422,
      );
    } finally {
      await h.database.exec(`update org_units set valid_to = null where id = 'na-sni'`);
    }
  });

  it('two staff acting at once: one wins, the other gets 409 VERSION_CONFLICT', async () => {
    const id = await raise();
    const [a, b] = await Promise.all([h.login('commune'), h.login('commune')]);
    const results = await Promise.all([
      read(
        h.as(a).api.issues[':id'].actions.$post({
          param: { id },
          json: { type: 'acknowledge', expectedVersion: 1 },
        }),
      ),
      read(
        h.as(b).api.issues[':id'].actions.$post({
          param: { id },
          json: { type: 'resolve', note: 'Xong', expectedVersion: 1 },
        }),
      ),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(['VERSION_CONFLICT', 'TRANSITION_NOT_ALLOWED']).toContain(loser.error?.code);
    const detail = await read(h.as(a).api.issues[':id'].$get({ param: { id } }));
    expect(detail.body.version).toBe(2);
    expect(detail.body.events).toHaveLength(2);
  });

  it('a stale expectedVersion is 409 VERSION_CONFLICT', async () => {
    const id = await raise();
    const token = await h.login('commune');
    await read(
      h.as(token).api.issues[':id'].actions.$post({
        param: { id },
        json: { type: 'acknowledge', expectedVersion: 1 },
      }),
    );
    const res = await read(
      h.as(token).api.issues[':id'].actions.$post({
        param: { id },
        json: { type: 'start', expectedVersion: 1 },
      }),
    );
    expect(res.status).toBe(409);
    expect(res.error?.code).toBe('VERSION_CONFLICT');
  });
});

describe('deadlines and escalation', () => {
  it('counts working days across Tết 2026', async () => {
    h.clock.set('2026-02-12T10:00:00+07:00');
    const token = await h.login('observer');
    const res = await read(
      h.as(token).api.reports.$post({
        json: buildReport({
          meetingDate: '2026-02-03',
          startedAt: '2026-02-03T19:30:00+07:00',
          endedAt: '2026-02-03T21:15:00+07:00',
          issues: [{ id: randomUUID(), title: 'Khẩn', category: 'khac', urgency: 'urgent' }],
        }),
      }),
    );
    // Feb 13 is the 1st working day; Feb 16–20 are Tết; 10 working days end on Mar 5.
    expect(res.body.issues[0]!.dueAt).toBe('2026-03-05T23:59:59.999+07:00');
  });

  it('escalates an overdue issue once, and the parent body then sees it', async () => {
    const id = await raise('an_ninh_trat_tu'); // → na-bnc (child of the province committee)
    const now = new Date('2026-11-12T09:00:00+07:00');
    h.clock.set(now);
    const [first, second] = await Promise.all([
      escalateOverdue(h.database, now),
      escalateOverdue(h.database, now),
    ]);
    expect(first + second).toBe(1);
    expect(await escalateOverdue(h.database, now)).toBe(0);
    const admin = await h.login('admin');
    const detail = await read(h.as(admin).api.issues[':id'].$get({ param: { id } }));
    expect(detail.body).toMatchObject({ overdue: true, escalated: true });
    expect(detail.body.events.filter((e) => e.type === 'escalated')).toHaveLength(1);
    const view = await read(h.as(admin).api.inbox.$get({ query: { scope: 'escalated' } }));
    expect(view.body.items.map((i) => i.id)).toEqual([id]);
    // Before the deadline nothing escalates.
    expect(await escalateOverdue(h.database, new Date('2026-11-06T09:00:00+07:00'))).toBe(0);
  });
});

describe('bulk actions, templates and the observer’s feed', () => {
  it('acknowledges many issues, each checked on its own', async () => {
    const a = await raise();
    const b = await raise();
    await toStatus(b, 'resolved');
    const res = await read(
      h.as(await h.login('commune')).api.issues['bulk-actions'].$post({
        json: {
          type: 'acknowledge',
          items: [
            { id: a, expectedVersion: 1 },
            { id: b, expectedVersion: 2 },
            { id: randomUUID(), expectedVersion: 1 },
          ],
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => [r.ok, r.status])).toEqual([
      [true, 200],
      [false, 409],
      [false, 404],
    ]);
  });

  it('staff keep answer templates for their body only', async () => {
    const commune = await h.login('commune');
    const created = await read(
      h.as(commune).api['answer-templates'].$post({
        json: { title: 'Đã hòa giải', text: 'UBND xã đã tổ chức hòa giải thành.' },
      }),
    );
    expect(created.status).toBe(201);
    expect(
      (await read(h.as(commune).api['answer-templates'].$get({ query: {} }))).body.items,
    ).toHaveLength(1);
    const other = await h.login('commune2');
    expect(
      (await read(h.as(other).api['answer-templates'].$get({ query: {} }))).body.items,
    ).toHaveLength(0);
    expect(
      (
        await read(
          h.as(other).api['answer-templates'][':id'].$put({
            param: { id: created.body.id },
            json: { title: 'x', text: 'y' },
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await read(
          h.as(other).api['answer-templates'].$post({
            json: { title: 'x', text: 'y', bodyId: 'hung-nguyen' },
          }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await read(
          h.as(commune).api['answer-templates'][':id'].$put({
            param: { id: created.body.id },
            json: { title: 'Hòa giải', text: 'Mới' },
          }),
        )
      ).body.text,
    ).toBe('Mới');
    expect(
      (
        await read(
          h.as(commune).api['answer-templates'][':id'].$delete({ param: { id: created.body.id } }),
        )
      ).status,
    ).toBe(200);
    expect(
      (await read(h.as(await h.login('observer')).api['answer-templates'].$get({ query: {} })))
        .status,
    ).toBe(403);
    expect(
      (await read(h.as(commune).api['answer-templates'].$post({ json: malformed({ title: '' }) })))
        .status,
    ).toBe(422);
  });

  it('the observer sees their issues and what changed since a cursor', async () => {
    const id = await raise();
    const observer = await h.login('observer');
    const first = await read(h.as(observer).api.my.events.$get({ query: {} }));
    expect(first.body.items.map((e) => e.type)).toEqual(['routed']);
    await toStatus(id, 'resolved');
    const next = await read(
      h.as(observer).api.my.events.$get({ query: { after: first.body.nextCursor! } }),
    );
    expect(next.body.items).toEqual([
      expect.objectContaining({
        type: 'resolve',
        issueId: id,
        note: 'Đã hòa giải thành',
        issueTitle: 'Tranh chấp đất',
      }),
    ]);
    const mine = await read(h.as(observer).api.my.issues.$get({ query: {} }));
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id, status: 'resolved', answer: 'Đã hòa giải thành' }),
    ]);
    expect(
      (await read(h.as(await h.login('observer2')).api.my.events.$get({ query: {} }))).body.items,
    ).toEqual([]);
  });
});
