import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { overdueCondition, timestamp } from './overdue-sql.ts';

/**
 * Records one `escalated` event for each issue that has passed a deadline and was not escalated
 * yet; from then on it also shows in the parent body's overdue view. Safe with several API
 * instances on one PostgreSQL: rows are claimed with FOR UPDATE SKIP LOCKED and the update
 * re-checks `escalated_at is null`, so each escalation is recorded once.
 */
export async function escalateOverdue(database: Database, now: Date, batch = 500): Promise<number> {
  const at = timestamp(now);
  const rows = await queryRows<{ n: number }>(
    database.db,
    sql`with due as (
          select id from issues
           where escalated_at is null and ${overdueCondition(now)}
           order by due_at limit ${batch}
           for update skip locked
        ), upd as (
          update issues i set escalated_at = ${at}
            from due where i.id = due.id and i.escalated_at is null
          returning i.id, i.status, i.responsible_body_id
        ), ev as (
          insert into issue_events (issue_id, type, at, note, from_status, to_status, from_body_id, to_body_id)
          select id, 'escalated', ${at}, 'Quá hạn xử lý: báo cáo lên cấp trên', status, status, responsible_body_id, responsible_body_id from upd
          returning 1
        ) select count(*)::int as n from ev`,
  );
  return rows[0]?.n ?? 0;
}

/** Runs `escalateOverdue` every `intervalMs` until stopped; errors are logged and retried next tick. */
export function startEscalationScheduler(
  database: Database,
  now: () => Date,
  intervalMs = 60_000,
  log: (err: unknown) => void = console.error,
  /** Told how many issues each batch escalated (for /metrics). */
  onEscalated: (n: number) => void = () => {},
) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (
        let n = await escalateOverdue(database, now());
        n > 0;
        n = await escalateOverdue(database, now())
      )
        onEscalated(n);
    } catch (err) {
      log(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer), tick };
}
