import { expect, type BrowserContext, type Page } from '@playwright/test';

/** The options page: API address, account, language. */
export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return new OptionsPage(page);
  }

  /** Points the extension at the API at `url` (opens the options page, saves, closes it). */
  static async useApi(context: BrowserContext, extensionId: string, url: string): Promise<void> {
    const options = await OptionsPage.open(context, extensionId);
    await options.setApiAddress(url);
    await options.page.close();
  }

  async setApiAddress(url: string): Promise<void> {
    await this.page.getByLabel('Địa chỉ máy chủ').fill(url);
    await this.page.getByRole('button', { name: 'Lưu' }).click();
    await expect(this.page.getByText('Đã lưu địa chỉ máy chủ')).toBeVisible();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Tên đăng nhập').fill(username);
    await this.page.getByLabel('Mật khẩu').fill(password);
    await this.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(this.page.getByRole('heading', { name: /Đã đăng nhập/ })).toBeVisible();
  }
}
