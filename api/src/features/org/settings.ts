import { sql } from 'drizzle-orm';
import { DEFAULT_DEADLINES, DEFAULT_REPORTING, DEFAULT_SUBMISSION_LIMITS, type DeadlineConfig, type ReportingConfig, SubmissionLimits } from '@duhop/shared';

import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

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
    limits = { ...limits, ...limitsPatch(v.limits) };
  }
  return { deadlines, reporting, limits };
}

/**
 * The limits a settings version sets, each checked alone: an invalid value is ignored (the one in
 * force stays), and a version that names no limit changes none (zod's defaults would reset them).
 */
function limitsPatch(raw: unknown): Partial<SubmissionLimits> {
  if (!raw || typeof raw !== 'object') return {};
  const out: Partial<SubmissionLimits> = {};
  for (const key of Object.keys(DEFAULT_SUBMISSION_LIMITS) as (keyof SubmissionLimits)[]) {
    if (!(key in raw)) continue;
    const parsed = SubmissionLimits.shape[key].safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out;
}

/** The configuration of the province a unit belongs to (or of the province itself). */
export async function provinceConfig(db: Db, unitId: string): Promise<Record<string, unknown> | null> {
  const rows = await queryRows<{ config: Record<string, unknown> | null }>(
    db,
    sql`select config from org_units where id = (select coalesce(province_id, id) from org_units where id = ${unitId})`,
  );
  return rows[0]?.config ?? null;
}
