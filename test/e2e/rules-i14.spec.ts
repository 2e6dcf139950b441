import { readFile } from 'node:fs/promises';
import { localDate, type ReportView, type YearViewResponse } from '@duhop/shared';
import { buildReport } from '../support/reports.ts';
import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';

// Reports on the demo cells this month: a worker and an API of its own (fixtures.ts).
test.use({ isolatedApi: 'rules-i14' });

// Issue 14's member-facing rules, end to end. Not covered here: "Chưa đến hạn" on the compliance
// page early in a month needs the API's clock fixed, and the e2e API process (api-server.ts) runs on
// the real clock (the API suite covers it with a fixed clock).

const ANSWER = {
  by: 'Đồng chí Bí thư chi bộ',
  answer: 'Đã giải thích quy định cấp giấy chứng nhận quyền sử dụng đất; hộ gia đình nhất trí.',
};

/** Signs the extension in against the test API (through the relay) and closes the options page. */
async function signIn(
  context: Parameters<typeof OptionsPage.open>[0],
  extensionId: string,
  url: string,
  username: string,
) {
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(url);
  await options.signIn(username, 'demo1234');
  await options.page.close();
}

test('a member records one issue as answered at the meeting: stored answered, in no inbox, the answer shown in the report', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  await signIn(context, extensionId, relay.url, 'observer');
  const panel = await PanelPage.open(context, extensionId);
  const form = await panel.startReport('hn-xom-1');
  const reportId = form.draftId();
  await form.fillConsistent();

  // Issue 1: answered on the spot (no body to choose then); issue 2: routed by the rules.
  await form.addIssue({
    title: 'Thủ tục cấp giấy chứng nhận quyền sử dụng đất',
    detail: 'Hộ ông A hỏi về thủ tục.',
    category: 'Đất đai',
  });
  await form.addIssue({
    title: 'Đường liên xóm xuống cấp',
    detail: 'Đoạn 300 m qua xóm 1 nhiều ổ gà.',
    category: 'Hạ tầng – giao thông',
  });
  const first = form.issue(0);
  await expect(first.getByLabel('Cơ quan chịu trách nhiệm')).toBeVisible();
  await first.getByTestId('answered-at-meeting').check();
  await expect(first.getByLabel('Cơ quan chịu trách nhiệm')).toHaveCount(0);
  await expect(first).toContainText('không chuyển đến cơ quan nào');
  // Checked but empty: who answered and the answer are asked for before sending.
  await expect(form.submitButton()).toBeDisabled();
  await first.getByLabel('Người giải đáp').fill(ANSWER.by);
  await first.getByLabel('Nội dung giải đáp').fill(ANSWER.answer);
  await expect(form.issue(1).getByLabel('Cơ quan chịu trách nhiệm')).toContainText(
    'Theo quy tắc phân loại: Đảng ủy xã Hưng Nguyên',
  );
  await expect(form.submitButton()).toBeEnabled();
  await snap(panel.page, 'i14-answered-form');

  // Through the outbox: the panel goes home and the report is delivered.
  await form.submitButton().click();
  await panel.expectCellStatus('hn-xom-1', 'submitted');
  await expect(panel.outbox()).toHaveCount(0);

  // The server: the first issue answered at the meeting (routed to nobody), the second routed.
  const observer = await ServerClient.signIn(api.url, 'observer');
  const view = await observer.get<ReportView>(`/api/reports/${reportId}`);
  expect(view.issues).toHaveLength(2);
  const [answered, routed] = view.issues;
  expect(answered).toMatchObject({
    title: 'Thủ tục cấp giấy chứng nhận quyền sử dụng đất',
    status: 'answered_at_meeting',
    answeredAtMeeting: ANSWER,
    answer: ANSWER.answer,
    overdue: false,
  });
  expect(routed).toMatchObject({
    title: 'Đường liên xóm xuống cấp',
    status: 'routed',
    responsibleBodyId: 'hung-nguyen',
    answeredAtMeeting: null,
  });
  // In no inbox: the commune holds only the routed one; no body (the cell included) holds it.
  const commune = await ServerClient.signIn(api.url, 'commune');
  const inbox = (await commune.get<{ items: { id: string }[] }>('/api/inbox')).items.map(
    (i) => i.id,
  );
  expect(inbox).toContain(routed!.id);
  expect(inbox).not.toContain(answered!.id);
  const admin = await ServerClient.signIn(api.url, 'admin');
  for (const body of ['hung-nguyen', 'hn-xom-1', 'na-bnc']) {
    const items = (await admin.get<{ items: { id: string }[] }>(`/api/inbox?bodyId=${body}`)).items;
    expect(items.map((i) => i.id)).not.toContain(answered!.id);
  }

  // The report view in the side panel: the answer and who gave it; the other with its body.
  await panel.openSubmitted('Chi bộ xóm 1');
  const answeredRow = panel.page.locator(`[data-issue="${answered!.id}"]`);
  await expect(answeredRow).toHaveAttribute('data-status', 'answered_at_meeting');
  await expect(answeredRow).toContainText('Giải đáp tại hội nghị');
  await expect(answeredRow.getByTestId('issue-answered-at-meeting')).toContainText(
    `Giải đáp tại hội nghị: ${ANSWER.by}`,
  );
  await expect(answeredRow.getByTestId('issue-answered-at-meeting')).toContainText(ANSWER.answer);
  await expect(answeredRow.getByTestId('issue-body')).toHaveCount(0);
  const routedRow = panel.page.locator(`[data-issue="${routed!.id}"]`);
  await expect(routedRow).toContainText('Đã chuyển');
  await expect(routedRow.getByTestId('issue-body')).toHaveText('Đảng ủy xã Hưng Nguyên');
  await snap(panel.page, 'i14-answered-report-view');
});

