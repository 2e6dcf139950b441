// `npm run bench -- submit`: what one member's submissions cost on the demo database. The API
// runs in a child process seeded with the demo province; one observer sends reports of exactly
// two issues at 16 connections; the figures are req/s and the API process's CPU time (user +
// system, from /proc/<pid>/stat) per submission. Short: about a minute per database.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localDate } from '@duhop/shared';
import { reportBody } from '../support/report-bodies.ts';
import { spawnServer, type ServerChild } from './child.ts';
import { load, type LoadResult } from './load.ts';

export interface MemberFigures {
  driver: 'pglite' | 'postgres';
  connections: number;
  run: LoadResult;
  /** API-process CPU (user + system) per 2xx submission, in ms. */
  cpuMsPerSubmission: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux
/** utime and stime of a process in ms (fields 14 and 15 of /proc/<pid>/stat, after the command name). */
function cpuTimes(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * TICK_MS, system: Number(fields[12]) * TICK_MS };
}

async function waitHealthy(url: string) {
  for (;;) {
    const res = await fetch(`${url}/health`).catch(() => null);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * One database: start the API on it (demo seed), raise the demo province's per-member daily
 * limit to its maximum (10,000: the warm-up and the run stay under it), warm up, then measure.
 */
export async function measureMember(
  driver: MemberFigures['driver'],
  apiEnv: Record<string, string>,
  seconds: number,
  log: (s: string) => void,
): Promise<MemberFigures> {
  const child: ServerChild = await spawnServer();
  try {
    const { url } = await child.send<{ url: string }>({
      cmd: 'start',
      env: { ...apiEnv, SEED_DEMO: 'true', LOG_REQUESTS: 'false' },
    });
    await waitHealthy(url);
    await child.send({
      cmd: 'query',
      text: `update org_units set config = jsonb_set(config, '{settings,0,limits}', '{"maxReportsPerMemberPerDay": 10000}') where id = 'na-tu'`,
    });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'observer', password: 'demo1234' }),
    });
    const { token } = (await login.json()) as { token: string };
    const meetingDate = localDate(new Date(Date.now() - 3 * 86_400_000));
    const next = () => {
      let body = reportBody('hn-xom-1', meetingDate);
      while (body.issues.length < 2) body = reportBody('hn-xom-1', meetingDate);
      body.issues = body.issues.slice(0, 2);
      return {
        method: 'POST' as const,
        path: '/api/reports',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      };
    };
    await load({ url, connections: 8, seconds: 3, maxRequests: 1_000, next }); // warm-up (JIT, pool)
    const connections = 16;
    // BENCH_CPU_PROF=<dir>: also write the API process's CPU profile of the run there (the
    // profiler's own cost is then in the CPU figure).
    const profileDir = process.env.BENCH_CPU_PROF;
    if (profileDir) await child.send({ cmd: 'profileStart' });
    const before = cpuTimes(child.pid);
    const run = await load({ url, connections, seconds, maxRequests: 8_000, next });
    const after = cpuTimes(child.pid);
    const user = after.user - before.user;
    const system = after.system - before.system;
    const used = user + system;
    if (profileDir)
      log(
        `  profile: ${(await child.send<{ path: string }>({ cmd: 'profileStop', path: join(resolve(profileDir), `submit-${driver}-${Date.now()}.cpuprofile`) })).path}`,
      );
    const ok = Math.round(run.rps * run.seconds);
    const cpuMsPerSubmission = ok ? used / ok : NaN;
    log(
      `  ${driver} one member, 2 issues, c=${connections}: ${run.rps.toFixed(0)} req/s, p50 ${run.p50.toFixed(1)} ms, p95 ${run.p95.toFixed(1)} ms, API CPU ${cpuMsPerSubmission.toFixed(2)} ms/submission (user ${(user / ok).toFixed(2)}, system ${(system / ok).toFixed(2)}), errors ${run.errors} ${JSON.stringify(run.statuses)}`,
    );
    return { driver, connections, run, cpuMsPerSubmission };
  } finally {
    await child.stop();
  }
}
