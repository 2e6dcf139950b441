import type { ResidenceMemberRecord } from '@duhop/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../extension/utils/db.ts';
import { clearReference, refreshReference } from '../../extension/utils/reference-data.ts';
import {
  readRegister,
  refreshRegisters,
  rememberRegister,
  residenceKey,
} from '../../extension/utils/residence/register-cache.ts';
import { sessionItem } from '../../extension/utils/storage.ts';

// The residence register of the member's cells is kept on the device, so the form's checklist
// works offline (issue 17); only the cells the member is assigned to, cleared at sign-out.
const USER = '00000000-0000-4000-8000-000000000001';
const member = (id: string, cellId: string, fullName: string): ResidenceMemberRecord =>
  ({
    id,
    cellId,
    cellName: cellId,
    fullName,
    birthYear: null,
    workplaceUnitId: null,
    workplaceUnitName: null,
    workplaceName: 'Sở Tài chính',
    workplace: 'Sở Tài chính',
    introducedOn: '2025-01-10',
    receivedOn: '2025-01-15',
    status: 'active',
    statusOn: null,
    note: null,
    assessment: null,
    updatedAt: '2025-01-15T08:00:00+07:00',
  }) as unknown as ResidenceMemberRecord;
const REGISTERS: Record<string, ResidenceMemberRecord[]> = {
  'hn-xom-1': [
    member('00000000-0000-4000-8000-0000000000a1', 'hn-xom-1', 'Nguyễn Thị Lan'),
    member('00000000-0000-4000-8000-0000000000a2', 'hn-xom-1', 'Phan Văn Đức'),
  ],
  'hn-xom-2': [member('00000000-0000-4000-8000-0000000000b1', 'hn-xom-2', 'Lê Văn Minh')],
};
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The API as the tests need it: /api/me with `cells` assigned, each register, the rest empty. */
function stubApi(cells: string[], opts: { down?: string[] } = {}) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname === '/api/me')
        return json({
          user: { id: USER, username: 'observer', role: 'observer' },
          assignments: cells.map((cellId) => ({ cellId, cellName: cellId, meetingDay: 3 })),
        });
      if (url.pathname === '/api/residence/members') {
        const cellId = url.searchParams.get('cellId')!;
        asked.push(`${cellId}@${url.searchParams.get('year')}`);
        if (opts.down?.includes(cellId)) throw new TypeError('Failed to fetch');
        return json({
          year: Number(url.searchParams.get('year')),
          items: REGISTERS[cellId] ?? [],
          counts: { active: 0, assessed: 0, good: 0, unassessed: 0 },
        });
      }
      return json({ items: [] });
    }),
  );
  return asked;
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
  await db.open();
});

describe('the residence registers kept on the device', () => {
  it('are fetched with the reference data for each assigned cell, with when', async () => {
    await sessionItem.setValue({
      token: 'tok_abcdefghijklmnopqrstuvwxyz',
      user: { id: USER, username: 'observer', displayName: 'Quan sát', role: 'observer' },
      expiresAt: '2099-01-01',
    } as never);
    const asked = stubApi(['hn-xom-1', 'hn-xom-2']);
    const t = Date.parse('2026-11-05T09:30:00+07:00');
    expect(await refreshReference(() => t)).toBeNull();
    expect(asked.sort()).toEqual(['hn-xom-1@2026', 'hn-xom-2@2026']);
    const one = await readRegister('hn-xom-1');
    expect(one?.fetchedAt).toBe(t);
    expect(one?.members.map((m) => m.fullName)).toEqual(['Nguyễn Thị Lan', 'Phan Văn Đức']);
    expect((await readRegister('hn-xom-2'))?.members).toHaveLength(1);
  });

  it('forget a cell no longer assigned; a register that does not arrive keeps its older copy', async () => {
    stubApi(['hn-xom-1', 'hn-xom-2']);
    expect(await refreshRegisters(['hn-xom-1', 'hn-xom-2'], 2026, { now: () => 1000 })).toBe(2);
    // hn-xom-2 is no longer assigned; hn-xom-1 cannot be reached this time.
    stubApi(['hn-xom-1'], { down: ['hn-xom-1'] });
    expect(await refreshRegisters(['hn-xom-1'], 2026, { now: () => 2000 })).toBe(0);
    expect(await readRegister('hn-xom-2')).toBeNull();
    expect((await readRegister('hn-xom-1'))?.fetchedAt).toBe(1000);
    expect(await db.cache.get(residenceKey('hn-xom-2'))).toBeUndefined();
  });

  it('keep what the form fetched only for a cell among the member’s assignments', async () => {
    await db.cache.put({
      key: 'me',
      value: { user: { id: USER }, assignments: [{ cellId: 'hn-xom-1' }] },
      fetchedAt: 1,
    });
    expect(await rememberRegister('hn-xom-1', REGISTERS['hn-xom-1']!, { now: () => 5 })).toBe(true);
    // A keeper reading another cell's register (or a cell not assigned any more): not kept.
    expect(await rememberRegister('hn-xom-2', REGISTERS['hn-xom-2']!)).toBe(false);
    expect((await readRegister('hn-xom-1'))?.fetchedAt).toBe(5);
    expect(await readRegister('hn-xom-2')).toBeNull();
  });

  it('go at sign-out with the rest of the reference data', async () => {
    stubApi(['hn-xom-1']);
    await refreshRegisters(['hn-xom-1'], 2026);
    expect(await readRegister('hn-xom-1')).not.toBeNull();
    await clearReference();
    expect(await readRegister('hn-xom-1')).toBeNull();
  });
});
