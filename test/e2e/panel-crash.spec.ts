import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';

/**
 * SIGKILL to the renderer processes hosting extension pages, among this test process's own
 * descendants only (the Chromium it launched), never anyone else's browser.
 */
function killExtensionRenderers(): void {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args=']).toString().trim().split('\n');
  const procs = rows.map((line) => {
    const [pid, ppid, ...args] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), args: args.join(' ') };
  });
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
    }
  }
  const targets = procs.filter(
    (p) =>
      mine.has(p.pid) &&
      p.args.includes('--type=renderer') &&
      p.args.includes('--extension-process'),
  );
  if (!targets.length)
    throw new Error('no extension renderer found among this test process’s children');
  for (const p of targets) process.kill(p.pid, 'SIGKILL');
}

test('the panel crashes right after a keystroke: reopened, the words are there', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
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
  await expect(panel.page.locator('#f-suggestions')).toHaveValue(
    'Cần tổ chức sinh hoạt chuyên đề về chuyển đổi số',
  );
  await snap(panel.page, 'crash-after-crash');
  // …and it was written back to IndexedDB: the draft list shows it after another reopen.
  await panel.page.goto(`chrome-extension://${extensionId}/sidepanel.html#/`);
  await expect(panel.drafts()).toHaveCount(1);
});
