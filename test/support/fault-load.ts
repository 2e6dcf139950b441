import { randomBytes } from 'node:crypto';
import { http } from './api-process.ts';
import { recentMeetingDate, reportBody } from './report-bodies.ts';

export interface Outcome {
  issueIds: string[];
  status: number | 'no answer';
  code?: string;
  at: number;
}

/**
 * Submission load for the fault tests: `workers` loops send reports (large, incompressible texts
 * when `bulky`) until stopped, and record every send with its status, error code and time.
 */
export function faultLoad(
  url: string,
  token: string,
  opts: { workers: number; bulky?: boolean; cells?: string[] },
) {
  const sent = new Map<string, Outcome>();
  let running = true;
  const meetingDate = recentMeetingDate();
  const cells = opts.cells ?? ['hn-xom-1', 'hn-xom-2', 'hn-th'];
  const loop = async () => {
    while (running) {
      const body = reportBody(cells[Math.floor(Math.random() * cells.length)]!, meetingDate, [
        'na-snnmt',
        'na-bnc',
      ]);
      if (opts.bulky) {
        body.suggestions = randomBytes(9_000).toString('base64').slice(0, 12_000);
        for (const issue of body.issues)
          issue.detail = randomBytes(6_000).toString('base64').slice(0, 8_000);
      }
      const record: Outcome = {
        issueIds: body.issues.map((i) => i.id),
        status: 'no answer',
        at: Date.now(),
      };
      sent.set(body.id, record);
      try {
        const res = await http(url, 'POST', '/api/reports', { token, body });
        record.status = res.status;
        record.code = res.body?.error?.code;
        record.at = Date.now();
      } catch {
        // The server is gone (or restarting): wait a little rather than spin.
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const done = Promise.allSettled(Array.from({ length: opts.workers }, loop));
  const count = (pred: (o: Outcome) => boolean) => [...sent.values()].filter(pred).length;
  return {
    sent,
    count,
    acked: () => [...sent].filter(([, o]) => o.status === 201),
    stop: async () => {
      running = false;
      await done;
    },
  };
}

export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
