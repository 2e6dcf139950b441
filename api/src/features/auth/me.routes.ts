import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { localDate, MeResponse, OrgUnitList } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { assignments, orgUnits } from '../../db/schema.ts';
import { requireUser } from '../../lib/auth.ts';
import { doc } from '../../lib/openapi.ts';
import { toOrgUnit } from '../org/graph.ts';
import { provinceConfig, provinceSettings } from '../org/settings.ts';
import { queryRows } from '../../db/rows.ts';

const commune = alias(orgUnits, 'commune');

export const meRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', describeRoute(doc('The signed-in user and their assignments in force today', MeResponse)), async (c) => {
    const { db, now } = c.var.deps;
    const user = c.var.user;
    const today = localDate(now());
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
    return c.json(
      {
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          orgUnitId: user.orgUnitId,
          mustChangePassword: user.mustChangePassword,
        },
        assignments: rows.map((r) => ({ ...r, meetingDay: r.meetingDay ?? 3 })),
        reporting: provinceSettings(await provinceConfig(db, user.orgUnitId), today).reporting,
      },
      200,
    );
  });

export const orgRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', describeRoute(doc("The organisation graph of the caller's province", OrgUnitList)), async (c) => {
    const { db } = c.var.deps;
    const rows = await queryRows<Parameters<typeof toOrgUnit>[0]>(
      db,
      sql`select * from org_units
           where province_id = (select coalesce(province_id, id) from org_units where id = ${c.var.user.orgUnitId})
              or id = (select coalesce(province_id, id) from org_units where id = ${c.var.user.orgUnitId})
           order by name`,
    );
    const items = rows.map((r) => {
      const { provinceId: _p, config: _c, ...unit } = toOrgUnit(r);
      return unit;
    });
    return c.json({ items }, 200);
  });
