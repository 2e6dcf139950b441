import { checkVi } from '../../utils/i18n/check-vi.ts';
import { addMessages, type useT } from '../../utils/i18n/index.ts';
import { checkServer } from '../../utils/server-check.ts';
import { serverCheckText } from '../sidepanel/server-check.tsx';

// This chunk's texts (kept off the options page's first load, e2e/weight.spec.ts).
addMessages('vi', checkVi);

/** "Kiểm tra kết nối" on the options page: the side panel's check and its answers, loaded on click. */
export default async function runServerCheck(t: ReturnType<typeof useT>, origin: string) {
  return serverCheckText(t, origin, await checkServer(origin));
}
