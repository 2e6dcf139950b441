import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach } from 'vitest';

// `wxt/browser` reads `globalThis.chrome` when first imported: point it at WXT's in-memory fake
// before any extension module loads, and give each test an empty storage.
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;

beforeEach(() => fakeBrowser.reset());
afterEach(() => fakeBrowser.reset());
