import { eq, or } from 'drizzle-orm';
import { makeCalendar, type Calendar } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { holidays } from '../../db/schema.ts';

/** The working-day calendar of a province: national holidays plus its own, from the database. */
export async function loadCalendar(db: Db, provinceId: string | null): Promise<Calendar> {
  const rows = await db
    .select({ date: holidays.date, name: holidays.name, dayOff: holidays.dayOff })
    .from(holidays)
    .where(
      provinceId
        ? or(eq(holidays.provinceId, ''), eq(holidays.provinceId, provinceId))
        : eq(holidays.provinceId, ''),
    );
  return calendarOf(rows);
}

/** A calendar from holiday rows: days off, and the weekend days that are worked (`dayOff` false). */
export function calendarOf(rows: readonly { date: string; dayOff: boolean }[]): Calendar {
  return makeCalendar(
    rows.filter((r) => r.dayOff),
    rows.filter((r) => !r.dayOff),
  );
}
