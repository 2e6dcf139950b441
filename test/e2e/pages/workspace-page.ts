import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** The full-tab workspace of triage staff: sign-in, inbox (filters, keyboard), issue view, templates. */
export class WorkspacePage {
  private constructor(readonly page: Page) {}

  static async open(
    context: BrowserContext,
    extensionId: string,
    hash = '#/inbox',
  ): Promise<WorkspacePage> {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`chrome-extension://${extensionId}/workspace.html${hash}`);
    return new WorkspacePage(page);
  }

  async signIn(username: string): Promise<void> {
    await this.page.locator('#w-signin-user').fill(username);
    await this.page.locator('#w-signin-pass').fill('demo1234');
    await this.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(this.page.locator('.topbar .who')).toBeVisible();
  }

  /** Signs out; when this device holds the user's reports, confirms the question keeping them. */
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Đăng xuất' }).click();
    const ask = this.page.locator('form.sign-out');
    await expect(this.page.locator('#w-signin-user').or(ask)).toBeVisible();
    if (await ask.isVisible()) await ask.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(this.page.locator('#w-signin-user')).toBeVisible();
  }

  async gotoInbox(): Promise<void> {
    await this.page.getByRole('link', { name: 'Xử lý kiến nghị' }).click();
    await expect(this.page.getByRole('heading', { name: 'Xử lý kiến nghị' })).toBeVisible();
  }

  rows(): Locator {
    return this.page.locator('[data-inbox-issue]');
  }

  row(id: string): Locator {
    return this.page.locator(`[data-inbox-issue="${id}"]`);
  }

  /** Types into the search box the way a user does: `/` focuses it, Escape leaves it. */
  /** Searches the inbox for the one issue matching `text` and opens it. */
  async openOnlyIssue(text: string): Promise<void> {
    await this.search(text);
    await expect(this.rows()).toHaveCount(1);
    await this.rows().first().locator('a.title').click();
    await expect(this.issueView()).toBeVisible();
  }

  async search(text: string): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press('/');
    await expect(this.page.getByRole('searchbox', { name: 'Tìm kiếm' })).toBeFocused();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Escape');
  }

  issueView(): Locator {
    return this.page.locator('[data-issue-view]');
  }

  async action(name: string): Promise<void> {
    await this.issueView().getByRole('button', { name, exact: true }).click();
  }

  actionForm(): Locator {
    return this.page.locator('[data-action-form]');
  }

  async expectStatus(text: string): Promise<void> {
    await expect(this.page.getByTestId('issue-status')).toHaveText(text);
  }
}
