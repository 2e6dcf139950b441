import { sql } from 'drizzle-orm';
import type { Calendar, CriteriaSet, RoutingRule } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { queryRowsPrepared } from '../../db/rows.ts';
import { calendarOf } from '../org/calendar.ts';
import { toOrgUnit, type OrgRow, type OrgUnitRecord } from '../org/graph.ts';
import { ruleTargetsGraphSql } from '../org/sql.ts';
import { provinceCriteriaSetsSql } from './criteria.ts';

/** What every submission of a province is checked against and that changes only by admin writes. */
export interface ReferenceData {
  /** `reference_version.version` in the snapshot these were read from. */
  version: number;
  /** The province's routing rules, in order (as `loadRules`). */
  rules: RoutingRule[];
  /** The national criteria sets, the province's own and the templates it adopted, all dates (`provinceCriteriaSetsSql`). */
  sets: CriteriaSet[];
  /** National holidays and the province's own (as `loadCalendar`). */
  calendar: Calendar;
  /** The targets of the rules with their ancestors and successors (the cell's own part is read per submission). */
  ruleUnits: OrgUnitRecord[];
}

interface Row {
  version: number | null;
  rules: RoutingRule[] | null;
  sets: CriteriaSet[] | null;
  holidays: { date: string; dayOff: boolean }[] | null;
  units: OrgRow[] | null;
}

/** One statement, so the data and the version come from one snapshot. */
async function loadReference(db: Db, provinceId: string | null): Promise<ReferenceData> {
  const [row] = await queryRowsPrepared<Row>(
    db,
    sql`select
      (select version from reference_version where id = 1) as version,
      (select json_agg(json_build_object('id', id, 'position', position, 'category', category, 'areaId', area_id, 'urgency', urgency,
                 'targetBodyId', target_body_id, 'target', target, 'deadlineProfile', deadline_profile, 'active', active) order by position, id)
         from routing_rules where province_id = ${provinceId}) as rules,
      (select json_agg(s.definition) from (${provinceCriteriaSetsSql(provinceId)}) s) as sets,
      (select json_agg(json_build_object('date', date, 'dayOff', day_off)) from holidays
        where province_id = '' or province_id = ${provinceId}) as holidays,
      (select json_agg(g) from (${ruleTargetsGraphSql(provinceId)}) g) as units`,
  );
  return {
    version: Number(row?.version ?? 0),
    rules: row?.rules ?? [],
    sets: row?.sets ?? [],
    calendar: calendarOf(row?.holidays ?? []),
    ruleUnits: (row?.units ?? []).map(toOrgUnit),
  };
}

/**
 * Reference data held per API instance and province. Each submission reads the version row with
 * its own statement and passes it here: the cache answers when it holds that version or a newer
 * one, else it reloads (one load at a time per province; waiting submissions share it). Every
 * write to the tables behind it bumps the version in the writer's transaction (migration 0005),
 * so a change made through any instance or tool is seen by the next submission everywhere.
 */
export class ReferenceCache {
  readonly #held = new Map<string, ReferenceData>();
  readonly #loading = new Map<string, Promise<ReferenceData>>();

  async get(db: Db, provinceId: string | null, version: number): Promise<ReferenceData> {
    const key = provinceId ?? '';
    // Twice at most: a load already under way may have started before `version` was committed.
    for (let attempt = 0; ; attempt++) {
      const held = this.#held.get(key);
      if (held && held.version >= version) return held;
      let loading = this.#loading.get(key);
      if (!loading || attempt > 0) {
        loading = loadReference(db, provinceId).then((data) => {
          const current = this.#held.get(key);
          if (!current || current.version <= data.version) this.#held.set(key, data);
          return data;
        });
        const mine = loading;
        this.#loading.set(key, mine);
        void mine
          .finally(() => this.#loading.get(key) === mine && this.#loading.delete(key))
          .catch(() => {});
      }
      const data = await loading;
      if (data.version >= version || attempt > 0) return data;
    }
  }
}
