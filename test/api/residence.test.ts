import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResidenceMemberList, ResidenceMemberRecord } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { download, rows } from '../support/monthly.ts';
import { keepDocument } from '../support/render-pdf.ts';

/**
 * Residence members ("đảng viên 76", issue 17): the register kept by commune staff, read by the
 * members assigned to the cell, its CSV import, the year-end assessment and the letters to the
 * workplace organisations. The demo seed has ten entries (hn-xom-1: Lan assessed for 2026, Đức and
 * Hà not); each test adds its own and they are deleted before the next.
 */
const h = useHarness('2026-11-05T09:00:00+07:00');
const driver = process.env.TEST_DB_DRIVER ?? 'pglite';

beforeEach(async () => {
  await h.database.exec(
    `delete from residence_assessments where member_id in (select id from residence_members where created_by is not null);
     delete from residence_members where created_by is not null;`,
  );
});

const entry = (over: Record<string, unknown> = {}) => ({
  cellId: 'hn-xom-1',
  fullName: 'Nguyễn Văn Thành',
  birthYear: 1984,
  workplaceUnitId: 'na-syt',
  introducedOn: '2025-04-01',
  receivedOn: '2025-04-10',
  ...over,
});

async function create(username: string, body: Record<string, unknown>) {
  return h.raw('POST', '/api/residence/members', { token: await h.login(username), body });
}

