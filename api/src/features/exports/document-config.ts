import { eq, sql } from 'drizzle-orm';
import {
  DocumentConfig,
  localDate,
  resolveDocumentConfig,
  type DocumentConfigView,
  type ResolvedDocumentConfig,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { documentConfigs, documentNumbers } from '../../db/schema.ts';
import { notFoundErrors } from '../../lib/errors.ts';
import { writeAudit } from '../admin/audit.ts';
import { asDb } from '../admin/scope.ts';
import type { BodyContext } from '../org/body-scope.ts';
import { loadBodyContext } from '../org/body-scope.ts';

/** The stored configuration of a body (what an admin set), or null; invalid stored values are dropped. */
export async function storedDocumentConfig(db: Db, bodyId: string): Promise<DocumentConfig | null> {
  const [row] = await db
    .select({ config: documentConfigs.config })
    .from(documentConfigs)
    .where(eq(documentConfigs.orgUnitId, bodyId));
  if (!row) return null;
  const parsed = DocumentConfig.safeParse(row.config);
  return parsed.success ? parsed.data : null;
}

/** What the body's documents use: its configuration, and the defaults of its kind for the rest. */
export async function documentConfigOf(db: Db, ctx: BodyContext): Promise<ResolvedDocumentConfig> {
  return resolveDocumentConfig(
    { name: ctx.body.name, kind: ctx.body.kind, parentName: ctx.parent?.name ?? null },
    await storedDocumentConfig(db, ctx.body.id),
  );
}

/** The year a document issued at `now` is numbered in: the calendar year in Vietnam. */
export const documentYear = (now: Date) => Number(localDate(now).slice(0, 4));

/**
 * Takes the body's next running number for the year, atomically (one upsert: two exports at the
 * same moment get two numbers, never the same). Numbering restarts at 1 each year.
 */
export async function issueDocumentNumber(db: Db, bodyId: string, year: number): Promise<number> {
  const [row] = await queryRows<{ last_no: number }>(
    db,
    sql`insert into document_numbers (body_id, year, last_no) values (${bodyId}, ${year}, 1)
        on conflict (body_id, year) do update set last_no = document_numbers.last_no + 1
        returning last_no`,
  );
  return Number(row!.last_no);
}

async function lastNumber(db: Db, bodyId: string, year: number): Promise<number> {
  const [row] = await db
    .select({ lastNo: documentNumbers.lastNo })
    .from(documentNumbers)
    .where(sql`${documentNumbers.bodyId} = ${bodyId} and ${documentNumbers.year} = ${year}`);
  return row?.lastNo ?? 0;
}

/** GET /api/admin/org/:id/document-config. */
export async function documentConfigView(
  db: Db,
  unitId: string,
  now: Date,
): Promise<DocumentConfigView> {
  const ctx = await loadBodyContext(db, unitId);
  if (!ctx) throw notFoundErrors.orgUnit();
  const year = documentYear(now);
  return {
    orgUnitId: unitId,
    config: (await storedDocumentConfig(db, unitId)) ?? {},
    effective: await documentConfigOf(db, ctx),
    year,
    lastNumber: await lastNumber(db, unitId, year),
  };
}

/** PUT /api/admin/org/:id/document-config: replaces the body's configuration (audited). */
export async function saveDocumentConfig(
  deps: Deps,
  actor: AuthUser,
  unitId: string,
  config: DocumentConfig,
): Promise<DocumentConfigView> {
  const { db } = deps;
  if (!(await loadBodyContext(db, unitId))) throw notFoundErrors.orgUnit();
  const before = await storedDocumentConfig(db, unitId);
  const now = deps.now();
  await db.transaction(async (txRaw) => {
    const tx = asDb(txRaw);
    await tx
      .insert(documentConfigs)
      .values({ orgUnitId: unitId, config, updatedAt: now })
      .onConflictDoUpdate({ target: documentConfigs.orgUnitId, set: { config, updatedAt: now } });
    await writeAudit(tx, {
      actorId: actor.id,
      at: now,
      action: 'org_unit.document_config',
      entity: 'org_unit',
      entityId: unitId,
      data: { before, after: config },
    });
  });
  return documentConfigView(db, unitId, now);
}
