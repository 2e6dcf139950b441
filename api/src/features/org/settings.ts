import { eq, sql } from 'drizzle-orm';
import {
  DEFAULT_DEADLINES,
  DEFAULT_REPORTING,
  DEFAULT_SUBMISSION_LIMITS,
  parseProvinceConfig,
  type DeadlineConfig,
  type ProvinceConfig,
  type ReportingConfig,
  type SubmissionLimits,
} from '@duhop/shared';

import type { Db } from '../../db/client.ts';
import { orgUnits } from '../../db/schema.ts';

export interface ProvinceSettings {
  deadlines: DeadlineConfig;
  reporting: ReportingConfig;
  limits: SubmissionLimits;
}

/**
 * A province's deadline and reporting rules in force on `date`. They are data with effective
 * dates (`config.settings: [{validFrom, deadlines, reporting, limits}]`), so a change never rewrites
 * history. `config` is the parsed column (`parseProvinceConfig`): invalid values are already gone.
 */
export function provinceSettings(
  config: ProvinceConfig | null | undefined,
  date: string,
): ProvinceSettings {
  const versions = (config?.settings ?? [])
    .filter((v) => v.validFrom <= date)
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  let deadlines: DeadlineConfig = { ...DEFAULT_DEADLINES };
  let reporting: ReportingConfig = { ...DEFAULT_REPORTING };
  let limits: SubmissionLimits = { ...DEFAULT_SUBMISSION_LIMITS };
  for (const v of versions) {
    deadlines = { ...deadlines, ...v.deadlines };
    reporting = { ...reporting, ...v.reporting };
    limits = { ...limits, ...v.limits };
  }
  return { deadlines, reporting, limits };
}

/** The configuration of the province a unit belongs to (or of the province itself). */
export async function provinceConfig(db: Db, unitId: string): Promise<ProvinceConfig | null> {
  const province = db
    .select({ id: sql`coalesce(${orgUnits.provinceId}, ${orgUnits.id})` })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId));
  const [row] = await db
    .select({ config: orgUnits.config })
    .from(orgUnits)
    .where(eq(orgUnits.id, province));
  return parseProvinceConfig(row?.config);
}
