import { afterEach, describe, expect, it } from 'vitest';
import {
  appendCapturedIssue,
  createDraft,
  deleteDraft,
  latestDraft,
  purgeDeleted,
  queueDraft,
  reissueDraft,
  restoreDraft,
  saveDraftData,
  DELETED_RETENTION_MS,
} from '../../extension/utils/report/draft-store.ts';
import { validateDraft } from '../../extension/utils/report/report-validation.ts';
import { fakeClock, filledDraft, freshDb, SET, USER } from './helpers/fixtures.ts';

const db = freshDb();
afterEach(async () => {
  await db.drafts.clear();
});

describe('draft store', () => {
  it('keeps several drafts side by side and resumes each as saved', async () => {
    const clock = fakeClock();
    const a = await createDraft(USER, filledDraft(), { db, now: clock.now });
    clock.advance(1000);
    const b = await createDraft(
      USER,
      filledDraft({ cellId: 'hn-xom-2', cellName: 'Chi bộ xóm 2' }),
      { db, now: clock.now },
    );
    clock.advance(1000);
    expect(
      await saveDraftData(a.id, { ...a.data, suggestions: 'đã sửa' }, [], { db, now: clock.now }),
    ).toBe(true);

    // A new database object stands for a panel reopened after closing (or a browser restart).
    const reopened = new (db.constructor as typeof import('../../extension/utils/db.ts').DuhopDb)(
      db.name,
    );
    expect((await reopened.drafts.get(a.id))?.data.suggestions).toBe('đã sửa');
    expect((await reopened.drafts.get(b.id))?.data.cellId).toBe('hn-xom-2');
    expect((await latestDraft(USER, { db: reopened }))?.id).toBe(a.id);
    reopened.close();
  });

  it('never rewrites a report once it is queued', async () => {
    const rec = await createDraft(USER, filledDraft(), { db });
    const { payload } = validateDraft(rec.id, rec.data, SET);
    expect(await queueDraft(rec.id, payload!, { db })).toBe(true);
    expect(await saveDraftData(rec.id, { ...rec.data, suggestions: 'muộn' }, [], { db })).toBe(
      false,
    );
    const stored = await db.drafts.get(rec.id);
    expect(stored).toMatchObject({ status: 'queued', attempts: 0 });
    expect(stored?.payload?.suggestions).toBe(rec.data.suggestions);
  });

  it('drops the server errors of the fields that changed and keeps the others', async () => {
    const rec = await createDraft(USER, filledDraft(), { db });
    await db.drafts.update(rec.id, {
      serverErrors: {
        'attendance.present': ['quá lớn'],
        'scores.g1.1': ['sai'],
        'issues.0.title': ['trống'],
      },
    });
    await saveDraftData(rec.id, rec.data, ['attendance', 'issues.0'], { db });
    expect((await db.drafts.get(rec.id))?.serverErrors).toEqual({ 'scores.g1.1': ['sai'] });
  });

  it('deletes with undo, and purges the bin after the retention period', async () => {
    const clock = fakeClock();
    const rec = await createDraft(USER, filledDraft(), { db, now: clock.now });
    expect((await deleteDraft(rec.id, { db, now: clock.now }))?.status).toBe('deleted');
    expect(await latestDraft(USER, { db })).toBeUndefined();
    expect(await restoreDraft(rec.id, { db })).toBe(true);
    expect((await db.drafts.get(rec.id))?.status).toBe('draft');

    await deleteDraft(rec.id, { db, now: clock.now });
    clock.advance(DELETED_RETENTION_MS - 1);
    expect(await purgeDeleted({ db, now: clock.now })).toBe(0);
    clock.advance(2);
    expect(await purgeDeleted({ db, now: clock.now })).toBe(1);
    expect(await db.drafts.get(rec.id)).toBeUndefined();
  });

  it('adds captured text as a new issue', async () => {
    const rec = await createDraft(USER, filledDraft(), { db });
    await appendCapturedIssue(
      rec.id,
      'Bãi rác tự phát cạnh trường\nĐã tồn tại 3 tháng',
      'https://baonghean.vn/x',
      { db },
    );
    const issues = (await db.drafts.get(rec.id))!.data.issues;
    expect(issues).toHaveLength(2);
    expect(issues[1]).toMatchObject({
      title: 'Bãi rác tự phát cạnh trường',
      category: null,
      urgency: 'normal',
    });
    expect(issues[1]!.detail).toContain('Nguồn: https://baonghean.vn/x');
  });

  it('reissues a conflicting draft with new ids for the report and its issues', async () => {
    const rec = await createDraft(USER, filledDraft(), { db });
    const id = await reissueDraft(rec.id, { db });
    const fresh = await db.drafts.get(id!);
    expect(fresh?.status).toBe('draft');
    expect(fresh?.data.issues[0]?.id).not.toBe(rec.data.issues[0]?.id);
    expect((await db.drafts.get(rec.id))?.status).toBe('deleted');
  });
});
