import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../api/src/db/client.ts';
import { smtpHandler } from '../../api/src/features/deliveries/email/email.ts';
import { enqueue, startDeliveries } from '../../api/src/features/deliveries/outbox.ts';
import { TestSmtp } from '../support/smtp.ts';

/**
 * `npm run bench -- deliveries`: the outbox's mail throughput to a local smtp-server (the one the
 * tests use, parsing every message): N mails enqueued at once, then sent by one worker with its
 * default batch (50) and SMTP pool (2 connections) at concurrency 4; mails/s from the first claim
 * to the last row marked delivered. On PGlite (memory), and on PostgreSQL when `url` is given.
 */
export async function benchDeliveries(log: (line: string) => void, pgUrl?: string) {
  const n = Number(process.env.BENCH_MAILS ?? 1000);
  const targets: [string, () => Promise<Database>][] = [['PGlite', () => openDatabase({})]];
  // PostgreSQL: a fresh database, created here and dropped at the end (never the one named).
  const dbName = `duhop_bench_dlv_${randomBytes(4).toString('hex')}`;
  const admin = pgUrl ? postgres(pgUrl, { max: 1, onnotice: () => {} }) : null;
  if (pgUrl && admin)
    targets.push([
      'PostgreSQL',
      async () => {
        await admin.unsafe(`create database ${dbName}`);
        const url = new URL(pgUrl);
        url.pathname = `/${dbName}`;
        return openDatabase({ url: url.toString(), max: 4 });
      },
    ]);
  for (const [name, open] of targets) {
    const database = await open();
    const smtp = await TestSmtp.started();
    const mail = smtpHandler({ url: smtp.url, from: 'bench@example.vn' });
    try {
      await database.exec('truncate deliveries restart identity');
      const text = 'Nội dung thư thử nghiệm. '.repeat(20);
      await enqueue(
        database.db,
        Array.from({ length: n }, (_, i) => ({
          kind: 'email' as const,
          dedupeKey: `bench:${i}`,
          payload: {
            to: `u${i}@example.vn`,
            toName: `Người nhận ${i}`,
            summary: `Thư ${i}`,
            subject: `Kiến nghị mới: thư thử ${i}`,
            text,
            html: `<p>${text}</p>`,
          },
        })),
      );
      const worker = startDeliveries(database, {
        handlers: { email: mail.handler },
        intervalMs: 3_600_000,
        log,
      });
      const t0 = performance.now();
      let sent = 0;
      while (sent < n) sent += (await worker.tick()).delivered;
      const s = (performance.now() - t0) / 1000;
      await worker.stop();
      log(
        `deliveries (${name}): ${n} mails to a local smtp-server in ${s.toFixed(2)} s = ${Math.round(n / s)} mails/s (received ${smtp.mails.length})`,
      );
    } finally {
      mail.close();
      await smtp.stop();
      await database.close();
      if (name === 'PostgreSQL')
        await admin?.unsafe(`drop database if exists ${dbName} with (force)`);
    }
  }
  await admin?.end();
}
