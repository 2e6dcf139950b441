// Issue 13's export-starvation figure: one user starts 20 DOCX exports of the monthly synthesis and
// hangs up on all of them; how long does another commune's XLSX export then take? Runs a real API
// process on a fresh PGlite with the demo province. Not part of `npm test`:
//   cd test && npx tsx bench/export-queue.ts
import { request } from 'node:http';
import { toLocalIso } from '@duhop/shared';
import { loginHttp, processData, startApiProcess } from '../support/api-process.ts';

const ABANDONED = Number(process.env.ABANDONED ?? 20);
const data = await processData();
const api = await startApiProcess(data, { SCRYPT_N: '4096' });
try {
  const port = api.port;
  const month = toLocalIso(new Date()).slice(0, 7);
  const [a, b] = [await loginHttp(api.url, 'commune'), await loginHttp(api.url, 'commune2')];
  const exportTime = async (token: string, format: string) => {
    const t0 = performance.now();
    const res = await fetch(`${api.url}/api/synthesis/export?month=${month}&format=${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`export ${format}: ${res.status}`);
    return performance.now() - t0;
  };
  await exportTime(b, 'xlsx'); // warm-up: the first worker compiles the task module
  const alone = [
    await exportTime(b, 'xlsx'),
    await exportTime(b, 'xlsx'),
    await exportTime(b, 'xlsx'),
  ].sort((x, y) => x - y)[1]!;
  const docx = await exportTime(a, 'docx');

  // 20 DOCX exports by one user, each hung up once the server has had it for HANG_UP_MS (2 s).
  const statuses: (number | 'hung up')[] = [];
  const sockets = Array.from({ length: ABANDONED }, () => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/synthesis/export?month=${month}&format=docx`,
        headers: { authorization: `Bearer ${a}` },
      },
      (res) => {
        statuses.push(res.statusCode!);
        res.resume();
      },
    );
    req.on('error', () => {});
    req.end();
    return req;
  });
  await new Promise((r) => setTimeout(r, Number(process.env.HANG_UP_MS ?? 2000)));
  for (const s of sockets) s.destroy();
  const hungUp = ABANDONED - statuses.length;
  const behind = await exportTime(b, 'xlsx');
  console.log(
    JSON.stringify(
      {
        xlsxAloneMs: Math.round(alone),
        docxAloneMs: Math.round(docx),
        abandonedDocx: ABANDONED,
        answeredBeforeHangUp: statuses.reduce<Record<string, number>>((m, s) => {
          m[String(s)] = (m[String(s)] ?? 0) + 1;
          return m;
        }, {}),
        hungUp,
        xlsxAfterAbandonedMs: Math.round(behind),
      },
      null,
      2,
    ),
  );
} finally {
  await api.stop();
  await data.destroy();
}
