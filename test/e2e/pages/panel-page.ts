import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
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
