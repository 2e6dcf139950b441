import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  processData,
  startApiProcess,
  type ApiProcess,
  type ProcessData,
} from '../support/api-process.ts';

// The reverse-proxy configurations of docs/deploy.md (deploy/Caddyfile, deploy/nginx-duhop.conf)
// run for real in front of the built server: only the domain, the ports and the certificate are
// changed for the test (localhost, free ports, a certificate made here). Runs where Debian's caddy
// and nginx are installed; skipped with the reason otherwise. Once (PGlite project): no database
// behaviour is involved.
const root = fileURLToPath(new URL('../../', import.meta.url));
const driver = (process.env.TEST_DB_DRIVER ?? 'pglite') === 'pg' ? 'pg' : 'pglite';
const has = (cmd: string, ...args: string[]) => spawnSync(cmd, args).status === 0;
const hasCaddy = has('caddy', 'version');
const hasNginx = has('nginx', '-v');
const hasOpenssl = has('openssl', 'version');
if (driver === 'pglite' && !(hasCaddy && hasNginx && hasOpenssl))
  console.log(
    'deploy-proxies: caddy, nginx or openssl missing, some tests skipped (apt-get install caddy nginx)',
  );

const outName = `.dist-proxy-${process.pid}`;
let data: ProcessData;
let api: ApiProcess;
let dir = '';
const children: ChildProcess[] = [];

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** HTTPS with the chain checked against `ca` (and the name localhost), or plain HTTP. */
function call(
  url: string,
  opts: { ca?: string; method?: string; body?: Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? request : httpRequest;
    const req = send(
      u,
      {
        method: opts.method ?? 'GET',
        ca: opts.ca,
        headers: opts.body
          ? { 'content-type': 'application/json', 'content-length': opts.body.length }
          : {},
      },
      (res) => {
        let body = '';
        res.on('data', (b: Buffer) => (body += b.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function until<T>(
  what: string,
  child: ChildProcess,
  output: () => string,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited (${child.exitCode}):\n${output()}`);
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(cmd, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  children.push(child);
  return { child, output: () => out };
}

const apiPort = () => new URL(api.url).port;

describe.runIf(driver === 'pglite')('the reverse proxies of docs/deploy.md', () => {
  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/build-api.mjs', '--outdir', outName], {
      cwd: root,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
    dir = mkdtempSync(join(tmpdir(), 'duhop-proxy-'));
    data = await processData();
    api = await startApiProcess(data, {}, { args: [`api/${outName}/serve.js`] });
  }, 180_000);

  afterAll(async () => {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null) {
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        await exited;
      }
    }
    await api?.stop();
    await data?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
    rmSync(join(root, 'api', outName), { recursive: true, force: true });
  }, 60_000);

  it.skipIf(!hasCaddy)(
    'Caddy: HTTPS to the API, HTTP redirected, HSTS, big bodies refused (413 from the API)',
    async () => {
      const [httpPort, httpsPort] = [await freePort(), await freePort()];
      const home = join(dir, 'caddy');
      let config = readFileSync(join(root, 'deploy/Caddyfile'), 'utf8');
      // The test's changes: ports, no admin endpoint, localhost with Caddy's own authority, the API's port.
      config = config.replace(
        '{\n',
        `{\n\thttp_port ${httpPort}\n\thttps_port ${httpsPort}\n\tadmin off\n\tskip_install_trust\n`,
      );
      config = config.replace('duhop.example.vn {\n', 'localhost {\n\ttls internal\n');
      config = config.replace(
        'reverse_proxy 127.0.0.1:8787',
        `reverse_proxy 127.0.0.1:${apiPort()}`,
      );
      expect(config).toContain('tls internal');
      const file = join(dir, 'Caddyfile');
      writeFileSync(file, config);
      const caddy = run('caddy', ['run', '--config', file, '--adapter', 'caddyfile'], {
        HOME: home,
        XDG_DATA_HOME: join(home, 'data'),
        XDG_CONFIG_HOME: join(home, 'config'),
      });
      const caPath = join(home, 'data/caddy/pki/authorities/local/root.crt');
      const https = `https://localhost:${httpsPort}`;
      const health = await until('caddy', caddy.child, caddy.output, async () => {
        const ca = readFileSync(caPath, 'utf8');
        const res = await call(`${https}/health`, { ca });
        return res.status === 200 ? { res, ca } : undefined;
      });
      expect(JSON.parse(health.res.body)).toMatchObject({ status: 'ok', service: 'duhop' });
      expect(health.res.headers['strict-transport-security']).toBe('max-age=31536000');
      const plain = await call(`http://localhost:${httpPort}/health`);
      expect([301, 308]).toContain(plain.status);
      expect(plain.headers.location).toMatch(/^https:\/\/localhost/);
      // The API itself answers through the proxy (a wrong password: 401 with its JSON error).
      const login = await call(`${https}/api/auth/login`, {
        ca: health.ca,
        method: 'POST',
        body: Buffer.from(JSON.stringify({ username: 'nobody', password: 'wrong-password' })),
      });
      expect(login.status).toBe(401);
      expect(JSON.parse(login.body).error.code).toBeTruthy();
      const big = await call(`${https}/api/reports`, {
        ca: health.ca,
        method: 'POST',
        body: Buffer.alloc(3 * 1024 * 1024, 0x20),
      });
      expect(big.status).toBe(413);
    },
    120_000,
  );

  it.skipIf(!hasNginx || !hasOpenssl)(
    'nginx: HTTPS to the API, HTTP redirected, HSTS, bodies over 2 MB refused',
    async () => {
      const [httpPort, httpsPort] = [await freePort(), await freePort()];
      const ngx = join(dir, 'nginx');
      spawnSync('mkdir', ['-p', ngx]);
      const ssl = (...args: string[]) => spawnSync('openssl', args, { cwd: ngx });
      ssl(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'privkey.pem',
        '-out',
        'fullchain.pem',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
      );
      let site = readFileSync(join(root, 'deploy/nginx-duhop.conf'), 'utf8');
      site = site
        .replaceAll('/etc/letsencrypt/live/duhop.example.vn', ngx)
        .replaceAll('duhop.example.vn', 'localhost')
        .replace(/\n\s*listen \[::\]:\d+[^;]*;/g, '') // IPv6 may be missing where the test runs
        .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
        .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
        .replace('server 127.0.0.1:8787;', `server 127.0.0.1:${apiPort()};`)
        .replace(
          'return 301 https://$host$request_uri;',
          `return 301 https://$host:${httpsPort}$request_uri;`,
        );
      writeFileSync(join(ngx, 'site.conf'), site);
      const conf = join(ngx, 'nginx.conf');
      writeFileSync(
        conf,
        `pid ${ngx}/nginx.pid;\nerror_log ${ngx}/error.log;\ndaemon off;\nevents {}\nhttp {\n  access_log off;\n` +
          `  client_body_temp_path ${ngx}/body; proxy_temp_path ${ngx}/proxy; fastcgi_temp_path ${ngx}/fcgi; uwsgi_temp_path ${ngx}/uwsgi; scgi_temp_path ${ngx}/scgi;\n` +
          `  include ${ngx}/site.conf;\n}\n`,
      );
      expect(spawnSync('nginx', ['-t', '-c', conf]).status).toBe(0);
      const nginx = run('nginx', ['-c', conf]);
      const ca = readFileSync(join(ngx, 'fullchain.pem'), 'utf8');
      const https = `https://localhost:${httpsPort}`;
      const health = await until('nginx', nginx.child, nginx.output, async () => {
        const res = await call(`${https}/health`, { ca });
        return res.status === 200 ? res : undefined;
      });
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', service: 'duhop' });
      expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
      const plain = await call(`http://localhost:${httpPort}/health`);
      expect(plain.status).toBe(301);
      expect(plain.headers.location).toBe(`https://localhost:${httpsPort}/health`);
      const login = await call(`${https}/api/auth/login`, {
        ca,
        method: 'POST',
        body: Buffer.from(JSON.stringify({ username: 'nobody', password: 'wrong-password' })),
      });
      expect(login.status).toBe(401);
      const big = await call(`${https}/api/reports`, {
        ca,
        method: 'POST',
        body: Buffer.alloc(3 * 1024 * 1024, 0x20),
      });
      expect(big.status).toBe(413);
    },
    120_000,
  );
});
