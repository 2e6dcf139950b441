// Issue 13's login-spray figure: does an unauthenticated spray of wrong passwords (many usernames,
// many client addresses behind a trusted proxy) slow down the sign-in of real users? Runs a real
// API process on a fresh database (PGlite, or PostgreSQL with TEST_DB_DRIVER=pg and
// TEST_DATABASE_URL) with the production password cost. Not part of `npm test`:
//   cd test && npx tsx bench/login-spray.ts          (SPRAY=3000 wrong passwords by default)
import { processData, startApiProcess } from '../support/api-process.ts';

const SPRAY = Number(process.env.SPRAY ?? 3000);
const CONCURRENCY = 16;
const data = await processData();
// The production scrypt cost (SCRYPT_N unset), a proxy in front (addresses from X-Forwarded-For).
delete process.env.SCRYPT_N;
const api = await startApiProcess(data, { TRUST_PROXY: 'true' });
const login = (username: string, password: string, address: string) =>
  fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password }),
  }).then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });

async function realLogins(n: number): Promise<{ medianMs: number; statuses: number[] }> {
  const times: number[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    statuses.push(await login('observer', 'demo1234', '192.0.2.10'));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Math.round(times[Math.floor(n / 2)]!), statuses: [...new Set(statuses)] };
}

try {
  await realLogins(2); // warm-up (the first sign-in loads the statements)
  const before = await realLogins(9);
  // The spray: one wrong password per (username, address), addresses from the documentation ranges.
  const outcome: Record<number, number> = {};
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < SPRAY; i = next++) {
        const status = await login(
          `khong-co-${i}`,
          'sai-mat-khau',
          `198.51.${100 + ((i >> 8) % 2)}.${i & 255}`,
        );
        outcome[status] = (outcome[status] ?? 0) + 1;
      }
    }),
  );
  const sprayS = (performance.now() - t0) / 1000;
  const after = await realLogins(9);
  console.log(
    JSON.stringify(
      {
        driver: data.driver,
        spray: SPRAY,
        sprayStatuses: outcome,
        sprayPerSecond: Math.round(SPRAY / sprayS),
        realLoginBefore: before,
        realLoginAfter: after,
      },
      null,
      2,
    ),
  );
} finally {
  await api.stop();
  await data.destroy();
}
