import { randomUUID } from 'node:crypto';
import {
  actorKindsFor,
  availableActions,
  OrgIndex,
  TRANSITIONS,
  type ActionType,
  type Issue,
  type OrgUnit,
} from '@duhop/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';
import { tokenFor } from '../support/tokens.ts';

// Issue 12: who may act on an issue is one rule (shared `actorKindsFor`). The extension applies it
// to the graph it loads from GET /api/org-units; here every caller's offered actions are checked
// against what the API then does with each action.
const h = useHarness('2026-11-05T09:00:00+07:00');

beforeAll(async () => {
  // Staff above the holder (the province committee), a leader there too, and staff of a board
  // below the holder: neither a sibling nor a child is a parent body.
  await h.database.exec(`
    insert into users (username, display_name, role, org_unit_id, password_hash) values
      ('tu-staff', 'Staff Tỉnh ủy', 'staff', 'na-tu', 'x'),
      ('tu-leader', 'Leader Tỉnh ủy', 'leader', 'na-tu', 'x'),
      ('vp-staff', 'Staff Văn phòng xã', 'staff', 'hung-nguyen-vp', 'x'),
      ('cell-staff', 'Staff of a cell', 'staff', 'hn-xom-1', 'x')
    on conflict do nothing;`);
});

/** An issue routed to Đảng ủy xã Hưng Nguyên, raised by `observer`; optionally brought to `status` by the commune. */
async function raise(
  status: 'routed' | 'returned' | 'resolved' | 'answered_at_meeting' = 'routed',
): Promise<string> {
  // Answered at the meeting: the cell (hn-xom-1) stands in the body column, held by nobody.
  const answeredAtMeeting =
    status === 'answered_at_meeting' ? { by: 'Bí thư chi bộ', answer: 'Đã giải đáp' } : undefined;
  const res = await read(
    h.as(await tokenFor(h.database, 'observer')).api.reports.$post({
      json: buildReport({
        issues: [
          {
            id: randomUUID(),
            title: 'Tranh chấp đất',
            detail: 'Chi tiết',
            category: 'dat_dai',
            ...(answeredAtMeeting ? { answeredAtMeeting } : {}),
          },
        ],
      }),
    }),
  );
  expect(res.status).toBe(201);
  const id = res.body.issues[0]!.id;
  if (status !== 'routed' && status !== 'answered_at_meeting') {
    const type = status === 'returned' ? 'return_for_clarification' : 'resolve';
    const done = await read(
      h.as(await tokenFor(h.database, 'commune')).api.issues[':id'].actions.$post({
        param: { id },
        json: { type, note: 'Ghi chú', expectedVersion: 1 },
      }),
    );
    expect(done.status).toBe(200);
  }
  return id;
}

/** What the issue screen offers `username`: the shared rule over the graph the extension loads. */
async function offered(username: string, issue: Issue): Promise<ActionType[]> {
  const token = await tokenFor(h.database, username);
  const me = await read(h.as(token).api.me.$get());
  const units = await read(h.as(token).api['org-units'].$get());
  const org = new OrgIndex<OrgUnit>(units.body.items);
  return availableActions(issue.status, actorKindsFor(me.body.user, issue, org));
}

/**
 * What the API does with each action by `username`, without changing the issue: a stale version
 * passes the authorisation and transition checks first, so 409 VERSION_CONFLICT means "allowed".
 */
async function allowed(
  username: string,
  issue: Issue,
): Promise<{ allowed: ActionType[]; refusals: number[] }> {
  const token = await tokenFor(h.database, username);
  const out: ActionType[] = [];
  const refusals: number[] = [];
  for (const type of Object.keys(TRANSITIONS) as ActionType[]) {
    const res = await read(
      h.as(token).api.issues[':id'].actions.$post({
        param: { id: issue.id },
        json: { type, note: 'Nội dung', toBodyId: 'na-btc', expectedVersion: issue.version + 1000 },
      }),
    );
    if (res.status === 409 && res.error?.code === 'VERSION_CONFLICT') out.push(type);
    else {
      expect([403, 404, 409]).toContain(res.status);
      if (res.status !== 409) refusals.push(res.status);
    }
  }
  return { allowed: out, refusals };
}

const USERS = [
  'commune',
  'tu-staff',
  'tu-leader',
  'province',
  'commune2',
  'vp-staff',
  'cell-staff',
  'observer',
  'observer2',
  'admin',
];

describe('the actions the extension offers are the ones the API allows', () => {
  const CASES = (
    [
      ['routed', false],
      ['routed', true],
      ['returned', false],
      ['resolved', false],
      ['answered_at_meeting', false],
    ] as const
  ).flatMap(([status, overdue]) => USERS.map((username) => [status, overdue, username] as const));

  it.each(CASES)('issue %s, overdue %s, as %s', async (status, overdue, username) => {
    const id = await raise(status);
    if (overdue) h.clock.advance(31 * 86_400_000);
    const issue: Issue = (
      await read(
        h.as(await tokenFor(h.database, 'admin')).api.issues[':id'].$get({ param: { id } }),
      )
    ).body;
    expect(issue.overdue).toBe(overdue);
    expect((await allowed(username, issue)).allowed).toEqual(await offered(username, issue));
  });

  it('staff of a body that is not above the holder see no action on an overdue issue, and are refused (403/404)', async () => {
    const id = await raise();
    h.clock.advance(31 * 86_400_000);
    const issue: Issue = (
      await read(
        h.as(await tokenFor(h.database, 'admin')).api.issues[':id'].$get({ param: { id } }),
      )
    ).body;
    expect(issue.overdue).toBe(true);
    for (const username of ['province', 'commune2', 'vp-staff']) {
      expect(await offered(username, issue), username).toEqual([]);
      const api = await allowed(username, issue);
      expect(api.allowed, username).toEqual([]);
      // Refused outright (not a transition error): 404 to a body that cannot even read it.
      expect(api.refusals.length, username).toBeGreaterThan(0);
      expect(new Set(api.refusals), username).toEqual(new Set([404]));
    }
    // The province committee above it may take it over, and does.
    expect(await offered('tu-staff', issue)).toContain('acknowledge');
    const res = await read(
      h.as(await tokenFor(h.database, 'tu-staff')).api.issues[':id'].actions.$post({
        param: { id },
        json: { type: 'acknowledge', expectedVersion: issue.version },
      }),
    );
    expect(res.status).toBe(200);
  });

  it('an issue answered at the meeting has no holder: staff of its cell are offered nothing and refused; its author may reopen it', async () => {
    const id = await raise('answered_at_meeting');
    const issue: Issue = (
      await read(
        h.as(await tokenFor(h.database, 'admin')).api.issues[':id'].$get({ param: { id } }),
      )
    ).body;
    expect(issue).toMatchObject({ status: 'answered_at_meeting', responsibleBodyId: 'hn-xom-1' });
    expect(await offered('cell-staff', issue)).toEqual([]);
    expect((await allowed('cell-staff', issue)).allowed).toEqual([]);
    expect(await offered('observer', issue)).toEqual(['reopen']);
    expect(await offered('commune', issue)).toEqual([]);
  });
});
