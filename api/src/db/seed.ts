import { and, count, inArray } from 'drizzle-orm';
import { BUILTIN_CRITERIA_SETS, VN_HOLIDAYS, VN_WORKING_WEEKENDS } from '@duhop/shared';
import { hashPassword } from '../lib/crypto.ts';
import type { Db } from './client.ts';
import {
  assignments,
  criteriaSetAdoptions,
  criteriaSets,
  holidays,
  orgUnits,
  residenceAssessments,
  residenceMembers,
  routingRules,
  users,
} from './schema.ts';
import {
  DEMO_ADOPTED_CRITERIA,
  DEMO_PASSWORD,
  DEMO_PROVINCE_CONFIG,
  DEMO_PROVINCE_ID,
  DEMO_RESIDENCE_MEMBERS,
  DEMO_RULES,
  DEMO_UNITS,
  DEMO_USERS,
} from './seed-data.ts';

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(orgUnits);
  return (row?.n ?? 0) === 0;
}

/** National data every installation needs: holidays and the built-in criteria sets. */
export async function seedReferenceData(db: Db): Promise<void> {
  await db
    .insert(holidays)
    .values([
      ...VN_HOLIDAYS.map((h) => ({ date: h.date, name: h.name, dayOff: true })),
      ...VN_WORKING_WEEKENDS.map((h) => ({ date: h.date, name: h.name, dayOff: false })),
    ])
    .onConflictDoNothing();
  await db
    .insert(criteriaSets)
    .values(
      BUILTIN_CRITERIA_SETS.map((s) => ({
        id: s.id,
        name: s.name,
        scope: s.scope ?? 'national',
        validFrom: s.validFrom,
        validTo: s.validTo ?? null,
        definition: s,
      })),
    )
    .onConflictDoNothing();
}

/**
 * The demo accounts still in the database (usernames of the demo province's accounts, in its
 * units): `npm run serve` refuses to start while any remains, unless ALLOW_DEMO=true — anyone who
 * read the README knows their password.
 */
export async function demoAccounts(db: Db): Promise<string[]> {
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(
      and(
        inArray(
          users.username,
          DEMO_USERS.map((u) => u.username),
        ),
        inArray(
          users.orgUnitId,
          DEMO_UNITS.map((u) => u.id),
        ),
      ),
    );
  return rows.map((r) => r.username).sort();
}

/** The demo province of README and docs/api.md, in one transaction. */
export async function seedDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await seedReferenceData(tx as unknown as Db);
    await tx.insert(orgUnits).values(
      DEMO_UNITS.map((u) => ({
        id: u.id,
        name: u.name,
        kind: u.kind,
        parentId: u.parentId,
        provinceId: u.id === DEMO_PROVINCE_ID ? null : DEMO_PROVINCE_ID,
        validFrom: u.validFrom,
        cellType: u.cellType ?? null,
        meetingDay: u.meetingDay ?? null,
        config: u.id === DEMO_PROVINCE_ID ? DEMO_PROVINCE_CONFIG : null,
      })),
    );
    const inserted = await tx
      .insert(users)
      .values(
        DEMO_USERS.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          roles: [u.role, ...(u.alsoRoles ?? [])],
          orgUnitId: u.orgUnitId,
          passwordHash,
        })),
      )
      .returning({ id: users.id, username: users.username });
    const idOf = new Map(inserted.map((u) => [u.username, u.id]));
    const rows = DEMO_USERS.flatMap((u) =>
      (u.cells ?? []).map((cellId) => ({
        userId: idOf.get(u.username)!,
        cellId,
        decisionNo: '125-QĐ/ĐU',
        validFrom: '2025-07-01',
      })),
    );
    if (rows.length) await tx.insert(assignments).values(rows);
    const members = await tx
      .insert(residenceMembers)
      .values(
        DEMO_RESIDENCE_MEMBERS.map((m) => ({
          cellId: m.cellId,
          fullName: m.fullName,
          birthYear: m.birthYear,
          workplaceUnitId: m.workplaceUnitId ?? null,
          workplaceName: m.workplaceName ?? null,
          introducedOn: m.introducedOn,
          receivedOn: m.receivedOn,
          status: m.status ?? 'active',
          statusOn: m.statusOn ?? null,
        })),
      )
      .returning({ id: residenceMembers.id });
    const assessed = DEMO_RESIDENCE_MEMBERS.flatMap((m, i) =>
      (m.assessments ?? []).map(([year, rating, reasons, by]) => ({
        memberId: members[i]!.id,
        year,
        rating,
        reasons,
        assessedBy: idOf.get(by)!,
        assessedOn: `${year}-12-10`,
      })),
    );
    if (assessed.length) await tx.insert(residenceAssessments).values(assessed);
    // Nghệ An adopted its 08-QĐ/TU template from the decision's date (a national HD 42 follows).
    await tx
      .insert(criteriaSetAdoptions)
      .values(DEMO_ADOPTED_CRITERIA.map((a) => ({ provinceId: DEMO_PROVINCE_ID, ...a })));
    await tx.insert(routingRules).values(
      DEMO_RULES.map((r) => ({
        id: r.id,
        provinceId: DEMO_PROVINCE_ID,
        position: r.position,
        category: r.category,
        urgency: 'urgency' in r ? r.urgency : null,
        areaId: 'areaId' in r ? r.areaId : null,
        targetBodyId: 'targetBodyId' in r ? r.targetBodyId : null,
        target: 'target' in r ? r.target : null,
        deadlineProfile: r.deadlineProfile,
      })),
    );
  });
}
