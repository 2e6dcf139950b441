import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures.ts';

/** SIGKILL to the renderer processes that host extension pages (this test's browser is the only Chromium). */
function killExtensionRenderers(): void {
  const ps = execFileSync('ps', ['-eo', 'pid=,args=']).toString();
  for (const line of ps.split('\n')) {
    if (line.includes('--type=renderer') && line.includes('--extension-process')) process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
  }
}
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';

test('the panel crashes right after a keystroke: reopened, the words are there', async ({ context, extensionId, relay, snap }) => {
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.signIn('observer', 'demo1234');
  await options.page.close();

  let panel = await PanelPage.open(context, extensionId);
  const form = await panel.startReport('hn-th');
  const draftId = form.draftId();
  await form.setSuggestions('Cần tổ chức sinh hoạt chuyên đề về chuyển đổi số');
  // Kill the extension's renderer process well inside the 300 ms autosave debounce: no pagehide.
  const crashed = panel.page.waitForEvent('crash');
  killExtensionRenderers();
  await crashed;
  await panel.page.close();

  panel = await PanelPage.open(context, extensionId, `#/draft/${draftId}`);
  await expect(panel.page.locator('#f-suggestions')).toHaveValue('Cần tổ chức sinh hoạt chuyên đề về chuyển đổi số');
  await snap(panel.page, 'after-crash');
  // …and it was written back to IndexedDB: the draft list shows it after another reopen.
  await panel.page.goto(`chrome-extension://${extensionId}/sidepanel.html#/`);
  await expect(panel.drafts()).toHaveCount(1);
});
