import { badgeText, expect, storedToken, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';
import { ServerClient } from './server-client.ts';

test('a token that expires mid-draft: the report waits, the member signs in again, it is delivered', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.signIn('observer', 'demo1234');
  await options.page.close();

  const panel = await PanelPage.open(context, extensionId);
  const form = await panel.startReport('hn-xom-2');
  const draftId = form.draftId();
  await form.fillConsistent();
  await form.addIssue({ title: 'Xin hỗ trợ kinh phí sửa nhà văn hóa xóm', category: 'Kinh tế' });
  await expect(form.total()).toHaveText('100');
  await expect(form.scoreBar()).toContainText('Tốt');

  // The session is revoked on the server while the member is still writing.
  const token = await storedToken(context);
  const res = await fetch(`${api.url}/api/auth/logout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.ok).toBe(true);

  await form.submitButton().click();
  await expect(panel.outbox()).toContainText('Phiên đăng nhập đã hết hạn');
  await expect(panel.page.getByText('Đăng nhập lại để gửi các báo cáo đang chờ')).toBeVisible();
  await expect.poll(() => badgeText(context)).toBe('1');
  await snap(panel.page, 'expiry-session-expired');

  // Signing in again from the banner sends what waited.
  await panel.page.locator('#reauth-user').fill('observer');
  await panel.page.locator('#reauth-pass').fill('demo1234');
  await panel.page.getByRole('button', { name: 'Đăng nhập' }).first().click();
  await panel.expectCellStatus('hn-xom-2', 'submitted');
  await expect(panel.page.getByText('Đăng nhập lại để gửi các báo cáo đang chờ')).toHaveCount(0);
  await expect.poll(() => badgeText(context)).toBe('');

  const server = await ServerClient.signIn(api.url, 'observer');
  const mine = (
    await server.get<{ items: { id: string; cellId: string }[] }>('/api/reports')
  ).items.filter((r) => r.cellId === 'hn-xom-2');
  expect(mine.map((r) => r.id)).toEqual([draftId]);
  await snap(panel.page, 'expiry-session-renewed');
});
