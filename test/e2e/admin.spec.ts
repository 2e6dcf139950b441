import { localDate } from '@duhop/shared';
import { buildReport } from '../support/reports.ts';
import { expect, test } from './fixtures.ts';
import { AdminPages } from './pages/admin-page.ts';
import { OptionsPage } from './pages/options-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';

const HEADER = 'Tên đăng nhập,Họ và tên,Vai trò,Đơn vị,Mật khẩu';
const csv = (...rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;

test('the admin imports accounts from CSV, merges a commune, and the old issue follows the successor', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  const server = await ServerClient.signIn(api.url, 'admin');
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.page.close();
  const ws = await WorkspacePage.open(context, extensionId, '#/admin-users');
  await ws.signIn('admin');
  const admin = new AdminPages(ws.page);
  await expect(ws.page.getByRole('heading', { level: 1, name: 'Tài khoản' })).toBeVisible();

  // A file with one bad row: the dry run shows the errors on their cells, and nothing is imported.
  await ws.page.getByRole('button', { name: 'Nhập từ CSV' }).click();
  await admin.checkCsvFile(
    'tai-khoan.csv',
    csv(
      'dc.lan,Nguyễn Thị Lan,Cấp ủy viên,dien-chau,matkhau-01',
      'dc.son,Trần Văn Sơn,trưởng thôn,Đảng ủy xã Diễn Châu,123',
    ),
  );
  await expect(ws.page.getByTestId('csv-summary')).toContainText('1 trên 2 dòng có lỗi');
  await expect(admin.previewRow(2)).not.toHaveClass(/row--error/);
  await expect(admin.previewRow(3)).toHaveClass(/row--error/);
  await expect(admin.previewRow(3).locator('td[data-field="role"]')).toContainText(
    'Vai trò "trưởng thôn" không hợp lệ',
  );
  await expect(admin.previewRow(3).locator('td[data-field="password"]')).toContainText(
    'ít nhất 8 ký tự',
  );
  await expect(admin.csvImport().getByRole('button', { name: /^Nhập \d+ dòng$/ })).toBeDisabled();
  await snap(ws.page, 'admin-csv-row-errors');
  expect((await server.get<{ items: unknown[] }>('/api/admin/users?q=dc.')).items).toEqual([]);

  // Fixed in the paste box: checked again, then imported.
  await admin
    .csvImport()
    .getByLabel('Hoặc dán nội dung CSV')
    .fill(
      csv(
        'dc.lan,Nguyễn Thị Lan,Cấp ủy viên,dien-chau,matkhau-01',
        'dc.son,Trần Văn Sơn,Cán bộ,Đảng ủy xã Diễn Châu,matkhau-02',
      ),
    );
  await admin.csvImport().getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
  await expect(ws.page.getByTestId('csv-summary')).toContainText('Cả 2 dòng hợp lệ');
  await expect(admin.previewRow(3)).toContainText('Cán bộ tiếp nhận, xử lý · Đảng ủy xã Diễn Châu');
  await admin.csvImport().getByRole('button', { name: 'Nhập 2 dòng' }).click();
  await expect(ws.page.getByTestId('csv-summary')).toContainText('Đã nhập 2 dòng.');
  await expect(ws.page.locator('[data-user="dc.son"]')).toContainText('Chờ đổi mật khẩu');
  expect(
    (await server.get<{ items: { username: string }[] }>('/api/admin/users?q=dc.')).items
      .map((u) => u.username)
      .sort(),
  ).toEqual(['dc.lan', 'dc.son']);

  // A member assigned to a Diễn Châu cell raises an issue there (through the API).
  const today = localDate(new Date());
  const yesterday = localDate(new Date(Date.now() - 86_400_000));
  const [member] = (await server.get<{ items: { id: string }[] }>('/api/admin/users?q=observer3'))
    .items;
  await server.post('/api/assignments', {
    userId: member!.id,
    cellId: 'dc-bac-son',
    decisionNo: '12-QĐ/ĐU',
    validFrom: yesterday,
  });
  const observer = await ServerClient.signIn(api.url, 'observer3');
  const title = 'Kênh tưới xóm Bắc Sơn bị bồi lấp';
  const report = buildReport({
    cellId: 'dc-bac-son',
    meetingDate: yesterday,
    startedAt: `${yesterday}T19:30:00+07:00`,
    endedAt: `${yesterday}T21:15:00+07:00`,
    issues: [
      {
        id: crypto.randomUUID(),
        title,
        detail: 'Đề nghị xã nạo vét trước vụ đông.',
        category: 'kinh_te',
        urgency: 'normal',
      },
    ],
  });
  const stored = await observer.post<{ issues: { id: string; responsibleBodyId: string }[] }>(
    '/api/reports',
    report,
  );
  const issue = stored.issues[0]!;
  expect(issue.responsibleBodyId).toBe('dien-chau');

  // A new commune from the UI, then Diễn Châu merged into it from today.
  await admin.open('Đơn vị', 'Đơn vị');
  await ws.page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await ws.page.getByLabel('Mã đơn vị', { exact: true }).fill('dien-hung');
  await ws.page.getByLabel('Tên đơn vị', { exact: true }).fill('Đảng ủy xã Diễn Hưng');
  await ws.page.getByRole('button', { name: 'Tạo', exact: true }).click();
  await expect(ws.page.getByTestId('org-message')).toHaveText('Đã thêm Đảng ủy xã Diễn Hưng.');
  await expect(admin.unit('dien-hung')).toContainText('Đảng ủy xã, phường');

  await ws.page.getByRole('button', { name: 'Sáp nhập', exact: true }).click();
  await ws.page.getByRole('checkbox', { name: /Đảng ủy xã Diễn Châu/ }).check();
  await ws.page.getByLabel('Đơn vị nhận', { exact: true }).selectOption('dien-hung');
  await expect(ws.page.getByLabel('Ngày có hiệu lực')).toHaveValue(
    today.split('-').reverse().join('/'),
  );
  await expect(ws.page.getByTestId('merge-preview')).toContainText(
    'Đảng ủy xã Diễn Châu sáp nhập vào Đảng ủy xã Diễn Hưng',
  );
  await ws.page.getByRole('button', { name: 'Sáp nhập…' }).click();
  await expect(admin.dialog()).toContainText(
    'Chuyển sang đơn vị kế thừa: các kiến nghị chưa giải quyết xong',
  );
  await snap(ws.page, 'admin-merge-confirm');
  await admin.dialog().getByRole('button', { name: 'Sáp nhập' }).click();
  await expect(ws.page.getByTestId('org-message')).toContainText(
    'do Đảng ủy xã Diễn Hưng kế thừa: đã chuyển 1 kiến nghị',
  );
  await ws.page.getByLabel('Hiện đơn vị đã giải thể').check();
  await expect(admin.unit('dien-chau')).toContainText('Đã giải thể');
  await expect(admin.unit('dien-chau')).toContainText('kế thừa: Đảng ủy xã Diễn Hưng');
  await snap(ws.page, 'admin-org-merged');

  // The old issue now sits with the successor; new issues of the cell route there too.
  await ws.page.goto(`chrome-extension://${extensionId}/workspace.html#/inbox/${issue.id}`);
  await expect(ws.page.getByTestId('issue-body')).toHaveText('Đảng ủy xã Diễn Hưng');
  await expect(ws.issueView()).toContainText(title);
  await snap(ws.page, 'admin-issue-under-successor');
  await admin.open('Quy tắc chuyển', 'Quy tắc chuyển kiến nghị');
  await ws.page.getByLabel('Chi bộ', { exact: true }).selectOption('dc-bac-son');
  await ws.page.getByLabel('Lĩnh vực', { exact: true }).selectOption('kinh_te');
  await ws.page.getByRole('button', { name: 'Thử', exact: true }).click();
  await expect(ws.page.getByTestId('rule-test-result')).toContainText('Đảng ủy xã Diễn Hưng');
  await snap(ws.page, 'admin-rule-test');
  await admin.open('Nhật ký', 'Nhật ký quản trị');
  await expect(ws.page.locator('[data-audit="org_unit.merge"]')).toContainText('Sáp nhập đơn vị');

  // An imported member signs in: the password they were given must be changed first.
  await ws.signOut();
  await ws.page.locator('#w-signin-user').fill('dc.lan');
  await ws.page.locator('#w-signin-pass').fill('matkhau-01');
  await ws.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(ws.page.getByRole('heading', { name: 'Đổi mật khẩu' })).toBeVisible();
  await expect(
    ws.page.getByRole('navigation').getByRole('link', { name: 'Tài khoản' }),
  ).toHaveCount(0);
  await ws.page.getByLabel('Mật khẩu hiện tại').fill('matkhau-01');
  await ws.page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-rieng');
  await ws.page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-rieng');
  await ws.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(ws.page.getByRole('heading', { name: 'Đổi mật khẩu' })).toHaveCount(0);
  await expect(ws.page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  expect((await ServerClient.signIn(api.url, 'dc.lan', 'mat-khau-rieng')).token).toBeTruthy();
});

test('the criteria page shows each set’s scope, the local-configuration mark and the adoption of a template', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.page.close();
  const ws = await WorkspacePage.open(context, extensionId, '#/admin-criteria');
  await ws.signIn('admin');
  await expect(ws.page.getByRole('heading', { level: 1, name: 'Bộ tiêu chí' })).toBeVisible();
  const na = ws.page.locator('[data-criteria="nghe-an-08-2021"]');
  const hd = ws.page.locator('[data-criteria="hd42-2025"]');
  await expect(na.getByTestId('criteria-provenance')).toHaveText('Cấu hình địa phương / tạm tính');
  await expect(na.getByTestId('criteria-scope')).toContainText('Mẫu');
  await expect(na.getByTestId('criteria-scope')).toContainText(
    'Tỉnh ủy Nghệ An áp dụng từ 15/09/2021',
  );
  await expect(na).toContainText('từ 15/09/2021');
  await expect(hd.getByTestId('criteria-scope')).toHaveText('Toàn quốc');
  await expect(hd.getByTestId('criteria-provenance')).toHaveCount(0);
  await expect(hd.getByRole('button', { name: 'Áp dụng cho tỉnh' })).toHaveCount(0);

  // Nghệ An adopted it already: a second adoption is refused and says so.
  await na.getByRole('button', { name: 'Áp dụng cho tỉnh' }).click();
  await expect(na.getByLabel('Áp dụng từ ngày')).toHaveValue('15/09/2021');
  await snap(ws.page, 'admin-criteria-scope');
  await na.getByRole('button', { name: 'Áp dụng', exact: true }).click();
  await expect(ws.page.getByText('Tỉnh đã áp dụng bộ tiêu chí mẫu này')).toBeVisible();
});
