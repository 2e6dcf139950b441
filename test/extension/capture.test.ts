import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CAPTURE_MENU_ID,
  captureSelection,
  createCaptureMenu,
  watchCaptureMenuLanguage,
} from '../../extension/utils/report/capture.ts';
import { db } from '../../extension/utils/db.ts';
import { createDraft } from '../../extension/utils/report/draft-store.ts';
import { onMessage } from '../../extension/utils/messaging.ts';
import { currentDraftItem, localeItem, sessionItem } from '../../extension/utils/storage.ts';
import { filledDraft, USER } from './helpers/fixtures.ts';

/** "Thêm vào kiến nghị": selected text becomes an issue of the draft in the panel, or of the latest draft. */
const TEXT = 'Bãi rác tự phát cạnh trường tiểu học\nĐã tồn tại ba tháng, chưa được xử lý.';
let notices: string[] = [];

beforeEach(async () => {
  notices = [];
  vi.spyOn(fakeBrowser.notifications, 'create').mockImplementation((async (...args: unknown[]) => {
    notices.push((args.at(-1) as { message: string }).message);
    return 'n';
  }) as never);
  await sessionItem.setValue({
    token: 'x'.repeat(43),
    expiresAt: '2026-12-26T10:00:00.000+07:00',
    user: {
      id: USER,
      username: 'observer',
      displayName: 'Nguyễn Văn An',
      role: 'observer',
      orgUnitId: 'hung-nguyen',
    },
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.drafts.clear();
});

describe('captureSelection', () => {
  it('tells the member when there is no draft to add to', async () => {
    await captureSelection(TEXT, 'https://example.vn/a');
    expect(notices).toEqual([
      'Chưa có bản nháp nào để thêm. Mở Dự họp và bắt đầu một báo cáo trước.',
    ]);
  });

  it('writes to the latest draft when no page has it open', async () => {
    const older = await createDraft(USER, filledDraft(), {}, crypto.randomUUID());
    const newer = await createDraft(USER, filledDraft({ cellName: 'Chi bộ xóm 2' }), {
      now: () => Date.now() + 1000,
    });
    await captureSelection(TEXT, 'https://example.vn/a');
    expect((await db.drafts.get(newer.id))?.data.issues.at(-1)).toMatchObject({
      title: 'Bãi rác tự phát cạnh trường tiểu học',
    });
    expect((await db.drafts.get(older.id))?.data.issues).toHaveLength(1);
    expect(notices).toEqual(['Đã thêm vào kiến nghị của báo cáo Chi bộ xóm 2.']);
  });

  it('hands the text to the open form, which then owns the write', async () => {
    const open = await createDraft(USER, filledDraft());
    await currentDraftItem.setValue(open.id);
    const received: string[] = [];
    onMessage('capture/add', (m) => {
      if (m.draftId !== open.id) return undefined;
      received.push(m.text);
      return true;
    });
    await captureSelection(TEXT);
    expect(received).toEqual([TEXT]);
    expect((await db.drafts.get(open.id))?.data.issues).toHaveLength(1); // untouched: the form adds it
  });
});

describe('the context-menu entry', () => {
  it('is in the interface language, whatever the browser’s, and follows a change of it', async () => {
    const titles: string[] = [];
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(((done?: () => void) =>
      done?.()) as never);
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(((
      props: { title: string },
      done?: () => void,
    ) => {
      titles.push(props.title);
      done?.();
      return CAPTURE_MENU_ID;
    }) as never);
    // An English-language browser: chrome.i18n would answer in English.
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('Add to an issue (kiến nghị)');
    await createCaptureMenu();
    expect(titles).toEqual(['Thêm vào kiến nghị']);

    watchCaptureMenuLanguage();
    await localeItem.setValue('en');
    await vi.waitFor(() =>
      expect(titles).toEqual(['Thêm vào kiến nghị', 'Add to an issue (kiến nghị)']),
    );
  });
});
