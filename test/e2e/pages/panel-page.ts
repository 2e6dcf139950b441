import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { OptionsPage } from './options-page.ts';
import { ReportFormPage } from './report-form-page.ts';

/** The side panel page (opened as a tab at side-panel width): home, drafts, outbox, submitted. */
export class PanelPage {
  private constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  static async open(context: BrowserContext, extensionId: string, hash = ''): Promise<PanelPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html${hash}`);
    return new PanelPage(page, extensionId);
  }

  /**
   * The panel of a member signed in on the options page with the API at `apiUrl` (the demo
   * password), at the side panel's usual size unless told.
   */
  static async signedIn(
    context: BrowserContext,
    extensionId: string,
    apiUrl: string,
    username = 'observer',
    viewport = { width: 400, height: 760 },
  ): Promise<PanelPage> {
    const options = await OptionsPage.open(context, extensionId);
    await options.setApiAddress(apiUrl);
    await options.signIn(username, 'demo1234');
    await options.page.close();
    const panel = await PanelPage.open(context, extensionId);
    await panel.page.setViewportSize(viewport);
    return panel;
  }

  /** Signs in with the panel's own form (the demo password), then waits for home. */
  async signIn(username: string): Promise<void> {
    await this.page.getByLabel('Tên đăng nhập').fill(username);
    await this.page.getByLabel('Mật khẩu').fill('demo1234');
    await this.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(this.page.locator('[data-cell]').first()).toBeVisible();
  }

  /** Sends the report being written ("Gửi báo cáo") and waits until home shows the cell's report submitted. */
  async submitReport(form: ReportFormPage, cellId: string): Promise<void> {
    await form.submitButton().click();
    await this.expectCellStatus(cellId, 'submitted');
  }

  cell(cellId: string): Locator {
    return this.page.locator(`[data-cell="${cellId}"]`);
  }

  async expectCellStatus(
    cellId: string,
    status: 'none' | 'draft' | 'queued' | 'submitted',
  ): Promise<void> {
    await expect(this.cell(cellId)).toHaveAttribute('data-status', status);
  }

  async startReport(cellId: string): Promise<ReportFormPage> {
    await this.cell(cellId).getByRole('button', { name: 'Viết báo cáo' }).click();
    const form = new ReportFormPage(this.page);
    await form.waitEditable();
    return form;
  }

  /** Home, then the member's issues ("Kiến nghị của tôi"). */
  async openMyIssues(): Promise<void> {
    await this.page.goto(`chrome-extension://${this.extensionId}/sidepanel.html`);
    await this.page.getByTestId('my-issues-link').click();
    await expect(this.page.getByTestId('my-issues')).toBeVisible();
  }

  drafts(): Locator {
    return this.page.locator('[data-draft]');
  }

  async resumeDraft(cellName: string): Promise<ReportFormPage> {
    await this.drafts()
      .filter({ hasText: cellName })
      .getByRole('button', { name: 'Tiếp tục' })
      .click();
    const form = new ReportFormPage(this.page);
    await form.waitEditable();
    return form;
  }

  outbox(): Locator {
    return this.page.locator('[data-outbox]');
  }

  async sendNow(): Promise<void> {
    await this.outbox().first().getByRole('button', { name: 'Gửi ngay' }).click();
  }

  submitted(): Locator {
    return this.page.locator('[data-report]');
  }

  async openSubmitted(cellName: string): Promise<void> {
    await this.submitted().filter({ hasText: cellName }).first().click();
    await expect(this.page.locator('[data-report-view]')).toBeVisible();
  }
}
