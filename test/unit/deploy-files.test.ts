import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../api/src/env.ts';

// deploy/duhop.env.example becomes /etc/duhop/duhop.env, which two readers take in: systemd
// (EnvironmentFile= of deploy/duhop.service) for the server, and bash (`set -a; . file; set +a`)
// for the administration commands of docs/deploy.md. Both must see the same values, or
// `npm run admin`/`backup` quietly work on another database than the service's.
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'duhop-envfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The assignments of an environment file as systemd reads them (the subset it documents). */
function systemdParse(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value.at(-1) === value[0])
      value = value.slice(1, -1);
    out[key] = value;
  }
  return out;
}

/** The same file sourced by bash with `set -a`, as the guide's commands do. */
function bashParse(text: string): Record<string, string> {
  const file = join(dir, `env-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text);
  const res = spawnSync(
    'bash',
    [
      '-c',
      `set -a; . "$1" >/dev/null 2>&1; set +a; node -e 'process.stdout.write(JSON.stringify(process.env))'`,
      'bash',
      file,
    ],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
  );
  expect(res.status, res.stderr).toBe(0);
  const env = JSON.parse(res.stdout) as Record<string, string>;
  return Object.fromEntries(Object.keys(systemdParse(text)).map((k) => [k, env[k] ?? '(unset)']));
}

/** The example with its commented-out settings (`# NAME=value`) switched on. */
function everySetting(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/^# ([A-Z][A-Z0-9_]*=)/, '$1'))
    .join('\n');
}

describe('deploy/duhop.env.example', () => {
  const example = read('deploy/duhop.env.example');

  it('systemd and bash read the same values, the commented-out ones included', () => {
    for (const text of [example, everySetting(example)]) {
      const systemd = systemdParse(text);
      expect(Object.keys(systemd).length).toBeGreaterThan(3);
      expect(bashParse(text)).toEqual(systemd);
    }
  });

  it('the comparison catches a value the shell would cut at "&", and quoting fixes it', () => {
    const url =
      'postgres://duhop:pw@db.example.vn:5432/duhop?sslmode=verify-full&application_name=duhop';
    expect(bashParse(`DATABASE_URL=${url}\n`)).not.toEqual({ DATABASE_URL: url });
    expect(bashParse(`DATABASE_URL='${url}'\n`)).toEqual({ DATABASE_URL: url });
    expect(systemdParse(`DATABASE_URL='${url}'\n`)).toEqual({ DATABASE_URL: url });
  });

  it('every setting, the commented-out ones included, is accepted by the server', () => {
    const env = parseEnv(systemdParse(everySetting(example)));
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.PORT).toBe(8787);
    expect(env.DATA_DIR).toBe('/var/lib/duhop/data');
    expect(env.DATABASE_URL).toMatch(/sslmode=verify-full$/);
  });
});

describe('deploy/duhop.service and its manual equivalent', () => {
  const unit = read('deploy/duhop.service');
  const setting = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(unit)?.[1];

  it('runs the built server with the environment file the guide installs, as the user duhop', () => {
    expect(setting('ExecStart')).toBe(
      '/usr/bin/node --enable-source-maps /opt/duhop/api/dist/serve.js',
    );
    expect(read('scripts/build-api.mjs')).toContain("'src/serve.ts'");
    expect(setting('EnvironmentFile')).toBe('/etc/duhop/duhop.env');
    expect(setting('User')).toBe('duhop');
    expect(setting('WorkingDirectory')).toBe('/opt/duhop');
  });

  it('docs/deploy.md installs that file and, without systemd, runs the same command the same way', () => {
    const guide = read('docs/deploy.md');
    expect(guide).toContain('deploy/duhop.env.example /etc/duhop/duhop.env');
    expect(guide).toContain(
      `sudo -u duhop bash -c 'set -a; . /etc/duhop/duhop.env; set +a; exec ${setting('ExecStart')}'`,
    );
  });
});
