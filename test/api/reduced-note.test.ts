import { HD42_2025, REDUCED_NOTE_MESSAGE } from '@duhop/shared';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { criteriaSets } from '../../api/src/db/schema.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { truncateAll } from '../support/db.ts';
import { buildReport, fullScores } from '../support/reports.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');

afterEach(async () => {
  await truncateAll(h.database);
  await seedDemo(h.database.db);
});

/** Makes HD 42 ask for the reason of every reduction (`noteWhenReduced`), as an admin import would. */
async function requireNotes() {
  await h.database.db
    .update(criteriaSets)
    .set({ definition: { ...HD42_2025, noteWhenReduced: true } })
    .where(eq(criteriaSets.id, 'hd42-2025'));
}

const reduced = (groupNotes?: Record<string, string>) =>
  buildReport({
    scores: { ...fullScores(), 'g3.1': 1 },
    ...(groupNotes ? { groupNotes } : {}),
  });

describe('a note when an item loses points, when the criteria set says so', () => {
  it('is 422 at the group note without one, 201 with one', async () => {
    await requireNotes();
    const token = await h.login('observer');
    const refused = await read(h.as(token).api.reports.$post({ json: reduced() }));
    expect(refused.status).toBe(422);
    expect(refused.error?.fields).toEqual({ 'groupNotes.g3': [REDUCED_NOTE_MESSAGE] });

    const blank = await read(h.as(token).api.reports.$post({ json: reduced({ g3: '  ' }) }));
    expect(blank.status).toBe(422);

    const ok = await read(
      h.as(token).api.reports.$post({ json: reduced({ g3: 'Chưa gửi đề cương trước' }) }),
    );
    expect(ok.status).toBe(201);
  });

  it('is not asked by a set without the flag, nor for full marks under it', async () => {
    const token = await h.login('observer');
    expect((await read(h.as(token).api.reports.$post({ json: reduced() }))).status).toBe(201);
    await requireNotes();
    expect((await read(h.as(token).api.reports.$post({ json: buildReport() }))).status).toBe(201);
  });
});
