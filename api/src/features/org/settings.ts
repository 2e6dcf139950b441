import { eq, sql } from 'drizzle-orm';
import {
  DEFAULT_DEADLINES,
  DEFAULT_REPORTING,
  DEFAULT_SUBMISSION_LIMITS,
  parseProvinceConfig,
  type DeadlineConfig,
  LOCAL_CONFIG_LABEL,
  type ProvinceConfig,
  type ProvinceSettingsView,
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

/**
 * Every dated version of a province's settings as the admin sees them, oldest first: what each
 * sets, the text it names as `source`, and the "Cấu hình địa phương" mark of a version that is
 * local configuration (or of single values, in `notes`).
 */
export async function provinceSettingsView(
  db: Db,
  provinceId: string,
): Promise<ProvinceSettingsView> {
  const [row] = await db
    .select({ name: orgUnits.name, config: orgUnits.config })
    .from(orgUnits)
    .where(eq(orgUnits.id, provinceId));
  const versions = [...(parseProvinceConfig(row?.config)?.settings ?? [])].sort((a, b) =>
    a.validFrom < b.validFrom ? -1 : 1,
  );
  return {
    provinceId,
    provinceName: row?.name ?? provinceId,
    versions: versions.map((v) => {
      const local = v.local === true || Object.keys(v.notes ?? {}).length > 0;
      return {
        validFrom: v.validFrom,
        source: v.source ?? null,
        local: v.local === true,
        provenance: local ? LOCAL_CONFIG_LABEL : null,
        notes: v.notes ?? {},
        deadlines: v.deadlines as Record<string, number>,
        reporting: v.reporting as Record<string, number>,
        limits: v.limits as Record<string, number>,
      };
    }),
  };
}
