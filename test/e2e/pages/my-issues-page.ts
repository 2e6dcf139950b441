import { expect, type Locator, type Page } from '@playwright/test';

/** "Kiến nghị của tôi" in the side panel. */
export class MyIssuesPage {
  constructor(readonly page: Page) {}

  async openFromHome(): Promise<void> {
    await this.page.getByTestId('my-issues-link').click();
    await expect(this.page.getByTestId('my-issues')).toBeVisible();
  }

  issue(title: string): Locator {
    return this.page.locator('[data-my-issue]').filter({ hasText: title });
  }
}
