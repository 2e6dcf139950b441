import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody, type AssignmentImportResult } from '@duhop/shared';
import { useHarness } from '../support/app.ts';
import { resetAssignments, rows } from '../support/monthly.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

beforeEach(() => resetAssignments(h));
afterEach(() => resetAssignments(h));

const HEADER = 'Tên đăng nhập,Mã chi bộ,Số quyết định,Từ ngày,Đến ngày';
const countAssignments = async () =>
  (await rows<{ n: number }>(h, sql`select count(*)::int as n from assignments`))[0]!.n;

async function importCsv(text: string, query = '') {
  const token = await h.login('commune');
  const res = await h.app.request(`/api/assignments/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
    body: text,
  });
  const body: unknown = await res.json();
  // Successes are read as the import result, refusals as the API's error.
  const refused = ErrorBody.safeParse(body);
  return {
    status: res.status,
    body: body as AssignmentImportResult,
    error: refused.success ? refused.data.error : undefined,
  };
}

describe('POST /api/assignments/import?dryRun=true', () => {
  it('checks every row and stores nothing: 200 with the number of valid rows', async () => {
    const before = await countAssignments();
    const res = await importCsv(
      `${HEADER}\r\nobserver2,hn-xom-1,130-QĐ/ĐU,10/11/2026,\r\nobserver2,hn-th,130-QĐ/ĐU,2026-11-10,\r\n`,
      '?dryRun=true',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ imported: 0, items: [], dryRun: true, valid: 2 });
    expect(await countAssignments()).toBe(before);
    // The same file then imports for real.
    const real = await importCsv(
      `${HEADER}\r\nobserver2,hn-xom-1,130-QĐ/ĐU,10/11/2026,\r\nobserver2,hn-th,130-QĐ/ĐU,2026-11-10,\r\n`,
      '?dryRun=false',
    );
    expect(real.status).toBe(201);
    expect(await countAssignments()).toBe(before + 2);
  });

  it('reports the same row errors as an import (422 rows.N.field)', async () => {
    const res = await importCsv(
      `${HEADER}\r\nobserver2,hn-xom-1,130-QĐ/ĐU,10/11/2026,\r\nnobody,tv-khoi-5,,31/02/2026,\r\n`,
      '?dryRun=1',
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.error?.fields ?? {}).sort()).toEqual([
      'rows.3.cellId',
      'rows.3.decisionNo',
      'rows.3.username',
      'rows.3.validFrom',
    ]);
  });

  it('refuses a dryRun that is not a boolean (422)', async () => {
    const res = await importCsv(`${HEADER}\r\n`, '?dryRun=maybe');
    expect(res.status).toBe(422);
    expect(res.error?.fields?.dryRun).toBeDefined();
  });
});
