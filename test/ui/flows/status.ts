import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectText, openView, pane, row, setExpanded, type UiFlow } from '../ui';

/**
 * Status awareness as a user meets it: the status bar says the branch's
 * issue is blocked (its tooltip lists the blocker and the deadline conflict),
 * the links view counts open blockers and done sub-issues, and a key of a
 * resolved issue in the README gets a squiggle whose hover says why.
 */
export const status: UiFlow = {
  name: 'status',
  async run({ page, workspace, screenshot }) {
    // 1. The status bar: TREK-12 (from the branch) depends on TREK-14, still in progress.
    const item = page.locator('.statusbar-item', { hasText: 'TREK-12 · blocked by 1' }).first();
    await item.waitFor({ state: 'visible', timeout: 30000 });
    await item.hover();
    const tip = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Open blockers (1):' }).first();
    await tip.waitFor({ state: 'visible', timeout: 15000 });
    await expectText(tip, 'TREK-14');
    // The rendered tooltip joins words with non-breaking spaces: the dates identify the line.
    await expectText(tip, '2026-12-10');
    await screenshot('40-status-bar-blocked');
    await page.mouse.move(0, 0);

    // 2. The links view: what the groups count, the open blocker marked, the done one stepped back.
    await openView(page, 'Tracker Links');
    await setExpanded(page, 'Entity Links', false);
    await setExpanded(page, 'Issue Links', true);
    const links = pane(page, 'Issue Links');
    await row(links, 'Blocked by').waitFor({ state: 'visible', timeout: 20000 });
    await expectText(row(links, 'Blocked by'), '2 (1 open)');
    await expectText(row(links, 'Sub-issues'), '0/3 done');
    await expectText(row(links, 'TREK-14 Client: retry on 429'), 'open blocker');
    await expectText(row(links, 'TREK-19'), 'deadline conflict');
    await screenshot('41-status-tree-counts');

    // 3. A stale key: warnings for it, so the squiggle shows (the default is a faint hint).
    const settings = path.join(workspace, '.vscode', 'settings.json');
    const before = fs.existsSync(settings) ? fs.readFileSync(settings, 'utf8') : undefined;
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ 'tracker.diagnostics.staleKeys': 'warning' }, null, 2));
    try {
      await page.keyboard.press('Control+p');
      await page.locator('.quick-input-widget input.input').first().waitFor({ state: 'visible', timeout: 15000 });
      await page.keyboard.type('README.md', { delay: 10 });
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'README.md' }).waitFor({ state: 'visible', timeout: 15000 });
      await page.keyboard.press('Enter');
      const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
      await squiggle.waitFor({ state: 'visible', timeout: 30000 });
      const box = await squiggle.boundingBox();
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'this text may be out of date' }).first();
      await hover.waitFor({ state: 'visible', timeout: 15000 });
      await expectText(hover, 'TREK-11 is Resolved — this text may be out of date');
      await screenshot('42-status-stale-key');
    } finally {
      if (before === undefined) fs.rmSync(settings, { force: true });
      else fs.writeFileSync(settings, before);
      await page.mouse.move(0, 0);
      await page.keyboard.press('Escape');
    }
  },
};