/** What the calls below read of an answer: a created record's id, or the error with its fields. */
type Answer = { id?: string; error?: { code: string; fields?: Record<string, string[]> } };

/** A call to the test API with the given body type; answers status and JSON (no throw on 4xx). */
async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const csv = typeof body === 'string';
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': csv ? 'text/csv' : 'application/json',
    },
    body: body === undefined ? undefined : csv ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

/**
 * Another province, imported by the admin, whose cell has a member assigned since 2019: only the
 * national HD 42 set (from 28/10/2025) applies there, so a 2024 meeting has no set in force, while
 * the member's assignment covers it (the server's refusal is about the criteria, not the cell).
 */
async function provinceWithoutOldSets(url: string): Promise<void> {
  const admin = await ServerClient.signIn(url, 'admin');
  const units = await call(
    url,
    admin.token,
    'POST',
    '/api/admin/org-units/import',
    [
      'Mã,Tên,Loại,Mã đơn vị cấp trên,Hiệu lực từ,Loại chi bộ,Ngày sinh hoạt',
      'ts-tu,Tỉnh ủy Thử Nghiệm,Tỉnh ủy,,01/01/2019,,',
      'ts-xa,Đảng ủy xã Thử,Đảng ủy xã,ts-tu,01/01/2019,,',
      'ts-cb,Chi bộ thôn Thử,Chi bộ,ts-xa,01/01/2019,Thôn,3',
      '',
    ].join('\r\n'),
  );
  expect(units.status, JSON.stringify(units.body)).toBe(201);
  const user = await call(url, admin.token, 'POST', '/api/admin/users', {
    username: 'ts-observer',
    displayName: 'Lê Thị Thử',
    role: 'observer',
    orgUnitId: 'ts-xa',
    password: 'tamthoi123',
  });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  // The admin's password is temporary: the member chooses their own first.
  const first = await ServerClient.signIn(url, 'ts-observer', 'tamthoi123');
  const changed = await call(url, first.token, 'POST', '/api/me/password', {
    currentPassword: 'tamthoi123',
    newPassword: 'demo1234',
  });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  const assigned = await call(url, admin.token, 'POST', '/api/assignments', {
    userId: user.body.id,
    cellId: 'ts-cb',
    decisionNo: '01-QĐ/ĐU',
    validFrom: '2019-01-01',
  });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
}

