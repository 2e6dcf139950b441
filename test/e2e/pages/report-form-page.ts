import { expect, type Locator, type Page } from '@playwright/test';

/** The report form: meeting facts, attendance, criteria, suggestions, issues, score bar. */
export class ReportFormPage {
  constructor(readonly page: Page) {}

  async waitEditable(): Promise<void> {
    await expect(this.page.locator('#f-start')).toBeEditable();
  }

  draftId(): string {
    return decodeURIComponent(new URL(this.page.url()).hash.split('/')[2] ?? '');
  }

  async setTimes(start: string, end: string): Promise<void> {
    await this.page.locator('#f-start').fill(start);
    await this.page.locator('#f-end').fill(end);
  }

  duration(): Locator {
    return this.page.getByTestId('duration');
  }

  async setAttendance(
    counts: Partial<
      Record<
        'total' | 'exempted' | 'present' | 'absentWithReason' | 'absentWithoutReason' | 'speakers',
        number
      >
    >,
  ) {
    for (const [k, v] of Object.entries(counts))
      await this.page.locator(`#f-att-${k}`).fill(String(v));
  }

  fieldErrors(id: string): Locator {
    return this.page.locator(`#${id}-err`);
  }

  attendanceFacts(): Locator {
    return this.page.getByTestId('attendance-facts');
  }

  /** Gives full marks to every item not yet scored, group by group. */
  async fillAllCriteria(): Promise<void> {
    const buttons = this.page.getByRole('button', { name: /^Chấm đủ điểm/ });
    while ((await buttons.count()) > 0) await buttons.first().click();
  }

  async setScore(itemId: string, points: number): Promise<void> {
    await this.page.locator(`#f-score-${itemId.replace(/\./g, '-')}`).fill(String(points));
  }

  async setTargets(percent: number): Promise<void> {
    await this.page.locator('#f-targets').fill(String(percent));
  }

  async setSelfScore(points: number): Promise<void> {
    await this.page.locator('#f-self').fill(String(points));
  }

  async setSuggestions(text: string): Promise<void> {
    await this.page.locator('#f-suggestions').fill(text);
  }

  issue(index: number): Locator {
    return this.page.locator(`[data-issue-index="${index}"]`);
  }

  async addIssue(i: {
    title: string;
    detail?: string;
    category: string;
    urgency?: string;
    bodyId?: string;
  }): Promise<void> {
    await this.page.getByRole('button', { name: /Thêm kiến nghị/ }).click();
    const n = (await this.page.locator('[data-issue-index]').count()) - 1;
    const row = this.issue(n);
    await row.getByLabel('Nội dung').fill(i.title);
    if (i.detail) await row.getByLabel('Chi tiết').fill(i.detail);
    await row.getByLabel('Lĩnh vực').selectOption({ label: i.category });
    if (i.urgency) await row.getByLabel('Mức độ').selectOption({ label: i.urgency });
    if (i.bodyId) await row.getByLabel('Cơ quan chịu trách nhiệm').selectOption(i.bodyId);
  }

  /** A short but consistent report: 105 minutes, 20 members all present, every item at full marks. */
  async fillConsistent(): Promise<void> {
    await this.setTimes('19:30', '21:15');
    await this.setAttendance({
      total: 20,
      exempted: 0,
      present: 20,
      absentWithReason: 0,
      absentWithoutReason: 0,
      speakers: 12,
    });
    await this.setTargets(95);
    await this.fillAllCriteria();
  }

  total(): Locator {
    return this.page.getByTestId('total');
  }

  scoreBar(): Locator {
    return this.page.getByTestId('score-bar');
  }

  submitButton(): Locator {
    return this.page.getByRole('button', { name: 'Gửi báo cáo' });
  }
}
