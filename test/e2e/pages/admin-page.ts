import { expect, type Locator, type Page } from '@playwright/test';

/** The administration pages of the workspace: accounts (CSV import), units (add, merge), rules, audit. */
export class AdminPages {
  constructor(readonly page: Page) {}

  async open(navLabel: string, heading: string): Promise<void> {
    await this.page
      .getByRole('navigation')
      .getByRole('link', { name: navLabel, exact: true })
      .click();
    await expect(this.page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }

  csvImport(): Locator {
    return this.page.locator('[data-csv-import]');
  }

  /** Chooses a CSV file through the file picker (its text lands in the paste box) and runs the dry run. */
  async checkCsvFile(name: string, text: string): Promise<void> {
    await this.csvImport()
      .locator('input[type=file]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await expect(this.csvImport().getByLabel('Hoặc dán nội dung CSV')).toHaveValue(/Tên đăng nhập/);
    await this.csvImport().getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
  }

  previewRow(row: number): Locator {
    return this.csvImport().locator(`tr[data-row="${row}"]`);
  }

  unit(id: string): Locator {
    return this.page.locator(`[data-unit="${id}"]`);
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }
}
