import { sql } from 'drizzle-orm';
import type { Db } from '../../api/src/db/client.ts';
import type { ProcessData } from './api-process.ts';
import { DEMO_PROVINCE_CONFIG, DEMO_PROVINCE_ID } from '../../api/src/db/seed-data.ts';

/**
 * Load and fault tests have one member send far more reports than a real day holds: lift the demo
 * province's daily limit per member (docs/security.md) so that they test what they name, not the limit.
 */
export async function liftDailyReportLimit(db: Db): Promise<void> {
  const config = {
    settings: [
      ...DEMO_PROVINCE_CONFIG.settings,
      { validFrom: '2020-01-01', limits: { maxReportsPerMemberPerDay: 10_000 } },
    ],
  };
  await db.execute(
    sql`update org_units set config = ${JSON.stringify(config)}::jsonb where id = ${DEMO_PROVINCE_ID}`,
  );
}

/** The same on an API process's data, while no process holds it (PGlite) or beside it (PostgreSQL). */
export async function liftDailyReportLimitOf(data: ProcessData): Promise<void> {
  const database = await data.open();
  try {
    await liftDailyReportLimit(database.db);
  } finally {
    await database.close();
  }
}