test('a meeting before any criteria set is in force: said at the date, no scoring offered, refused with the field named, the draft kept', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  await provinceWithoutOldSets(api.url);
  await signIn(context, extensionId, relay.url, 'ts-observer');
  const panel = await PanelPage.open(context, extensionId);
  const form = await panel.startReport('ts-cb');
  const draftId = form.draftId();
  // A complete report on the default date first: the national checklist is there, it could be sent.
  await form.fillConsistent();
  await expect(panel.page.getByTestId('criteria-set')).toBeVisible();
  await expect(form.submitButton()).toBeEnabled();

  // The meeting was in 2024: no set is in force for the cell's province then.
  await panel.page.locator('#f-date').fill('03/05/2024');
  const message = 'Chưa có bộ tiêu chí nào có hiệu lực cho chi bộ này vào ngày 03/05/2024';
  await expect(form.fieldErrors('f-date')).toContainText(message);
  await expect(panel.page.locator('#f-date')).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.page.getByTestId('no-criteria-set')).toContainText(message);
  // No scoring offered: no set named, no items, no "full marks", no targets, no total.
  await expect(panel.page.getByTestId('criteria-set')).toHaveCount(0);
  await expect(panel.page.getByRole('button', { name: /^Chấm đủ điểm/ })).toHaveCount(0);
  await expect(panel.page.locator('[id^="f-score-"]')).toHaveCount(0);
  await expect(panel.page.locator('#f-targets')).toHaveCount(0);
  await expect(form.total()).toHaveText('–');
  // Sending is refused: the button is off and the list of problems leads to the date.
  await expect(form.submitButton()).toBeDisabled();
  await expect(panel.page.getByText(/Còn \d+ mục cần hoàn thành trước khi gửi/)).toBeVisible();
  await panel.page.getByRole('button', { name: 'Xem các mục' }).click();
  await expect(panel.page.locator('[aria-invalid="true"]').first()).toHaveId('f-date');
  await snap(panel.page, 'i14-no-criteria-set');

  // The server refuses the same meeting with the date named (for a client that would send it).
  const member = await ServerClient.signIn(api.url, 'ts-observer');
  const refused = await call(
    api.url,
    member.token,
    'POST',
    '/api/reports',
    buildReport({
      cellId: 'ts-cb',
      meetingDate: '2024-05-03',
      startedAt: '2024-05-03T19:30:00+07:00',
      endedAt: '2024-05-03T21:15:00+07:00',
      issues: [],
    }),
  );
  expect(refused.status, JSON.stringify(refused.body)).toBe(422);
  expect(refused.body.error?.code).toBe('VALIDATION_FAILED');
  expect(refused.body.error?.fields?.meetingDate?.[0]).toContain('Chưa có bộ tiêu chí');

  // The draft is kept as it was: listed at home, reopened with its date and message.
  await panel.page.goto(`chrome-extension://${extensionId}/sidepanel.html#/`);
  // (The cell's status is this month's: the 2024 draft is listed among the drafts.)
  await expect(panel.drafts().filter({ hasText: 'Chi bộ thôn Thử' })).toHaveCount(1);
  await expect(panel.outbox()).toHaveCount(0);
  const again = await panel.resumeDraft('Chi bộ thôn Thử');
  expect(again.draftId()).toBe(draftId);
  await expect(panel.page.locator('#f-date')).toHaveValue('03/05/2024');
  await expect(panel.page.locator('#f-att-present')).toHaveValue('20');
  await expect(again.fieldErrors('f-date')).toContainText(message);
  await expect(again.submitButton()).toBeDisabled();
  const stored = (await member.get<{ items: { id: string }[] }>('/api/reports')).items;
  expect(stored).toEqual([]);
});

test('the commune reads its members’ year in "Tổng hợp năm" and downloads it as XLSX', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  const year = Number(localDate(new Date()).slice(0, 4));
  const commune = await ServerClient.signIn(api.url, 'commune');
  const expected = await commune.get<YearViewResponse>(`/api/year-view?year=${year}`);
  expect(expected.members.length).toBeGreaterThan(0);

  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.page.close();
  const ws = await WorkspacePage.open(context, extensionId, '#/');
  await ws.signIn('commune');
  await ws.page.getByRole('link', { name: 'Tổng hợp năm' }).click();
  const page = ws.page;
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Tổng hợp năm ${year}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Đảng ủy xã Hưng Nguyên');

  // One row per member with their name (never an id), cells and counts as the API has them.
  const rows = page.locator('[data-table="members"] tbody tr[data-member]');
  await expect(rows).toHaveCount(expected.members.length);
  const names = expected.members.map((m) => m.observerName);
  expect(names).toEqual(expect.arrayContaining(['Nguyễn Văn An', 'Hoàng Văn Minh']));
  for (const m of expected.members) {
    const row = page.locator(`[data-table="members"] tr[data-member="${m.observerId}"]`);
    await expect(row.locator('th')).toHaveText(m.observerName);
    const cells = row.locator('td');
    await expect(cells.nth(0)).toHaveText(m.cells.join('; '));
    await expect(cells.nth(1)).toHaveText(String(m.expected));
    await expect(cells.nth(2)).toHaveText(String(m.attended));
    await expect(cells.nth(5)).toHaveText(String(m.missing));
  }
  await expect(
    page.locator('[data-table="members"] tr[data-member]').filter({ hasText: 'Nguyễn Văn An' }),
  ).toContainText('Chi bộ xóm 1');
  await expect(page.locator('[data-table="members"] tfoot')).toContainText('Tổng');
  await expect(page.getByTestId('year-totals')).toContainText(
    `${expected.totals.attended}/${expected.totals.expected}`,
  );
  await snap(page, 'i14-year-view');

  // The XLSX: named after the body and year, a zip of some size.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.locator('[data-export="xlsx"]').click(),
  ]);
  const name = `tong-hop-nam-hung-nguyen-${year}.xlsx`;
  expect(download.suggestedFilename()).toBe(name);
  const bytes = await readFile((await download.path())!);
  expect(bytes.length).toBeGreaterThan(2000);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  await expect(page.getByTestId('export-state')).toContainText(`Đã tải xuống ${name}`);
});
