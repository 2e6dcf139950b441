import {
  addDays,
  blankPresence,
  localDate,
  type PresenceFigures,
  type ReportInput,
  type ResidenceMemberList,
  type ResidenceMemberRecord,
  type SynthesisResponse,
  type YearViewResponse,
} from '@duhop/shared';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { share, presenceCells } from '../../extension/utils/synthesis/presence.ts';
import { buildReport } from '../support/reports.ts';
import { checkA11y } from './axe.ts';
import { expect, SCREENS_DIR, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';

// Files reports, residence members and assessments on the demo data: an API of its own (fixtures.ts).
test.use({ isolatedApi: 'presence-i17' });

/**
 * Issue 17's figures in the workspace: the monthly synthesis and the year view show online and
 * combined meetings, members away for work and residence members ("đảng viên 76") for a commune
 * (its staff) and per commune for the province (a province staff account); the empty state where
 * nothing applies; axe clean; screenshots at 1366 px.
 */

const today = localDate(new Date());
const month = today.slice(0, 7);
const year = Number(today.slice(0, 4));
const monthStart = `${month}-01`;
/** The month's last day (day 0 of the next month). */
const monthEnd = new Date(Date.UTC(year, Number(month.slice(5)), 0)).toISOString().slice(0, 10);
/** A meeting this month that has already ended (yesterday evening, or early today on the 1st). */
const meetingDate = today.endsWith('-01') ? today : addDays(today, -1);
const [startTime, endTime] = meetingDate === today ? ['00:05', '00:50'] : ['19:30', '21:15'];

const round1 = (x: number) => Math.round(x * 10) / 10;
const percent = (part: number, whole: number) =>
  whole === 0 ? null : round1((part / whole) * 100);

/** Gone from the register on `date`: moved, transferred or left on or before it. */
const goneBy = (m: ResidenceMemberRecord, date: string) =>
  m.status !== 'active' && m.statusOn != null && m.statusOn <= date;

/**
 * What a register implies over [from, to], following the definitions of PresenceFigures
 * (shared/src/schemas/presence.ts): on the register during the period (introduced by its end,
 * not gone before its start), introduced and received in it, received by its end.
 */
function registerFigures(items: ResidenceMemberRecord[], from: string, to: string) {
  const on = items.filter((m) => m.introducedOn <= to && !goneBy(m, addDays(from, -1)));
  const within = (d: string | null) => d != null && d >= from && d <= to;
  const receivedByEnd = on.filter((m) => m.receivedOn != null && m.receivedOn <= to).length;
  return {
    registered: on.length,
    introduced: items.filter((m) => within(m.introducedOn)).length,
    received: items.filter((m) => within(m.receivedOn)).length,
    receivedByEnd,
    receivedPercent: percent(receivedByEnd, on.length),
  };
}

/** Residence members on a cell's register on a meeting date. */
const onRegisterOn = (items: ResidenceMemberRecord[], cellId: string, date: string) =>
  items.filter((m) => m.cellId === cellId && m.introducedOn <= date && !goneBy(m, date)).length;

const meetingTimes = {
  meetingDate,
  startedAt: `${meetingDate}T${startTime}:00+07:00`,
  endedAt: `${meetingDate}T${endTime}:00+07:00`,
};

/** A report with the breakdown of issue 17 (buildReport's attendance: 26 present of 31). */
function reportWith(
  cellId: string,
  extra: Partial<ReportInput>,
  breakdown: Partial<ReportInput['attendance']>,
): ReportInput {
  const base = buildReport();
  const r = buildReport({
    cellId,
    ...meetingTimes,
    ...extra,
    attendance: { ...base.attendance, ...breakdown },
  });
  r.issues = [];
  return r;
}

async function openWorkspace(
  context: Parameters<typeof OptionsPage.open>[0],
  extensionId: string,
  relayUrl: string,
  username: string,
  hash: string,
): Promise<WorkspacePage> {
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relayUrl);
  await options.page.close();
  const ws = await WorkspacePage.open(context, extensionId, '#/');
  await ws.page.setViewportSize({ width: 1366, height: 900 });
  await ws.signIn(username);
  await ws.page.evaluate((h) => {
    location.hash = h;
  }, hash);
  return ws;
}

