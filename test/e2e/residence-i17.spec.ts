import { readFile } from 'node:fs/promises';
import { localDate } from '@duhop/shared';
import { checkA11y } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

// Adds residence members and assessments to the demo data: an API of its own (fixtures.ts).
test.use({ isolatedApi: 'residence-i17' });

/**
 * The commune's "Đảng viên 76" page (issue 17) in the built extension against the real API: the
 * register with its status pills and the year's assessments, adding a member, recording an
 * assessment, the "chưa nhận xét" filter, a CSV import checked before it is stored, the letter to
 * a workplace and the list downloaded; axe clean, screenshots at 1366 px.
 */
test('commune staff keep the residence members, assess them and download the letters', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  test.setTimeout(180_000);
  const year = localDate(new Date()).slice(0, 4);
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.page.close();
  const ws = await WorkspacePage.open(context, extensionId, '#/');
  const page = ws.page;
  await page.setViewportSize({ width: 1366, height: 900 });
  await ws.signIn('commune');
  await page.getByRole('link', { name: 'Đảng viên 76' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Đảng viên 76');
  const table = page.locator('[data-table="residence"]');
  // The demo register: names and workplaces, never ids; dates dd/mm/yyyy.
  await expect(table.getByRole('rowheader', { name: /Nguyễn Thị Lan/ })).toBeVisible();
  await expect(table).toContainText('Sở Y tế');
  await expect(table).toContainText('Bệnh viện Hữu nghị Đa khoa Nghệ An');
  await expect(table).toContainText('20/03/2024');
  await expect(table).not.toContainText('na-syt');
  await expect(table.locator('[data-status="moved"]')).toHaveText('Chuyển nơi cư trú');
  await checkA11y(page, 'residence-register');
  await snap(page, 'residence-register-1366');

  // Add a member with a workplace of the graph.
  await page.getByRole('button', { name: 'Thêm đảng viên' }).click();
  const form = page.getByTestId('residence-form');
  await form.getByLabel('Họ và tên').fill('Nguyễn Văn Thành');
  await form.getByLabel('Năm sinh').fill('1984');
  await form.getByLabel('Chi bộ nơi cư trú').selectOption({ label: 'Chi bộ xóm 1' });
  await form.getByLabel('Chọn đơn vị').selectOption({ label: 'Sở Tài chính' });
  await form.getByLabel('Ngày giới thiệu').fill(`01/03/${year}`);
  // Received before introduced: the server's message on the field, nothing stored.
  await form.getByLabel('Ngày tiếp nhận').fill(`01/02/${year}`);
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('Ngày tiếp nhận không được trước ngày giới thiệu')).toBeVisible();
  await checkA11y(page, 'residence-form-errors');
  await form.getByLabel('Ngày tiếp nhận').fill(`10/03/${year}`);
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(
    page.getByText('Đã thêm Nguyễn Văn Thành vào danh sách Chi bộ xóm 1.'),
  ).toBeVisible();
  const row = table.locator('tr', {
    has: page.getByRole('rowheader', { name: /Nguyễn Văn Thành/ }),
  });
  await expect(row).toContainText('Sở Tài chính');
  await expect(row).toContainText(`10/03/${year}`);
  await expect(row.locator('[data-assessment]')).toHaveText('Chưa nhận xét');

  // "Chưa nhận xét" filter, then the assessment: not completed well needs reasons.
  await page.getByLabel('Chỉ hiện đảng viên chưa nhận xét').check();
  await expect(table.getByRole('rowheader', { name: /Nguyễn Văn Thành/ })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: /Nguyễn Thị Lan/ })).toHaveCount(0);
  await row.getByRole('button', { name: 'Nhận xét Nguyễn Văn Thành' }).click();
  await page.getByLabel('Chưa hoàn thành tốt nhiệm vụ nơi cư trú').check();
  await page
    .getByLabel('Lý do (bắt buộc khi chưa hoàn thành tốt)')
    .fill('Chưa tham gia sinh hoạt chi bộ nơi cư trú');
  await checkA11y(page, 'residence-assessment');
  await page.locator('form.assessment-form').getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText(`Đã lưu nhận xét năm ${year} của Nguyễn Văn Thành.`)).toBeVisible();
  // Assessed: it leaves the "chưa nhận xét" list.
  await expect(table.getByRole('rowheader', { name: /Nguyễn Văn Thành/ })).toHaveCount(0);
  await page.getByLabel('Chỉ hiện đảng viên chưa nhận xét').uncheck();
  await expect(row.locator('[data-assessment="not_good"]')).toContainText('Chưa hoàn thành tốt');

  // CSV import: checked first (dry run), imported on request.
  await page.getByRole('button', { name: 'Nhập danh sách từ tệp CSV' }).click();
  await page.locator('#as-import-file').setInputFiles({
    name: 'dv76.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `Họ và tên,Năm sinh,Mã chi bộ,Mã đơn vị công tác,Nơi công tác,Ngày giới thiệu,Ngày tiếp nhận\r\nBùi Văn Long,1983,hn-xom-2,,Kho bạc Nhà nước khu vực X,01/02/${year},15/02/${year}\r\n`,
    ),
  });
  await expect(page.getByText('Tệp hợp lệ: 1 dòng sẽ được nhập.')).toBeVisible();
  await page.getByRole('button', { name: 'Nhập 1 đảng viên' }).click();
  await expect(page.getByText('Đã nhập 1 đảng viên.')).toBeVisible();
  await expect(table.getByRole('rowheader', { name: /Bùi Văn Long/ })).toBeVisible();

  // The letters: one per workplace; the DOCX downloads.
  await page.getByRole('button', { name: 'Thư nhận xét gửi nơi công tác' }).click();
  const letters = page.getByTestId('residence-letters');
  await expect(letters.getByRole('button', { name: 'Tải thư gửi Sở Tài chính' })).toBeVisible();
  await checkA11y(page, 'residence-letters');
  await snap(page, 'residence-letters-1366');
  // A DOCX is rendered in a worker thread: slow on a loaded machine.
  const [docx] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    letters.getByRole('button', { name: 'Tải thư gửi Sở Tài chính' }).click(),
  ]);
  expect(docx.suggestedFilename()).toMatch(/\.docx$/);
  expect((await readFile((await docx.path())!)).subarray(0, 2).toString()).toBe('PK');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.getByRole('button', { name: 'Tải danh sách (XLSX)' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe(`dang-vien-76-hung-nguyen-${year}.xlsx`);
});