async function created(body: Record<string, unknown> = entry()): Promise<ResidenceMemberRecord> {
  const res = await create('commune', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function list(username: string, query: string) {
  return h.raw('GET', `/api/residence/members?${query}`, { token: await h.login(username) });
}

const auditActions = async (entityId: string) =>
  (
    await rows<{ action: string; data: unknown }>(
      h,
      sql`select action, data from audit_log where entity_id = ${entityId} order by id`,
    )
  ).map((r) => r.action);

describe('the register: kept by commune staff', () => {
  it('adds an entry (workplace named from the graph), lists it, changes its status with a date (audited)', async () => {
    const m = await created();
    expect(m).toMatchObject({
      cellName: 'Chi bộ xóm 1',
      workplace: 'Sở Y tế',
      workplaceName: null,
      status: 'active',
      assessment: null,
    });
    const res = await list('commune', 'year=2026');
    expect(res.status).toBe(200);
    const body = res.body as ResidenceMemberList;
    expect(body.items.map((i) => i.fullName)).toContain('Nguyễn Văn Thành');
    // Only Hưng Nguyên's cells: no entry of Trường Vinh.
    expect(body.items.every((i) => i.cellId.startsWith('hn-'))).toBe(true);

    const token = await h.login('commune');
    const moved = await h.raw('PATCH', `/api/residence/members/${m.id}`, {
      token,
      body: { status: 'moved', statusOn: '2026-10-01', note: 'Chuyển về phường Trường Vinh' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ status: 'moved', statusOn: '2026-10-01' });
    // A free-text workplace replaces the unit.
    const renamed = await h.raw('PATCH', `/api/residence/members/${m.id}`, {
      token,
      body: { workplaceName: 'Công ty Cổ phần Mía đường Sông Lam' },
    });
    expect(renamed.body).toMatchObject({
      workplaceUnitId: null,
      workplace: 'Công ty Cổ phần Mía đường Sông Lam',
    });
    expect(await auditActions(m.id)).toEqual([
      'residence_member.create',
      'residence_member.status',
      'residence_member.update',
    ]);
    // The audit log names the entry (member · cell), never its id.
    const audit = await h.raw('GET', `/api/admin/audit?entity=residence_member&entityId=${m.id}`, {
      token: await h.login('admin'),
    });
    expect(audit.body.items[0].entityName).toBe('Nguyễn Văn Thành · Chi bộ xóm 1');
    const moves = await list('commune', 'status=moved');
    expect(moves.body.items.map((i: ResidenceMemberRecord) => i.fullName)).toEqual([
      'Nguyễn Văn Thành', // Chi bộ xóm 1
      'Hồ Thị Mai', // Chi bộ xóm 2
    ]);
  });

  it('scope: another commune’s staff get 404 on the entry and 422 on the cell; members read only their cells', async () => {
    const m = await created();
    const other = await h.raw('PATCH', `/api/residence/members/${m.id}`, {
      token: await h.login('commune2'),
      body: { fullName: 'X' },
    });
    expect(other.status).toBe(404);
    expect(other.error?.code).toBe('RESIDENCE_MEMBER_NOT_FOUND');
    const foreign = await create('commune2', entry());
    expect(foreign.status).toBe(422);
    expect(foreign.error?.fields?.cellId).toBeDefined();
    expect((await list('commune2', 'cellId=hn-xom-1')).status).toBe(404);
    expect((await list('commune2', 'bodyId=hung-nguyen')).status).toBe(404);
    // The member assigned to xóm 1 reads it; the one assigned to Yên Hồ does not.
    const mine = await list('observer', 'cellId=hn-xom-1');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: ResidenceMemberRecord) => i.fullName)).toContain(
      'Nguyễn Văn Thành',
    );
    expect((await list('observer2', 'cellId=hn-xom-1')).status).toBe(404);
    // Members neither keep the register nor read a commune's whole list.
    expect((await create('observer', entry())).status).toBe(403);
    expect((await list('observer', 'bodyId=hung-nguyen')).status).toBe(403);
    const patched = await h.raw('PATCH', `/api/residence/members/${m.id}`, {
      token: await h.login('observer'),
      body: { fullName: 'X' },
    });
    expect(patched.status).toBe(403);
    // The province's admin keeps every cell of the province.
    expect((await create('admin', entry({ cellId: 'tv-khoi-5' }))).status).toBe(201);
  });

  it.each([
    ['received before introduced', { receivedOn: '2025-03-01' }, 'receivedOn'],
    ['no workplace', { workplaceUnitId: null }, 'workplaceName'],
    ['both workplaces', { workplaceName: 'Cục Thuế' }, 'workplaceName'],
    ['a status without its date', { status: 'left' }, 'statusOn'],
    ['an unknown workplace unit', { workplaceUnitId: 'no-such-unit' }, 'workplaceUnitId'],
    ['no name', { fullName: '  ' }, 'fullName'],
    ['a birth year out of range', { birthYear: 1850 }, 'birthYear'],
  ])('422 with the field: %s', async (_what, over, field) => {
    const before = await rows<{ n: number }>(
      h,
      sql`select count(*)::int as n from residence_members`,
    );
    const res = await create('commune', entry(over));
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.error?.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.error?.fields ?? {})).toContain(field);
    const after = await rows<{ n: number }>(
      h,
      sql`select count(*)::int as n from residence_members`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('a PATCH is checked as a whole: received before introduced is 422 and nothing changes', async () => {
    const m = await created();
    const res = await h.raw('PATCH', `/api/residence/members/${m.id}`, {
      token: await h.login('commune'),
      body: { introducedOn: '2025-05-01' },
    });
    expect(res.status).toBe(422);
    expect(res.error?.fields?.receivedOn).toBeDefined();
    const again = await list('commune', 'q=thanh');
    expect(again.body.items[0].introducedOn).toBe('2025-04-01');
  });
});

describe('the year-end assessment', () => {
  it('the assigned member records it once; a second for the year is 422; a correction is audited with what it said before', async () => {
    const m = await created();
    const token = await h.login('observer');
    const url = `/api/residence/members/${m.id}/assessments`;
    const missing = await h.raw('POST', url, {
      token,
      body: { year: 2026, rating: 'not_good', reasons: '  ' },
    });
    expect(missing.status).toBe(422);
    expect(missing.error?.fields?.reasons).toBeDefined();
    const first = await h.raw('POST', url, { token, body: { year: 2026, rating: 'good' } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.assessment).toMatchObject({
      year: 2026,
      rating: 'good',
      assessedByName: 'Nguyễn Văn An',
      assessedOn: '2026-11-05',
    });
    const dup = await h.raw('POST', url, {
      token: await h.login('commune'),
      body: { year: 2026, rating: 'good' },
    });
    expect(dup.status).toBe(422);
    expect(dup.error?.fields?.year).toBeDefined();
    const future = await h.raw('POST', url, { token, body: { year: 2027, rating: 'good' } });
    expect(future.status).toBe(422);
    expect(future.error?.fields?.year).toBeDefined();
    // Before the member was introduced (2025): no assessment for 2024.
    const early = await h.raw('POST', url, { token, body: { year: 2024, rating: 'good' } });
    expect(early.error?.fields?.year).toBeDefined();
    // Another cell's member sees nothing.
    const stranger = await h.raw('POST', url, {
      token: await h.login('observer2'),
      body: { year: 2025, rating: 'good' },
    });
    expect(stranger.status).toBe(404);

    const corrected = await h.raw('PATCH', `${url}/2026`, {
      token: await h.login('commune'),
      body: { rating: 'not_good', reasons: 'Không dự sinh hoạt chi bộ nơi cư trú từ tháng 6' },
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.assessment).toMatchObject({
      rating: 'not_good',
      assessedByName: 'Trần Thị Bình',
    });
    const [audit] = await rows<{ data: { before: { rating: string; assessedBy: string } } }>(
      h,
      sql`select data from audit_log where action = 'residence_assessment.correct' and entity_id = ${m.id}`,
    );
    expect(audit!.data.before.rating).toBe('good');
    expect(audit!.data.before.assessedBy).toBe(first.body.assessment.assessedById);
    const none = await h.raw('PATCH', `${url}/2025`, {
      token,
      body: { rating: 'good' },
    });
    expect(none.status).toBe(404);
  });

  it('"still without an assessment" for a year: the members active in it, counts over the commune', async () => {
    await created();
    const res = await list('commune', 'year=2026&unassessed=true');
    expect(res.status).toBe(200);
    const body = res.body as ResidenceMemberList;
    const names = body.items.map((i) => i.fullName);
    // Lan is assessed for 2026; Hồ Thị Mai moved in May 2026 and still gets her 2026 assessment.
    expect(names).not.toContain('Nguyễn Thị Lan');
    expect(names).toEqual(
      expect.arrayContaining(['Phan Văn Đức', 'Lê Thị Thu Hà', 'Hồ Thị Mai', 'Nguyễn Văn Thành']),
    );
    expect(body.counts).toMatchObject({ assessed: 1, good: 1 });
    expect(body.counts.unassessed).toBe(body.items.length);
    expect(body.counts.active).toBe(body.items.length + 1);
    // 2025: Thành (introduced 2025) is not assessed, the seeded ones are, except Thắng.
    const y2025 = await list('commune', 'year=2025&unassessed=true');
    expect(y2025.body.items.map((i: ResidenceMemberRecord) => i.fullName).sort()).toEqual(
      ['Đinh Văn Thắng', 'Hồ Thị Mai', 'Nguyễn Văn Thành'].sort(),
    );
  });
});

describe('CSV import with a dry run', () => {
  const HEADER =
    'Họ và tên,Năm sinh,Mã chi bộ,Mã đơn vị công tác,Nơi công tác,Ngày giới thiệu,Ngày tiếp nhận,Trạng thái,Ngày thay đổi,Ghi chú';
  const GOOD = `${HEADER}\r\nBùi Văn Long,1983,hn-xom-2,na-sxd,,01/03/2026,10/03/2026,,,\r\nĐoàn Thị Yến,,hn-yen-ho,,Kho bạc Nhà nước khu vực X,2026-02-01,,Đang giữ mối liên hệ,,Chưa tiếp nhận\r\n`;
  const count = async () =>
    (await rows<{ n: number }>(h, sql`select count(*)::int as n from residence_members`))[0]!.n;

  async function importCsv(text: string, query = '', username = 'commune') {
    return h.raw('POST', `/api/residence/members/import${query}`, {
      token: await h.login(username),
      body: text,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
  }

  it('a dry run checks every row and stores nothing; the same file then imports', async () => {
    const before = await count();
    const dry = await importCsv(GOOD, '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toEqual({ imported: 0, items: [], dryRun: true, valid: 2 });
    expect(await count()).toBe(before);
    const real = await importCsv(GOOD);
    expect(real.status, JSON.stringify(real.body)).toBe(201);
    expect(real.body.imported).toBe(2);
    expect(real.body.items.map((i: ResidenceMemberRecord) => i.workplace).sort()).toEqual([
      'Kho bạc Nhà nước khu vực X',
      'Sở Xây dựng',
    ]);
    expect(await count()).toBe(before + 2);
  });

  it('row errors as 422 rows.N.field, all rows or none, the same in a dry run', async () => {
    const before = await count();
    const bad = `${HEADER}\r\nBùi Văn Long,1983,hn-xom-2,na-sxd,,01/03/2026,10/03/2026,,,\r\n,19x0,tv-khoi-5,,,31/02/2026,,đi vắng,,\r\nLò Văn Páo,,hn-xom-1,,Cục Thống kê,05/05/2026,01/05/2026,Chuyển nơi cư trú,,\r\n`;
    for (const q of ['?dryRun=true', '']) {
      const res = await importCsv(bad, q);
      expect(res.status).toBe(422);
      expect(Object.keys(res.error?.fields ?? {}).sort()).toEqual([
        'rows.3.birthYear',
        'rows.3.cellId',
        'rows.3.fullName',
        'rows.3.introducedOn',
        'rows.3.status',
        'rows.4.receivedOn',
        'rows.4.statusOn',
      ]);
    }
    expect(await count()).toBe(before);
    const noColumn = await importCsv('Họ và tên,Mã chi bộ\r\nA,hn-xom-1\r\n');
    expect(noColumn.status).toBe(422);
    expect(noColumn.error?.fields?.columns).toBeDefined();
    expect((await importCsv(GOOD, '', 'observer')).status).toBe(403);
  });
});

describe('letters to the workplace organisations and the list', () => {
  const plain = (xml: string) =>
    xml
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .split('\n')
      .map((l) => l.trim());

  async function letter(workplace: string, year = 2026) {
    const res = await download(
      h,
      `/api/residence/letter?year=${year}&workplace=${encodeURIComponent(workplace)}`,
      await h.login('commune'),
    );
    expect(res.status, res.bytes.toString()).toBe(200);
    const zip = await JSZip.loadAsync(res.bytes);
    return { bytes: res.bytes, lines: plain(await zip.file('word/document.xml')!.async('string')) };
  }

  it('one DOCX per workplace: numbered "Số n-CV/ĐU", its members with the cells’ assessments and reasons, the closing', async () => {
    const m = await created(entry({ fullName: 'Nguyễn Văn Thành' }));
    await h.raw('POST', `/api/residence/members/${m.id}/assessments`, {
      token: await h.login('observer'),
      body: {
        year: 2026,
        rating: 'not_good',
        reasons: 'Chưa tham gia sinh hoạt chi bộ nơi cư trú',
      },
    });
    const places = await h.raw('GET', '/api/residence/workplaces?year=2026', {
      token: await h.login('commune'),
    });
    expect(places.status).toBe(200);
    const syt = places.body.items.find((w: { key: string }) => w.key === 'unit:na-syt');
    // Lan (assessed), Hồ Thị Mai (moved in 2026, not assessed), Thành (assessed).
    expect(syt).toEqual({ key: 'unit:na-syt', name: 'Sở Y tế', members: 3, assessed: 2 });

    const doc = await letter('unit:na-syt');
    await keepDocument(`residence-letter-${driver}.docx`, doc.bytes);
    const at = doc.lines.indexOf('ĐẢNG ỦY XÃ HƯNG NGUYÊN');
    expect(doc.lines.slice(at, at + 3)).toEqual(['ĐẢNG ỦY XÃ HƯNG NGUYÊN', '*', 'Số 1-CV/ĐU']);
    expect(doc.lines).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(doc.lines).toContain('Hưng Nguyên, ngày 05 tháng 11 năm 2026');
    expect(doc.lines).toContain('NHẬN XÉT');
    expect(doc.lines).toContain(
      'đảng viên đang công tác ở cơ quan, doanh nghiệp, đơn vị sự nghiệp thường xuyên giữ mối liên hệ với chi ủy, tổ chức đảng và nhân dân nơi cư trú',
    );
    expect(doc.lines).toContain('Kính gửi: Sở Y tế');
    for (const text of [
      'Nguyễn Thị Lan',
      'Nguyễn Văn Thành',
      'Hồ Thị Mai',
      'Hoàn thành tốt nhiệm vụ nơi cư trú',
      'Chưa hoàn thành tốt nhiệm vụ nơi cư trú',
      'Chưa tham gia sinh hoạt chi bộ nơi cư trú',
      'Chưa nhận xét',
      'Chi bộ xóm 1',
      'Nơi nhận:',
      '- Như trên,',
      '- Lưu Văn phòng.',
      'T/M BAN THƯỜNG VỤ',
      'BÍ THƯ',
    ])
      expect(doc.lines, text).toContain(text);
    // Members of other workplaces are not in it; no ids anywhere.
    expect(doc.lines.join('\n')).not.toContain('Phan Văn Đức');
    expect(doc.lines.join('\n')).not.toMatch(/na-syt|hn-xom-1/);
    // A free-text workplace gets its own letter, with the next number.
    const bv = await letter('name:Bệnh viện Hữu nghị Đa khoa Nghệ An', 2025);
    expect(bv.lines).toContain('Số 2-CV/ĐU');
    expect(bv.lines).toContain('Kính gửi: Bệnh viện Hữu nghị Đa khoa Nghệ An');
    expect(bv.lines).toContain('Phan Văn Đức');
  });

  it('a workplace with nobody that year is 422; another commune cannot write to ours; members cannot', async () => {
    const res = await h.raw('GET', '/api/residence/letter?year=2026&workplace=unit:na-sni', {
      token: await h.login('commune'),
    });
    expect(res.status).toBe(422);
    expect(res.error?.fields?.workplace).toBeDefined();
    const other = await h.raw(
      'GET',
      '/api/residence/letter?year=2026&workplace=unit:na-syt&bodyId=hung-nguyen',
      { token: await h.login('commune2') },
    );
    expect(other.status).toBe(404);
    const member = await h.raw('GET', '/api/residence/letter?year=2026&workplace=unit:na-syt', {
      token: await h.login('observer'),
    });
    expect(member.status).toBe(403);
  });

  it('the list of all as XLSX and CSV, names and labels never ids', async () => {
    const token = await h.login('commune');
    const csv = await download(h, '/api/residence/export?year=2026&format=csv', token);
    expect(csv.status).toBe(200);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('Nguyễn Thị Lan');
    expect(text).toContain('Sở Y tế');
    expect(text).toContain('Chuyển nơi cư trú');
    expect(text).toContain('Chưa nhận xét');
    expect(text).not.toContain('na-syt');
    const xlsx = await download(h, '/api/residence/export?year=2026&format=xlsx', token);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const zip = await JSZip.loadAsync(xlsx.bytes);
    const strings = await zip.file('xl/sharedStrings.xml')?.async('string');
    expect(strings ?? '').toContain('Lê Thị Thu Hà');
  });
});
