import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../../api/src/db/rows.ts';
import { DEMO_UNITS, DEMO_USERS } from '../../api/src/db/seed-data.ts';
import type { Harness } from './app.ts';
import { read } from '../support/client.ts';
import { buildReport, fullScores } from './reports.ts';
import type { ActionType, ReportInput } from '@duhop/shared';

/** Rows of a raw query on the test database. */
export const rows = <T = Record<string, unknown>>(h: Harness, query: ReturnType<typeof sql>) =>
  queryRows<T>(h.database.db, query);

/** Puts the demo assignments back (tests here add, end and import assignments). */
export async function resetAssignments(h: Harness): Promise<void> {
  await h.database.exec('delete from assignments');
  for (const u of DEMO_USERS) {
    for (const cellId of u.cells ?? []) {
      await rows(
        h,
        sql`insert into assignments (user_id, cell_id, decision_no, valid_from)
            select id, ${cellId}, '125-QĐ/ĐU', '2025-07-01' from users where username = ${u.username}`,
      );
    }
  }
}

/** Reopens every demo unit (tests here close cells to simulate a merger). */
export async function resetUnits(h: Harness): Promise<void> {
  const ids = DEMO_UNITS.map((u) => `'${u.id}'`).join(', ');
  await h.database.exec(
    `update org_units set valid_to = null, successor_id = null where id in (${ids})`,
  );
}

export async function userId(h: Harness, username: string): Promise<string> {
  const [r] = await rows<{ id: string }>(h, sql`select id from users where username = ${username}`);
  return r!.id;
}

/** Submits a report as `username` at the harness clock; expects 201. */
export async function submit(h: Harness, username: string, overrides: Partial<ReportInput> = {}) {
  const token = await h.login(username);
  const res = await read(h.as(token).api.reports.$post({ json: buildReport(overrides) }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A meeting on `date` (19:30–21:15 local). */
export const meetingOn = (date: string) => ({
  meetingDate: date,
  startedAt: `${date}T19:30:00+07:00`,
  endedAt: `${date}T21:15:00+07:00`,
});

/** `app.request` returning the raw bytes (for file downloads). */
export async function download(h: Harness, path: string, token?: string) {
  const res = await h.app.request(path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Applies a lifecycle action as `username` at the harness clock; expects 200. */
export async function act(
  h: Harness,
  username: string,
  issueId: string,
  type: ActionType,
  note?: string,
) {
  const token = await h.login(username);
  const current = await read(h.as(token).api.issues[':id'].$get({ param: { id: issueId } }));
  const res = await read(
    h.as(token).api.issues[':id'].actions.$post({
      param: { id: issueId },
      json: { type, note, expectedVersion: current.body.version },
    }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const issue = (title: string, category: string, responsibleBodyId?: string) => ({
  id: crypto.randomUUID(),
  title,
  detail: '',
  category: category as never,
  urgency: 'normal' as const,
  ...(responsibleBodyId ? { responsibleBodyId } : {}),
});

/**
 * The hand-checked month of the synthesis and export tests (figures in synthesis.test.ts):
 * October: one report (hn-xom-1, 100). November, Hưng Nguyên: R1 hn-xom-1 100 (self 92, on time,
 * 2 issues to the commune: one acknowledged after 2 working days then resolved after 5, one
 * acknowledged after 1), R2 hn-xom-2 88 (self 100, late, 1 issue to Ban Nội chính, never
 * acknowledged), R3 hn-th 60 (self 75, on time, 1 issue to Sở NN&MT, never acknowledged);
 * hn-yen-ho never reported. Trường Vinh: R4 tv-yen-giang 45 (no self-score, 1 issue). Clock ends
 * on 2026-11-25 10:00 +07:00.
 */
export async function buildNovember(h: Harness) {
  h.clock.set('2026-10-05T09:00:00+07:00');
  const r0 = await submit(h, 'observer', {
    cellId: 'hn-xom-1',
    ...meetingOn('2026-10-03'),
    issues: [],
  });

  h.clock.set('2026-11-05T09:00:00+07:00'); // Thursday
  const r1 = await submit(h, 'observer', {
    cellId: 'hn-xom-1',
    cellSelfScore: 92,
    issues: [
      issue('Đường liên xóm xuống cấp', 'ha_tang_giao_thong'),
      issue('Tranh chấp đất đai', 'dat_dai'),
    ],
  });
  const r4 = await submit(h, 'observer3', {
    cellId: 'tv-yen-giang',
    cellSelfScore: null,
    scores: {
      ...fullScores(),
      'g6.1': 10,
      'g4.2': 0,
      'g4.9': 0,
      'g4.1': 0,
      'g3.1': 0,
      'g3.2': 0,
      'g3.3': 0,
      'g3.4': 0,
      'g3.5': 0,
    },
    issues: [issue('Cống thoát nước tắc', 'ha_tang_giao_thong')],
  });
  h.clock.set('2026-11-06T10:00:00+07:00');
  await act(h, 'commune', r1.issues[1]!.id, 'acknowledge');
  h.clock.set('2026-11-09T10:00:00+07:00'); // Monday
  await act(h, 'commune', r1.issues[0]!.id, 'acknowledge');
  const r3 = await submit(h, 'observer', {
    cellId: 'hn-th',
    cellSelfScore: 75,
    scores: { ...fullScores(), 'g6.1': 10, 'g4.2': 0, 'g4.9': 0 },
    issues: [issue('Rác thải ven sông', 'moi_truong', 'na-snnmt')],
  });
  h.clock.set('2026-11-11T08:00:00+07:00');
  const r2 = await submit(h, 'observer', {
    cellId: 'hn-xom-2',
    cellSelfScore: 100,
    scores: { ...fullScores(), 'g6.1': 20, 'g1.1': 3 },
    issues: [issue('Trộm cắp tài sản', 'an_ninh_trat_tu')],
  });
  h.clock.set('2026-11-12T15:00:00+07:00'); // Thursday
  await act(h, 'commune', r1.issues[0]!.id, 'resolve', 'Đã sửa xong đoạn đường.');
  h.clock.set('2026-11-25T10:00:00+07:00');
  expect([r0.score, r1.score, r2.score, r3.score, r4.score]).toEqual([100, 100, 88, 60, 45]);
  return { r0, r1, r2, r3, r4 };
}
