import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, http } from '../support/api-process.ts';

// docs/deploy.md promises that DATABASE_URL's sslmode is honoured: `verify-full` checks the
// server's certificate (a private authority through NODE_EXTRA_CA_CERTS) and its name. Proven
// against a real PostgreSQL started here with TLS on (its own cluster, certificate made here),
// with the built production server. Needs PostgreSQL's server binaries, openssl and root (to run
// the cluster as the `postgres` user); skipped with the reason otherwise.
const root = fileURLToPath(new URL('../../', import.meta.url));
const driver = (process.env.TEST_DB_DRIVER ?? 'pglite') === 'pg' ? 'pg' : 'pglite';
const pgBin = (() => {
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort();
    const bin = `/usr/lib/postgresql/${versions.at(-1)}/bin`;
    return existsSync(`${bin}/initdb`) ? bin : undefined;
  } catch {
    return undefined;
  }
})();
const postgresUser = (() => {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  return r.status === 0
    ? {
        uid: Number(r.stdout.trim()),
        gid: Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
      }
    : undefined;
})();
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const runnable =
  driver === 'pg' && !!pgBin && !!postgresUser && process.getuid?.() === 0 && hasOpenssl;
if (driver === 'pg' && !runnable)
  console.log(
    'serve-pg-tls: skipped (needs /usr/lib/postgresql/*/bin/initdb, a postgres user, openssl and root)',
  );

const outName = `.dist-tls-${process.pid}`;
let dir = '';
let port = 0;

const asPostgres = (cmd: string) =>
  execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { stdio: 'pipe' });

function runServe(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string; url: string; stop: () => Promise<void> }> {
  return freePort().then(
    (apiPort) =>
      new Promise((resolve) => {
        const url = `http://127.0.0.1:${apiPort}`;
        const child = spawn(process.execPath, [`api/${outName}/serve.js`], {
          cwd: root,
          env: {
            ...process.env,
            HOST: '127.0.0.1',
            PORT: String(apiPort),
            ESCALATION_INTERVAL_MS: '3600000',
            NODE_EXTRA_CA_CERTS: '',
            ...env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (b: Buffer) => (output += b.toString()));
        child.stderr.on('data', (b: Buffer) => (output += b.toString()));
        const exited = new Promise<number | null>((r) => child.once('exit', r));
        const stop = async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        };
        // Ready (/health 200) or gone, whichever comes first.
        void (async () => {
          for (;;) {
            if (child.exitCode !== null)
              return resolve({ code: child.exitCode, output, url, stop });
            const res = await fetch(`${url}/health`).catch(() => null);
            if (res?.ok) return resolve({ code: null, output, url, stop });
            await new Promise((r) => setTimeout(r, 50));
          }
        })();
      }),
  );
}

describe.runIf(runnable)('PostgreSQL over TLS (sslmode in DATABASE_URL)', () => {
  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/build-api.mjs', '--outdir', outName], {
      cwd: root,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
    dir = mkdtempSync(join(tmpdir(), 'duhop-pgtls-'));
    chownSync(dir, postgresUser!.uid, postgresUser!.gid);
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    // A private authority, and a server certificate for the name "localhost" signed by it.
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=duhop test CA',
    );
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=localhost',
    );
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=DNS:localhost\n');
    ssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    );
    for (const f of ['server.key', 'server.crt'])
      chownSync(join(dir, f), postgresUser!.uid, postgresUser!.gid);
    chmodSync(join(dir, 'server.key'), 0o600);
    asPostgres(`${pgBin}/initdb -D ${dir}/data -A trust -U postgres`);
    port = await freePort();
    asPostgres(
      `${pgBin}/pg_ctl -D ${dir}/data -l ${dir}/log -w start -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c ssl=on ` +
        `-c ssl_cert_file=${dir}/server.crt -c ssl_key_file=${dir}/server.key -c fsync=off"`,
    );
  }, 120_000);

  afterAll(() => {
    if (dir && existsSync(join(dir, 'data', 'postmaster.pid')))
      asPostgres(`${pgBin}/pg_ctl -D ${dir}/data -m fast -w stop`);
    if (dir) rmSync(dir, { recursive: true, force: true });
    rmSync(join(root, 'api', outName), { recursive: true, force: true });
  }, 60_000);

  /** Every client connection of the API to the cluster uses TLS (pg_stat_ssl, from a local socket). */
  const expectAllEncrypted = () => {
    const sql =
      "select count(*) filter (where s.ssl), count(*) from pg_stat_ssl s join pg_stat_activity a using (pid) where a.backend_type = 'client backend' and a.pid <> pg_backend_pid()";
    const out = execFileSync(
      `${pgBin}/psql`,
      ['-h', dir, '-p', String(port), '-U', 'postgres', '-At', '-c', sql],
      { encoding: 'utf8' },
    );
    const [encrypted, all] = out.trim().split('|').map(Number);
    expect(all).toBeGreaterThan(0);
    expect(encrypted).toBe(all);
  };

  const url = (host: string, mode: string) =>
    `postgres://postgres@${host}:${port}/postgres?sslmode=${mode}`;

  it('verify-full with the private authority: the server starts and its connections are encrypted', async () => {
    const api = await runServe({
      DATABASE_URL: url('localhost', 'verify-full'),
      NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
    });
    try {
      expect(api.code, api.output).toBeNull();
      expect((await http(api.url, 'GET', '/health')).status).toBe(200);
      expectAllEncrypted();
    } finally {
      await api.stop();
    }
  }, 120_000);

  it('verify-full without the authority: refuses to start, naming the certificate problem', async () => {
    const api = await runServe({ DATABASE_URL: url('localhost', 'verify-full') });
    await api.stop();
    expect(api.code).toBe(1);
    expect(api.output).toMatch(/certificate/i);
    console.log(`without the authority: ${api.output.trim()}`);
  }, 120_000);

  // This machine's host name, when it resolves to 127.0.0.1: a name of the server that the
  // certificate (for "localhost" only) does not carry.
  const otherName = (() => {
    const host = spawnSync('hostname', { encoding: 'utf8' }).stdout?.trim() ?? '';
    const resolved = host
      ? (spawnSync('getent', ['ahostsv4', host], { encoding: 'utf8' }).stdout ?? '')
      : '';
    return host && host !== 'localhost' && resolved.includes('127.0.0.1') ? host : undefined;
  })();
  it.skipIf(!otherName)(
    'verify-full to a name the certificate does not carry: refused (needs a host name resolving to 127.0.0.1)',
    async () => {
      const host = otherName!;
      const api = await runServe({
        DATABASE_URL: url(host, 'verify-full'),
        NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
      });
      await api.stop();
      expect(api.code).toBe(1);
      expect(api.output).toMatch(/does not match certificate/);
    },
    120_000,
  );

  it('sslmode=require encrypts without checking the certificate', async () => {
    const api = await runServe({ DATABASE_URL: url('localhost', 'require') });
    try {
      expect(api.code, api.output).toBeNull();
      expectAllEncrypted();
    } finally {
      await api.stop();
    }
  }, 120_000);
});
