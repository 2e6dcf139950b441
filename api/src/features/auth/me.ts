import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { localDate, type MeResponse } from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { assignments, orgUnits, users } from '../../db/schema.ts';
import { toOrgUnit } from '../org/graph.ts';
import { provinceConfig, provinceSettings } from '../org/settings.ts';

const commune = alias(orgUnits, 'commune');

/** The signed-in user, their assignments in force today and the province's reporting deadline. */
export async function loadMe(db: Db, user: AuthUser, now: Date): Promise<MeResponse> {
  const today = localDate(now);
  const rows = await db
    .select({
      cellId: assignments.cellId,
      cellName: orgUnits.name,
      meetingDay: orgUnits.meetingDay,
      communeId: commune.id,
      communeName: commune.name,
      decisionNo: assignments.decisionNo,
      validFrom: assignments.validFrom,
      validTo: assignments.validTo,
      frequency: assignments.frequency,
      every: assignments.every,
      rotaPosition: assignments.rotaPosition,
    })
    .from(assignments)
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.cellId))
    .leftJoin(commune, eq(commune.id, orgUnits.parentId))
    .where(
      and(
        eq(assignments.userId, user.id),
        lte(assignments.validFrom, today),
        or(isNull(assignments.validTo), gte(assignments.validTo, today)),
      ),
    )
    .orderBy(asc(orgUnits.name));
  const rotaCells = [...new Set(rows.filter((r) => r.frequency === 'rota').map((r) => r.cellId))];
  const rotas = new Map<string, NonNullable<MeResponse['assignments'][number]['rota']>>();
  if (rotaCells.length) {
    const members = await db
      .select({
        cellId: assignments.cellId,
        userId: assignments.userId,
        displayName: users.displayName,
        rotaPosition: assignments.rotaPosition,
        validFrom: assignments.validFrom,
        validTo: assignments.validTo,
      })
      .from(assignments)
      .innerJoin(users, eq(users.id, assignments.userId))
      .where(and(inArray(assignments.cellId, rotaCells), eq(assignments.frequency, 'rota')))
      .orderBy(asc(assignments.rotaPosition), asc(assignments.validFrom));
    for (const { cellId, ...m } of members) {
      if (!rotas.has(cellId)) rotas.set(cellId, []);
      rotas.get(cellId)!.push(m);
    }
  }
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      roles: user.roles,
      orgUnitId: user.orgUnitId,
      mustChangePassword: user.mustChangePassword,
    },
    assignments: rows.map((r) => ({
      ...r,
      meetingDay: r.meetingDay ?? 3,
      ...(r.frequency === 'rota' ? { rota: rotas.get(r.cellId) ?? [] } : {}),
    })),
    reporting: provinceSettings(await provinceConfig(db, user.orgUnitId), today).reporting,
  };
}

/** Every unit of the caller's province (and the province itself), by name, without its configuration. */
export async function provinceOrgUnits(db: Db, orgUnitId: string) {
  const rows = await queryRows<Parameters<typeof toOrgUnit>[0]>(
    db,
    sql`select * from org_units
           where province_id = (select coalesce(province_id, id) from org_units where id = ${orgUnitId})
              or id = (select coalesce(province_id, id) from org_units where id = ${orgUnitId})
           order by name`,
  );
  return rows.map((r) => {
    const { provinceId: _p, config: _c, ...unit } = toOrgUnit(r);
    return unit;
  });
}