/** The section's table fits the 1366 px page: neither the page nor the table scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => {
    const region = document.querySelector('[data-testid="presence"] .table-scroll');
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: region ? region.scrollWidth - region.clientWidth : 0,
    };
  });
  expect(widths).toEqual({ page: 0, table: 0 });
}

test('where nothing applies the section says so plainly, in the month and in the year', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  // The province staff's own body (a board of the provincial committee) has no cells: no meeting,
  // no register, whatever the API computes.
  const { page } = await openWorkspace(
    context,
    extensionId,
    relay.url,
    'province',
    `#/synthesis/${month}`,
  );
  const section = page.getByTestId('presence');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText(
    'Đảng viên nơi cư trú, đảng viên đi làm ăn xa, sinh hoạt trực tuyến',
  );
  await expect(section).toContainText(
    'Tháng này chưa có báo cáo sinh hoạt chi bộ nào và các chi bộ chưa có đảng viên nơi cư trú trong danh sách.',
  );
  // No row of zeros and dashes.
  await expect(section.locator('dl, table')).toHaveCount(0);
  await checkA11y(page, 'i17-presence-empty-month');
  await snap(page, 'i17-presence-empty-month-1366');

  await page.evaluate(() => {
    location.hash = '#/year';
  });
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Tổng hợp năm ${year}`);
  await expect(section).toContainText(
    'Năm này chưa có báo cáo sinh hoạt chi bộ nào và các chi bộ chưa có đảng viên nơi cư trú trong danh sách.',
  );
  await expect(section.locator('dl, table')).toHaveCount(0);
  await checkA11y(page, 'i17-presence-empty-year');
});

test('a fixture’s figures render as cards and a table per commune that fit 1366 px', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  // Test-only: the API's figures replaced by a fixture, to check the rendering and the number
  // formats independently of the computation (the next test checks the computed figures).
  const f = (over: (p: PresenceFigures) => void): PresenceFigures => {
    const p = structuredClone(fixture);
    over(p);
    return p;
  };
  const rows = [
    { bodyId: 'dien-chau', bodyName: 'Đảng ủy xã Diễn Châu', ...f(() => {}) },
    {
      bodyId: 'hung-nguyen',
      bodyName: 'Đảng ủy xã Hưng Nguyên',
      ...f((p) => {
        p.meetings = {
          total: 1234,
          inPerson: 1200,
          online: 20,
          combined: 14,
          onlineOrCombinedPercent: 2.8,
        };
      }),
    },
    { bodyId: 'truong-vinh', bodyName: 'Đảng ủy phường Trường Vinh', ...blankPresence(year) },
  ];
  await context.route(/\/api\/(synthesis|year-view)\?/, async (route) => {
    const res = await route.fetch();
    if (route.request().url().includes('/api/synthesis?')) {
      const body = (await res.json()) as SynthesisResponse;
      body.presence = { ...fixture, byBody: rows };
      return route.fulfill({ response: res, json: body });
    }
    const body = (await res.json()) as YearViewResponse;
    body.totals.presence = fixture;
    body.bodies = rows.map((r) => ({
      ...body.bodies[0]!,
      bodyId: r.bodyId,
      bodyName: r.bodyName,
      presence: r,
    }));
    await route.fulfill({ response: res, json: body });
  });
  const { page } = await openWorkspace(
    context,
    extensionId,
    relay.url,
    'commune',
    `#/synthesis/${month}/hung-nguyen`,
  );
  const section = page.getByTestId('presence');
  const cards = section.getByTestId('presence-cards');
  await expect(cards.locator('[data-kpi="online"]')).toContainText('7,5%');
  await expect(cards.locator('[data-kpi="online"]')).toContainText('3/40 cuộc sinh hoạt');
  await expect(cards.locator('[data-kpi="online"]')).toContainText('trực tuyến 1 · kết hợp 2');
  await expect(cards.locator('[data-kpi="away"]')).toContainText('12');
  await expect(cards.locator('[data-kpi="away"]')).toContainText('ở 5 chi bộ');
  await expect(cards.locator('[data-kpi="residence"]')).toContainText(
    'giới thiệu về trong tháng 2, tiếp nhận 2',
  );
  await expect(cards.locator('[data-kpi="residence"]')).toContainText('đã tiếp nhận 47/48 (97,9%)');
  await expect(cards.locator('[data-kpi="residence-attendance"]')).toContainText('83,3%');
  await expect(cards.locator('[data-kpi="residence-attendance"]')).toContainText('80/96 lượt');
  await expect(cards.locator('[data-kpi="assessment"]')).toContainText(
    `Nhận xét năm ${year}: hoàn thành tốt`,
  );
  await expect(cards.locator('[data-kpi="assessment"]')).toContainText('hoàn thành tốt 40/42');
  await expect(cards.locator('[data-kpi="assessment"]')).toContainText('chưa nhận xét 6');
  const table = section.locator('[data-table="presence"]');
  await expect(table.locator('[data-body="hung-nguyen"] td').first()).toHaveText('34/1.234 (2,8%)');
  await expect(table.locator('[data-body="truong-vinh"]')).toContainText(
    'Chưa có báo cáo sinh hoạt, chưa có đảng viên 76',
  );
  // The scrolling region is named and reachable by the keyboard, as the other tables.
  const region = section.locator('.table-scroll');
  await expect(region).toHaveAttribute('tabindex', '0');
  await expect(region).toHaveAccessibleName(
    'Đảng viên 76, đi làm ăn xa, sinh hoạt trực tuyến theo đơn vị',
  );
  await expectNoSidewaysScroll(page);
  await checkA11y(page, 'i17-presence-fixture-month');
  await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SCREENS_DIR, 'i17-presence-fixture-month-1366.png') });
  await snap(page, 'i17-presence-fixture-month-full-1366');

  // The year view: the same figures for the year.
  await page.evaluate((y) => {
    location.hash = `#/year/${y}/hung-nguyen`;
  }, year);
  await expect(section.getByTestId('presence-cards')).toContainText('giới thiệu về trong năm 2');
  await expect(section.locator('[data-table="presence"] [data-body="dien-chau"]')).toContainText(
    '40/42 (95,2%)',
  );
  await expectNoSidewaysScroll(page);
  await checkA11y(page, 'i17-presence-fixture-year');
  await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SCREENS_DIR, 'i17-presence-fixture-year-1366.png') });

  // Commune staff keep the register: "chưa nhận xét" opens it filtered to those members.
  await section.getByTestId('presence-unassessed').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Đảng viên 76');
  await expect(page.getByLabel('Chỉ hiện đảng viên chưa nhận xét')).toBeChecked();
});

/** A commune's month with everything in it (the brief's example figures). */
const fixture: PresenceFigures = {
  meetings: { total: 40, inPerson: 37, online: 1, combined: 2, onlineOrCombinedPercent: 7.5 },
  attendance: { present: 960, presentOnline: 12, awayForWork: 12, awayForWorkCells: 5 },
  residence: {
    registered: 48,
    introduced: 2,
    received: 2,
    receivedByEnd: 47,
    receivedPercent: 97.9,
    meetingsStated: 12,
    present: 80,
    expected: 96,
    attendancePercent: 83.3,
    year,
    assessed: 42,
    good: 40,
    goodPercent: 95.2,
    unassessed: 6,
  },
};

