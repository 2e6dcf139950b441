import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach } from 'vitest';
// Every dictionary in both languages, as the background has them (pages register theirs: i18n/messages-*.ts).
import '../../extension/utils/i18n/messages-all.ts';

// `wxt/browser` reads `globalThis.chrome` when first imported: point it at WXT's in-memory fake
// before any extension module loads, and give each test an empty storage.
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;

beforeEach(() => fakeBrowser.reset());
afterEach(() => fakeBrowser.reset());
