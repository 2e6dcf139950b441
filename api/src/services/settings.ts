import { sql } from 'drizzle-orm';
import { DEFAULT_DEADLINES, DEFAULT_REPORTING, DEFAULT_SUBMISSION_LIMITS, DeadlineConfig, type ReportingConfig, SubmissionLimits } from '@duhop/shared';

import type { Db } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

export interface ProvinceSettings {
  deadlines: DeadlineConfig;
  reporting: ReportingConfig;
  limits: SubmissionLimits;
}

interface SettingsVersion {
  validFrom: string;
  deadlines?: Partial<DeadlineConfig>;
  reporting?: Partial<ReportingConfig>;
  limits?: Partial<SubmissionLimits>;
}

/**
 * A province's deadline and reporting rules in force on `date`. They are data with effective
 * dates (`config.settings: [{validFrom, deadlines, reporting, limits}]`), so a change never rewrites history.
 */
export function provinceSettings(config: Record<string, unknown> | null | undefined, date: string): ProvinceSettings {
  const versions = ((config?.settings as SettingsVersion[] | undefined) ?? [])
    .filter((v) => v.validFrom <= date)
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  let deadlines: DeadlineConfig = { ...DEFAULT_DEADLINES };
  let reporting: ReportingConfig = { ...DEFAULT_REPORTING };
  let limits: SubmissionLimits = { ...DEFAULT_SUBMISSION_LIMITS };
  for (const v of versions) {
    deadlines = { ...deadlines, ...v.deadlines };
    reporting = { ...reporting, ...v.reporting };
    limits = { ...limits, ...SubmissionLimits.partial().catch({}).parse(v.limits ?? {}) };
  }
  return { deadlines, reporting, limits };
}

/** The configuration of the province a unit belongs to (or of the province itself). */
export async function provinceConfig(db: Db, unitId: string): Promise<Record<string, unknown> | null> {
  const rows = await queryRows<{ config: Record<string, unknown> | null }>(
    db,
    sql`select config from org_units where id = (select coalesce(province_id, id) from org_units where id = ${unitId})`,
  );
  return rows[0]?.config ?? null;
}