test('commune and province staff read the figures their reports, registers and assessments imply', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  test.setTimeout(240_000);
  // --- Seed through the API ---
  const commune = await ServerClient.signIn(api.url, 'commune');
  const admin = await ServerClient.signIn(api.url, 'admin');
  const observer = await ServerClient.signIn(api.url, 'observer');
  // A member introduced to xóm 2 and received on the 1st of this month.
  const nam = await commune.post<ResidenceMemberRecord>('/api/residence/members', {
    cellId: 'hn-xom-2',
    fullName: 'Đỗ Văn Nam',
    birthYear: 1986,
    workplaceName: 'Công ty Xăng dầu Nghệ An',
    introducedOn: monthStart,
    receivedOn: monthStart,
  });
  const register = await commune.get<ResidenceMemberList>(
    `/api/residence/members?bodyId=hung-nguyen&year=${year}`,
  );
  const id = (name: string) => register.items.find((m) => m.fullName === name)!.id;
  // This year's assessments: Hải completed well, Hà not.
  await commune.post(`/api/residence/members/${id('Trần Văn Hải')}/assessments`, {
    year,
    rating: 'good',
  });
  await commune.post(`/api/residence/members/${id('Lê Thị Thu Hà')}/assessments`, {
    year,
    rating: 'not_good',
    reasons: 'Chưa tham gia sinh hoạt chi bộ nơi cư trú',
  });
  // Three meetings: xóm 1 online (all 26 present online, Lan and Đức among them, 1 away for
  // work); xóm 2 combined (3 online, Hải and Nam present, 2 away); xóm 2 topical in person (no
  // breakdown stated).
  await observer.post(
    '/api/reports',
    reportWith(
      'hn-xom-1',
      { meetingFormat: 'online' },
      {
        presentOnline: 26,
        presentResidence: 2,
        residenceMemberIds: [id('Nguyễn Thị Lan'), id('Phan Văn Đức')],
        awayForWork: 1,
      },
    ),
  );
  await observer.post(
    '/api/reports',
    reportWith(
      'hn-xom-2',
      { meetingFormat: 'combined' },
      {
        presentOnline: 3,
        presentResidence: 2,
        residenceMemberIds: [id('Trần Văn Hải'), nam.id],
        awayForWork: 2,
      },
    ),
  );
  await observer.post(
    '/api/reports',
    reportWith('hn-xom-2', { meetingType: 'topical', meetingFormat: 'in_person' }, {}),
  );

  // --- What the seed implies (definitions of shared/src/schemas/presence.ts) ---
  const counts = (await commune.get<ResidenceMemberList>(
    `/api/residence/members?bodyId=hung-nguyen&year=${year}`,
  )) as ResidenceMemberList;
  const items = counts.items;
  const expectedResidence =
    onRegisterOn(items, 'hn-xom-1', meetingDate) + onRegisterOn(items, 'hn-xom-2', meetingDate);
  const assessments = {
    year,
    assessed: counts.counts.assessed,
    good: counts.counts.good,
    goodPercent: percent(counts.counts.good, counts.counts.assessed),
    unassessed: counts.counts.unassessed,
  };
  const shared = {
    meetings: { total: 3, inPerson: 1, online: 1, combined: 1, onlineOrCombinedPercent: 66.7 },
    attendance: { present: 78, presentOnline: 29, awayForWork: 3, awayForWorkCells: 2 },
  };
  const attendance = {
    meetingsStated: 2,
    present: 4,
    expected: expectedResidence,
    attendancePercent: percent(4, expectedResidence),
  };
  const monthFigures: PresenceFigures = {
    ...shared,
    residence: { ...registerFigures(items, monthStart, monthEnd), ...attendance, ...assessments },
  };
  const yearFigures: PresenceFigures = {
    ...shared,
    residence: {
      ...registerFigures(items, `${year}-01-01`, `${year}-12-31`),
      ...attendance,
      ...assessments,
    },
  };
  // The seed's own sanity: Nam introduced and received this month, all 4 ticked on the register.
  expect(monthFigures.residence.introduced).toBeGreaterThanOrEqual(1);
  expect(expectedResidence).toBeGreaterThanOrEqual(4);

  // ===== REAL-NUMBER ASSERTIONS (need the computed figures of branch i17-figures) =====
  // The API first: the commune's month and year, and the province's row for the commune.
  const sy = await commune.get<SynthesisResponse>(`/api/synthesis?month=${month}`);
  const { byBody: _b, ...syFigures } = sy.presence;
  expect(syFigures).toEqual(monthFigures);
  const yv = await commune.get<YearViewResponse>(`/api/year-view?year=${year}`);
  expect(yv.totals.presence).toEqual(yearFigures);
  // ===== end of the API's real numbers; the page's follow below =====

  // --- Commune staff: the month's synthesis ---
  const ws = await openWorkspace(
    context,
    extensionId,
    relay.url,
    'commune',
    `#/synthesis/${month}/hung-nguyen`,
  );
  const page = ws.page;
  const section = page.getByTestId('presence');
  const cards = section.getByTestId('presence-cards');
  // REAL NUMBERS: the cards show the computed figures.
  await expect(cards.locator('[data-kpi="online"] strong')).toHaveText(share(66.7, 'vi')!);
  await expect(cards.locator('[data-kpi="online"]')).toContainText('2/3 cuộc sinh hoạt');
  await expect(cards.locator('[data-kpi="online"]')).toContainText('trực tuyến 1 · kết hợp 1');
  await expect(cards.locator('[data-kpi="online"]')).toContainText(
    'dự trực tuyến 29 trong 78 lượt có mặt',
  );
  await expect(cards.locator('[data-kpi="away"] strong')).toHaveText('3');
  await expect(cards.locator('[data-kpi="away"]')).toContainText('ở 2 chi bộ');
  const mr = monthFigures.residence;
  await expect(cards.locator('[data-kpi="residence"] strong')).toHaveText(String(mr.registered));
  await expect(cards.locator('[data-kpi="residence"]')).toContainText(
    `giới thiệu về trong tháng ${mr.introduced}, tiếp nhận ${mr.received}`,
  );
  await expect(cards.locator('[data-kpi="residence"]')).toContainText(
    `đã tiếp nhận ${mr.receivedByEnd}/${mr.registered}`,
  );
  await expect(cards.locator('[data-kpi="residence-attendance"]')).toContainText(
    `4/${expectedResidence} lượt`,
  );
  await expect(cards.locator('[data-kpi="assessment"]')).toContainText(
    `hoàn thành tốt ${mr.good}/${mr.assessed}`,
  );
  await expect(cards.locator('[data-kpi="assessment"]')).toContainText(
    `chưa nhận xét ${mr.unassessed}`,
  );
  // END REAL NUMBERS (commune, month)
  await checkA11y(page, 'i17-presence-commune-month');
  await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SCREENS_DIR, 'i17-presence-commune-month-1366.png') });

  // --- Commune staff: the year view ---
  await page.evaluate((y) => {
    location.hash = `#/year/${y}/hung-nguyen`;
  }, year);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Tổng hợp năm ${year}`);
  // REAL NUMBERS: the year's register figures.
  const yr = yearFigures.residence;
  await expect(cards.locator('[data-kpi="residence"] strong')).toHaveText(String(yr.registered));
  await expect(cards.locator('[data-kpi="residence"]')).toContainText(
    `giới thiệu về trong năm ${yr.introduced}, tiếp nhận ${yr.received}`,
  );
  await expect(cards.locator('[data-kpi="online"]')).toContainText('2/3 cuộc sinh hoạt');
  // END REAL NUMBERS (commune, year)
  await expectNoSidewaysScroll(page);
  await checkA11y(page, 'i17-presence-commune-year');
  await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SCREENS_DIR, 'i17-presence-commune-year-1366.png') });

  // The unassessed members: the register filtered, as many as the card said.
  if (mr.unassessed > 0) {
    await section.getByTestId('presence-unassessed').click();
    await expect(page.getByLabel('Chỉ hiện đảng viên chưa nhận xét')).toBeChecked();
    await expect(page.getByTestId('residence-counts')).toContainText(
      `chưa nhận xét ${mr.unassessed}`,
    );
  }

  // --- Province staff (an account of the provincial committee's office) ---
  await admin.post('/api/admin/users', {
    username: 'vp-tinhuy',
    displayName: 'Nguyễn Văn Tỉnh',
    role: 'staff',
    orgUnitId: 'na-tu',
    password: 'tamthoi123',
  });
  const first = await ServerClient.signIn(api.url, 'vp-tinhuy', 'tamthoi123');
  await first.post('/api/me/password', { currentPassword: 'tamthoi123', newPassword: 'demo1234' });
  const province = await ServerClient.signIn(api.url, 'vp-tinhuy');
  const psy = await province.get<SynthesisResponse>(`/api/synthesis?month=${month}`);
  // REAL NUMBERS: the province's row for the commune is the commune's own figures.
  const row = psy.presence.byBody.find((b) => b.bodyId === 'hung-nguyen');
  expect(row).toMatchObject(monthFigures);
  expect(psy.presence.meetings).toEqual(shared.meetings);
  // END REAL NUMBERS (province, API)

  await ws.signOut();
  await ws.signIn('vp-tinhuy');
  const ppage = page;
  await ppage.evaluate((m) => {
    location.hash = `#/synthesis/${m}`;
  }, month);
  const psection = ppage.getByTestId('presence');
  const ptable = psection.locator('[data-table="presence"]');
  // REAL NUMBERS: the commune's row in the province's table.
  const cells = presenceCells(monthFigures, 'vi').map((c) => c ?? '—không có số liệu');
  await expect(ptable.locator('[data-body="hung-nguyen"] td')).toHaveText(cells);
  // END REAL NUMBERS (province, page)
  // The province does not keep registers: no link to them.
  await expect(psection.getByTestId('presence-unassessed')).toHaveCount(0);
  await expect(ptable.locator('a')).toHaveCount(0);
  await expectNoSidewaysScroll(ppage);
  await checkA11y(ppage, 'i17-presence-province-month');
  await psection.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await ppage.screenshot({ path: join(SCREENS_DIR, 'i17-presence-province-month-1366.png') });
  await snap(ppage, 'i17-presence-province-month-full-1366');

  await ppage.evaluate((y) => {
    location.hash = `#/year/${y}`;
  }, year);
  await expect(ppage.getByRole('heading', { level: 1 })).toContainText(`Tổng hợp năm ${year}`);
  // REAL NUMBERS: the commune's year row.
  await expect(ptable.locator('[data-body="hung-nguyen"] td')).toHaveText(
    presenceCells(yearFigures, 'vi').map((c) => c ?? '—không có số liệu'),
  );
  // END REAL NUMBERS (province, year)
  await expectNoSidewaysScroll(ppage);
  await checkA11y(ppage, 'i17-presence-province-year');
  await psection.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await ppage.screenshot({ path: join(SCREENS_DIR, 'i17-presence-province-year-1366.png') });
});
