import { registerEnglish } from './english.ts';
import './messages-workspace.ts';

// Every text in both languages, loaded at once: the background (badge, notifications, context
// menu in the user's language, no dynamic import in a service worker) and the unit tests.
registerEnglish();
