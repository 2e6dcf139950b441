import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';

test('one account, two roles: the member’s cells in the side panel, the committee’s work in the workspace', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  // truongban attends two cells of Diễn Châu (observer) and handles the committee's issues (staff).
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.signIn('truongban', 'demo1234');
  await options.page.close();

  const panel = await PanelPage.open(context, extensionId);
  await panel.expectCellStatus('dc-bac-son', 'none');
  await panel.expectCellStatus('dc-nam-linh', 'none');
  await expect(
    panel.cell('dc-bac-son').getByRole('button', { name: 'Viết báo cáo' }),
  ).toBeVisible();
  await snap(panel.page, 'roles-panel');

  // The workspace opens on the committee's inbox, with the staff pages and no admin page.
  const ws = await WorkspacePage.open(context, extensionId, '');
  await expect(ws.page.getByRole('heading', { name: 'Xử lý kiến nghị' })).toBeVisible();
  const nav = ws.page.locator('.topbar nav');
  await expect(nav.getByRole('link', { name: 'Tổng hợp tháng' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Tài khoản' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Báo cáo đúng hạn' }).click();
  await expect(ws.page.getByText('Chi bộ xóm Bắc Sơn').first()).toBeVisible();
  await snap(ws.page, 'roles-workspace');
});

test('the admin gives an observer a second role in the account form', async ({
  context,
  extensionId,
  relay,
  api,
  snap,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.page.close();
  const ws = await WorkspacePage.open(context, extensionId, '#/admin-users');
  await ws.signIn('admin');
  const row = ws.page.locator('[data-user="observer2"]');
  await row.getByRole('button', { name: 'Sửa observer2' }).click();
  const form = ws.page.getByRole('form', { name: 'Sửa tài khoản observer2' });
  const roles = form.getByRole('group', { name: 'Kiêm nhiệm vai trò' });
  // The primary role is the select's; the others are the checkboxes.
  await expect(roles.getByRole('checkbox', { name: 'Cấp ủy viên dự sinh hoạt' })).toHaveCount(0);
  await roles.getByRole('checkbox', { name: 'Cán bộ tiếp nhận, xử lý' }).check();
  await snap(ws.page, 'roles-admin-form');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(row).toContainText('Cấp ủy viên dự sinh hoạt, Cán bộ tiếp nhận, xử lý');

  const member = await ServerClient.signIn(api.url, 'observer2');
  const me = await member.get<{ user: { role: string; roles: string[] } }>('/api/me');
  expect(me.user).toMatchObject({ role: 'observer', roles: ['observer', 'staff'] });
});
