import { z } from 'zod';
import { ReportingConfig, SubmissionLimits } from './reporting-config.ts';
import { DeadlineConfig } from './routing.ts';

/**
 * The keys of `schema` that `raw` sets, each checked alone: an invalid value is left out (the one
 * in force stays), and an absent key or section sets nothing (zod's defaults would reset them).
 */
function keysPatch<T extends object>(schema: { shape: Record<string, z.ZodType> }) {
  return z
    .unknown()
    .optional()
    .transform((raw): Partial<T> => {
      if (!raw || typeof raw !== 'object') return {};
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(schema.shape)) {
        if (!(key in raw)) continue;
        const parsed = field.safeParse((raw as Record<string, unknown>)[key]);
        if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
      }
      return out as Partial<T>;
    });
}

/** A value that is not of the expected type is dropped, not the whole version (hand-written data). */
const tolerant = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/**
 * One dated version of a province's rules; other keys are kept as they are. `source` names the
 * text the values come from; `local: true` says they are local configuration (a province's own
 * choice, or a text borrowed from another channel), not a rule of the text that governs reports;
 * `notes` labels single values the same way, keyed `section.key` (e.g.
 * `reporting.lateMeetingGraceDays`).
 */
export const SettingsVersion = z.looseObject({
  validFrom: z.string(),
  source: tolerant(z.string()),
  local: tolerant(z.boolean()),
  notes: tolerant(z.record(z.string(), z.string())),
  deadlines: keysPatch<DeadlineConfig>(DeadlineConfig),
  reporting: keysPatch<ReportingConfig>(ReportingConfig),
  limits: keysPatch<SubmissionLimits>(SubmissionLimits),
});
export type SettingsVersion = z.infer<typeof SettingsVersion>;

/**
 * A province's `org_units.config`: `settings` is a list of dated versions (deadlines, reporting,
 * limits), so a change never rewrites history. Tolerant, as data written by hand must be: unknown
 * keys are kept, a version that is not an object with a string `validFrom` is ignored, and so is
 * each invalid value inside a version.
 */
export const ProvinceConfig = z.looseObject({
  settings: z
    .unknown()
    .optional()
    .transform((raw) =>
      (Array.isArray(raw) ? raw : []).flatMap((v) => {
        const parsed = SettingsVersion.safeParse(v);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
});
export type ProvinceConfig = z.infer<typeof ProvinceConfig>;
/** The column as stored (JSON written by the seed, an admin or a script), before `parseProvinceConfig`. */
export type ProvinceConfigJson = z.input<typeof ProvinceConfig>;

/** The config read from the database, parsed once; null when absent or not an object. */
export function parseProvinceConfig(raw: unknown): ProvinceConfig | null {
  if (raw == null) return null;
  const parsed = ProvinceConfig.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** One version as the admin sees it: what it sets, where it comes from, and whether it is local. */
export const SettingsVersionView = z.object({
  validFrom: z.string(),
  source: z.string().nullable(),
  local: z.boolean(),
  /** "Cấu hình địa phương" when `local`, else null. */
  provenance: z.string().nullable(),
  notes: z.record(z.string(), z.string()),
  deadlines: z.record(z.string(), z.number()),
  reporting: z.record(z.string(), z.number()),
  limits: z.record(z.string(), z.number()),
});
export type SettingsVersionView = z.infer<typeof SettingsVersionView>;

/** `GET /api/admin/province-settings`: every version of a province's deadline settings. */
export const ProvinceSettingsView = z.object({
  provinceId: z.string(),
  provinceName: z.string(),
  versions: z.array(SettingsVersionView),
});
export type ProvinceSettingsView = z.infer<typeof ProvinceSettingsView>;

/** The mark of settings that are local configuration rather than an official text's rule. */
export const LOCAL_CONFIG_LABEL = 'Cấu hình địa phương';
