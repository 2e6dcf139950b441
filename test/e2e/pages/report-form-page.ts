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

  /**
   * Types the meeting's times. A meeting that has not ended is refused (an end more than 5 minutes
   * ahead of now, at the field and by the API), so when these times are still to come on the form's
   * date (today, before the end), the meeting moves back: to the day before while that is in the
   * same month (the month's report stays this month's), else, on the 1st, to earlier times the
   * same day with the same duration (to the day before only in the first minutes of the month).
   * Answers the date (dd/mm/yyyy) and the times actually typed.
   */
  async setTimes(
    start: string,
    end: string,
  ): Promise<{ date: string; start: string; end: string }> {
    const when = pastMeeting(await this.page.locator('#f-date').inputValue(), start, end);
    if (when.date !== (await this.page.locator('#f-date').inputValue()))
      await this.page.locator('#f-date').fill(when.date);
    await this.page.locator('#f-start').fill(when.start);
    await this.page.locator('#f-end').fill(when.end);
    return when;
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

  /** "Xem các mục": every problem shown, the focus on the first field in error. */
  async showAllErrors(): Promise<void> {
    await this.page.getByRole('button', { name: 'Xem các mục' }).click();
    await expect(this.page.locator('[aria-invalid="true"]').first()).toBeFocused();
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

  /** The meeting's facts: its times (see `setTimes`), the attendance counts and the targets met. */
  async fillFacts(f: {
    times: [string, string];
    attendance: Parameters<ReportFormPage['setAttendance']>[0];
    targets: number;
  }): Promise<void> {
    await this.setTimes(...f.times);
    await this.setAttendance(f.attendance);
    await this.setTargets(f.targets);
  }

  /**
   * A short but consistent report: 105 minutes, 20 members all present, every item at full marks;
   * with the suggestions and one issue when given.
   */
  async fillConsistent(
    extra: { suggestions?: string; issue?: Parameters<ReportFormPage['addIssue']>[0] } = {},
  ): Promise<void> {
    await this.fillFacts({
      times: ['19:30', '21:15'],
      attendance: {
        total: 20,
        exempted: 0,
        present: 20,
        absentWithReason: 0,
        absentWithoutReason: 0,
        speakers: 12,
      },
      targets: 95,
    });
    await this.fillAllCriteria();
    if (extra.suggestions) await this.setSuggestions(extra.suggestions);
    if (extra.issue) await this.addIssue(extra.issue);
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

const VN_MS = 7 * 3600_000;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * A meeting on `date` (dd/mm/yyyy) from `start` to `end` that has already ended (Vietnam time,
 * 10 minutes ago at the latest): see `ReportFormPage.setTimes`. A date that is not a full
 * dd/mm/yyyy, or already past, is kept as it is.
 */
export function pastMeeting(
  date: string,
  start: string,
  end: string,
  now = Date.now(),
): { date: string; start: string; end: string } {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
  const vnNow = new Date(now + VN_MS); // its UTC fields read as Vietnam's wall clock
  const today = vnNow.toISOString().slice(0, 10);
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : '';
  const nowMin = vnNow.getUTCHours() * 60 + vnNow.getUTCMinutes();
  if (!m || iso !== today || minutes(end) <= nowMin - 10) return { date, start, end };
  const duration = minutes(end) - minutes(start);
  const latestEnd = Math.floor((nowMin - 10) / 5) * 5;
  if (today.endsWith('-01') && latestEnd - duration >= 0)
    return { date, start: hhmm(latestEnd - duration), end: hhmm(latestEnd) };
  const y = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { date: `${y.slice(8, 10)}/${y.slice(5, 7)}/${y.slice(0, 4)}`, start, end };
}
