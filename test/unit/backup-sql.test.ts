import { describe, expect, it } from 'vitest';
import { nextBackupAt } from '../../api/src/features/backup/schedule.ts';
import { backupFileName } from '../../api/src/features/backup/backup.ts';
import { splitSqlScript, sqlBatches } from '../../api/src/features/backup/sql-script.ts';

describe('splitSqlScript', () => {
  it('ends statements at semicolons outside strings, identifiers, dollar quotes and comments', () => {
    const script = [
      '--',
      '-- PostgreSQL database dump',
      '--',
      '',
      '\\restrict abc123',
      'SET transaction_timeout = 0;',
      "INSERT INTO public.t VALUES (1, 'a; b', 'it''s;', E'x\\';y');",
      "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no; way'; END; $$ LANGUAGE plpgsql;",
      'CREATE TABLE "odd;name" (a int); -- trailing; comment',
      '/* block; comment */ SELECT $tag$ ; $$ ; $tag$;',
      "INSERT INTO public.t VALUES (2, 'line one\n\\unrestrict not-a-command;\nline three');",
      '\\unrestrict abc123',
      '',
    ].join('\n');
    const statements = [...splitSqlScript(script)];
    expect(statements).toEqual([
      'SET transaction_timeout = 0;',
      "INSERT INTO public.t VALUES (1, 'a; b', 'it''s;', E'x\\';y');",
      "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no; way'; END; $$ LANGUAGE plpgsql;",
      'CREATE TABLE "odd;name" (a int);',
      '-- trailing; comment\n/* block; comment */ SELECT $tag$ ; $$ ; $tag$;',
      "INSERT INTO public.t VALUES (2, 'line one\n\\unrestrict not-a-command;\nline three');",
    ]);
  });

  it('drops the settings an older server rejects and groups the rest into batches', () => {
    const script = `SET transaction_timeout = 0;\nSET lock_timeout = 0;\n${Array.from({ length: 10 }, (_, i) => `INSERT INTO t VALUES (${i});`).join('\n')}`;
    const batches = [...sqlBatches(script, 60)];
    expect(batches.join('\n')).not.toContain('transaction_timeout');
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.join('\n').match(/INSERT/g)).toHaveLength(10);
    expect(batches[0]).toMatch(/^SET lock_timeout = 0;/);
  });
});

describe('daily backup time (+07:00)', () => {
  it('is the next HH:mm in Vietnam, strictly after now', () => {
    expect(nextBackupAt(new Date('2026-12-02T18:59:00Z'), '02:00').toISOString()).toBe(
      '2026-12-02T19:00:00.000Z',
    );
    expect(nextBackupAt(new Date('2026-12-02T19:00:00Z'), '02:00').toISOString()).toBe(
      '2026-12-03T19:00:00.000Z',
    );
    expect(nextBackupAt(new Date('2026-12-02T01:00:00Z'), '23:30').toISOString()).toBe(
      '2026-12-02T16:30:00.000Z',
    );
  });

  it('names files by the Vietnamese date and time, sortable', () => {
    expect(backupFileName(new Date('2026-12-02T19:05:00Z'))).toBe('duhop-2026-12-03-0205.sql');
  });
});
