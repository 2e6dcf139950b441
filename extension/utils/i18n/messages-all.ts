import { registerEnglish } from './english.ts';
import './messages-workspace.ts';
import { emailVi } from './email-vi.ts';
import { addMessages } from './translate.ts';

// Every text in both languages, loaded at once: the background (badge, notifications, context
// menu in the user's language, no dynamic import in a service worker) and the unit tests.
addMessages('vi', emailVi);
registerEnglish();
