import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../api/src/db/rows.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { verifyPassword } from '../../api/src/lib/crypto.ts';
import { http, processData, startApiProcess, type ProcessData } from '../support/api-process.ts';
import { runCli } from '../support/cli.ts';

// `npm run admin -- …` as real processes on a real database (PGlite directory or PostgreSQL).
const LONG = 600_000;
let fresh: ProcessData;
let demo: ProcessData;

beforeAll(async () => {
  fresh = await processData();
  demo = await processData();
  const database = await demo.open();
  try {
    await seedDemo(database.db);
  } finally {
    await database.close();
  }
}, LONG);

afterAll(async () => {
  await fresh?.destroy();
  await demo?.destroy();
}, 60_000);

const oneLine = (s: string) => s.trim().split('\n').length === 1;
const passwordIn = (stdout: string) =>
  /: ([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})$/m.exec(stdout)?.[1];

async function rows<T>(data: ProcessData, query: ReturnType<typeof sql>): Promise<T[]> {
  const database = await data.open();
  try {
    return await queryRows<T>(database.db, query);
  } finally {
    await database.close();
  }
}

describe('npm run admin', () => {
  it(
    '--help prints the commands; mistakes are one line and exit 1',
    async () => {
      const help = await runCli(fresh.env, ['admin', '--help']);
      expect(help.code).toBe(0);
      for (const c of ['create-admin', 'reset-password', 'remove-demo'])
        expect(help.stdout).toContain(c);
      for (const args of [
        ['admin', 'frobnicate'],
        ['admin', 'create-admin', '--usernme', 'x'],
        ['admin', 'create-admin', '--name', 'X'],
        ['admin', 'reset-password'],
      ]) {
        const res = await runCli(fresh.env, args);
        expect(res.code, args.join(' ')).toBe(1);
        expect(oneLine(res.stderr), res.stderr).toBe(true);
        expect(res.stdout).toBe('');
      }
    },
    LONG,
  );

  let password = '';
  it(
    'create-admin on an empty database: the province, the reference data and an admin with a one-time password',
    async () => {
      const res = await runCli(fresh.env, [
        'admin',
        'create-admin',
        '--username',
        'chu',
        '--name',
        'Nguyễn Văn Chủ',
        '--unit',
        'nghe-an',
        '--unit-name',
        'Tỉnh ủy Nghệ An',
        '--valid-from',
        '01/07/2025',
      ]);
      expect(res.stderr).toBe('');
      expect(res.stdout).toContain('in force from 01/07/2025');
      expect(res.code).toBe(0);
      password = passwordIn(res.stdout)!;
      expect(password).toBeTruthy();
      const [user] = await rows<{
        role: string;
        org_unit_id: string;
        must_change_password: boolean;
        password_hash: string;
      }>(
        fresh,
        sql`select role, org_unit_id, must_change_password, password_hash from users where username = 'chu'`,
      );
      expect(user).toMatchObject({
        role: 'admin',
        org_unit_id: 'nghe-an',
        must_change_password: true,
      });
      expect(await verifyPassword(password, user!.password_hash)).toBe(true);
      const [unit] = await rows<{
        name: string;
        kind: string;
        parent_id: string | null;
        valid_from: string;
      }>(
        fresh,
        sql`select name, kind, parent_id, valid_from::text as valid_from from org_units where id = 'nghe-an'`,
      );
      // The province is in force from the given day, so units dated from the reorganisation of
      // 01/07/2025 can be imported below it (not only from the day of the installation).
      expect(unit).toEqual({
        name: 'Tỉnh ủy Nghệ An',
        kind: 'province',
        parent_id: null,
        valid_from: '2025-07-01',
      });
      const [sets] = await rows<{ n: number }>(
        fresh,
        sql`select count(*)::int as n from criteria_sets`,
      );
      expect(sets!.n).toBeGreaterThan(0);
      const audit = await rows<{ action: string; actor_id: string | null; via: string }>(
        fresh,
        sql`select action, actor_id, data->>'via' as via from audit_log order by id`,
      );
      expect(audit).toEqual([
        { action: 'org_unit.create', actor_id: null, via: 'cli' },
        { action: 'user.create', actor_id: null, via: 'cli' },
      ]);

      const taken = await runCli(fresh.env, [
        'admin',
        'create-admin',
        '--username',
        'CHU',
        '--name',
        'Ai đó',
      ]);
      expect(taken.code).toBe(1);
      expect(oneLine(taken.stderr)).toBe(true);
      expect(taken.stderr).toMatch(/already taken/);
      const unknown = await runCli(fresh.env, ['admin', 'reset-password', '--username', 'nobody']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/No account has the username "nobody"/);
      const badUnit = await runCli(fresh.env, [
        'admin',
        'create-admin',
        '--username',
        'hai',
        '--name',
        'Hai',
        '--unit',
        'khong-co',
      ]);
      expect(badUnit.code).toBe(1);
      expect(badUnit.stderr).toMatch(/No unit has the code or name "khong-co"/);
      for (const [date, message] of [
        ['31/02/2025', /--valid-from: "31\/02\/2025" is not a date/],
        ['01/07/2025', /--valid-from only applies to the province created on an empty database/],
      ] as const) {
        const bad = await runCli(fresh.env, [
          'admin',
          'create-admin',
          '--username',
          'bao',
          '--name',
          'Trần Văn Bảo',
          '--valid-from',
          date,
        ]);
        expect(bad.code, date).toBe(1);
        expect(oneLine(bad.stderr), bad.stderr).toBe(true);
        expect(bad.stderr).toMatch(message);
      }
      const [bao] = await rows<{ n: number }>(
        fresh,
        sql`select count(*)::int as n from users where username = 'bao'`,
      );
      expect(bao!.n).toBe(0);
    },
    LONG,
  );

  it(
    'the server does not seed the demo over it; the admin signs in and must change the password; a held PGlite directory is refused',
    async () => {
      const api = await startApiProcess(fresh, {}, { readyTimeoutMs: 120_000 });
      try {
        const login = await http(api.url, 'POST', '/api/auth/login', {
          body: { username: 'chu', password },
        });
        expect(login.status).toBe(200);
        expect(login.body.user.mustChangePassword).toBe(true);
        expect(
          (
            await http(api.url, 'POST', '/api/auth/login', {
              body: { username: 'admin', password: 'demo1234' },
            })
          ).status,
        ).toBe(401);
        if (fresh.driver === 'pglite') {
          const held = await runCli(fresh.env, [
            'admin',
            'create-admin',
            '--username',
            'ba',
            '--name',
            'Ba',
          ]);
          expect(held.code).toBe(1);
          expect(oneLine(held.stderr)).toBe(true);
          expect(held.stderr).toMatch(/is in use by process \d+ \(server\)/);
        }
      } finally {
        await api.stop();
      }
      const reset = await runCli(fresh.env, ['admin', 'reset-password', '--username', 'chu']);
      expect(reset.stderr).toBe('');
      expect(reset.code).toBe(0);
      expect(reset.stdout).toMatch(/1 session\(s\) ended/);
      const next = passwordIn(reset.stdout)!;
      const [user] = await rows<{
        must_change_password: boolean;
        password_hash: string;
        open: number;
      }>(
        fresh,
        sql`select must_change_password, password_hash, (select count(*)::int from sessions s where s.user_id = u.id and s.revoked_at is null) as open from users u where username = 'chu'`,
      );
      expect(user!.must_change_password).toBe(true);
      expect(user!.open).toBe(0);
      expect(await verifyPassword(next, user!.password_hash)).toBe(true);
      expect(await verifyPassword(password, user!.password_hash)).toBe(false);
      const audit = await rows<{ action: string }>(
        fresh,
        sql`select action from audit_log where data->>'via' = 'cli' order by id desc limit 1`,
      );
      expect(audit[0]!.action).toBe('user.reset_password');
    },
    LONG,
  );

  it(
    'remove-demo refuses while something real refers to the demo, and removes it otherwise',
    async () => {
      const [adminRow] = await rows<{ id: string }>(
        demo,
        sql`select id from users where username = 'admin'`,
      );
      await rows(
        demo,
        sql`insert into audit_log (actor_id, at, action, entity) values (${adminRow!.id}, now(), 'user.update', 'user')`,
      );
      const refused = await runCli(demo.env, ['admin', 'remove-demo']);
      expect(refused.code).toBe(1);
      expect(oneLine(refused.stderr)).toBe(true);
      expect(refused.stderr).toMatch(/1 audit log entries by demo accounts/);
      const [still] = await rows<{ n: number }>(demo, sql`select count(*)::int as n from users`);
      expect(still!.n).toBe(8);

      await rows(demo, sql`delete from audit_log where actor_id is not null`);
      const removed = await runCli(demo.env, ['admin', 'remove-demo']);
      expect(removed.stderr).toBe('');
      expect(removed.code).toBe(0);
      const [left] = await rows<{ users: number; units: number; rules: number; sets: number }>(
        demo,
        sql`select (select count(*)::int from users) as users, (select count(*)::int from org_units) as units,
                 (select count(*)::int from routing_rules) as rules, (select count(*)::int from criteria_sets) as sets`,
      );
      expect(left).toMatchObject({ users: 0, units: 0, rules: 0 });
      expect(left!.sets).toBeGreaterThan(0); // national reference data stays
      const audit = await rows<{ action: string }>(
        demo,
        sql`select action from audit_log order by id desc limit 1`,
      );
      expect(audit[0]!.action).toBe('demo.remove');
      const again = await runCli(demo.env, ['admin', 'remove-demo']);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/no demo data/);
    },
    LONG,
  );
});
