import * as assert from 'node:assert';
import type { Locator, Page } from 'playwright-core';
import { expectText, palette, quickInput, type UiFlow } from '../ui';

const INJECTED = '[run](command:workbench.action.terminal.new) <a href="command:workbench.action.terminal.new">click</a>';

/** Opens a workspace file by name through Quick Open (Ctrl+P), as a user would. */
async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+p');
  await quickInput(page).locator('input.input').first().waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.type(name, { delay: 10 });
  await quickInput(page).locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.press('Enter');
}

/**
 * Moves the mouse over `text` inside the editor line containing `lineText`:
 * over its own token span (the document link gives a key one once links are
 * computed), else by character offset, since editor lines are monospace.
 * Retried: Monaco replaces a line's DOM when its decorations arrive.
 */
async function hoverText(page: Page, lineText: string, text: string): Promise<void> {
  const line = page.locator('.monaco-editor .view-lines .view-line', { hasText: lineText }).first();
  await line.waitFor({ state: 'visible', timeout: 15000 });
  const own = line.locator('span span', { hasText: new RegExp(`^${text}$`) }).first();
  await own.waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
  await page.mouse.move(0, 0);
  for (let attempt = 0; attempt < 20; attempt++) {
    const ownBox = await own.boundingBox({ timeout: 500 }).catch(() => null);
    if (ownBox) {
      await page.mouse.move(ownBox.x + ownBox.width / 2, ownBox.y + ownBox.height / 2, { steps: 4 });
      return;
    }
    const content = (await line.textContent({ timeout: 500 }).catch(() => null)) ?? '';
    const at = content.indexOf(text);
    const tokens = line.locator('span span').first();
    const box = await line.boundingBox({ timeout: 500 }).catch(() => null);
    const token = await tokens.boundingBox({ timeout: 500 }).catch(() => null);
    const tokenText = (await tokens.textContent({ timeout: 500 }).catch(() => null)) ?? '';
    if (at >= 0 && box && token && tokenText.length) {
      const charWidth = token.width / tokenText.length;
      await page.mouse.move(box.x + (at + 2.5) * charWidth, box.y + box.height / 2, { steps: 4 });
      return;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`Could not find "${text}" on the editor line "${lineText}"`);
}

/** The visible hover widget of the editor. */
function hoverWidget(page: Page): Locator {
  return page.locator('.monaco-hover:not(.hidden)', { hasText: 'Show Links' }).first();
}

/**
 * Hovers `text` until its card is on screen, as a user moves the mouse again
 * when no card comes: Monaco shows a hover on mouse movement, and a line whose
 * DOM is replaced under a resting mouse (its decorations arriving) gets none.
 */
async function openCard(page: Page, lineText: string, text: string, log: (m: string) => void): Promise<Locator> {
  const card = hoverWidget(page);
  for (let attempt = 1; ; attempt++) {
    await hoverText(page, lineText, text);
    const shown = await card.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
    if (shown) return card;
    if (attempt === 4) throw new Error(`No hover card for ${text} after ${attempt} tries`);
    log(`no card for ${text} yet: hovering again (try ${attempt + 1})`);
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
  }
}

/**
 * A user hovers an issue key in a code comment: the card shows the issue and
 * its links; clicking "Show Links" on another key's card pins that issue and
 * shows its links in the sidebar; a summary carrying Markdown/HTML renders
 * as plain text with no link.
 */
export const hover: UiFlow = {
  name: 'hover',
  async run({ page, sandbox, screenshot, log }) {
    await quickOpen(page, 'linkGraph.ts');
    await page.locator('.monaco-editor .view-line', { hasText: 'TODO(TREK-12)' }).first().waitFor({ state: 'visible', timeout: 15000 });

    // 1. The showcase card.
    const card = await openCard(page, 'TODO(TREK-12)', 'TREK-12', log);
    await expectText(card, 'Show linked issues in the sidebar tree');
    await expectText(card, 'Sub-issues');
    await expectText(card, 'Blocked by');
    await screenshot('10-hover-card');

    // 2. "Show Links" on another issue's card: it becomes the (pinned) current
    //    issue, in the status bar and at the root of the links view.
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    const other = await openCard(page, 'see TREK-14', 'TREK-14', log);
    await expectText(other, 'Client: retry on 429');
    await expectText(other, 'Link to Current Issue as…');
    await other.locator('a', { hasText: 'Show Links' }).first().click();
    await page.mouse.move(0, 0);
    await page.locator('.statusbar-item', { hasText: 'TREK-14' }).first().waitFor({ state: 'visible', timeout: 15000 });
    const view = page.locator('.sidebar .pane', { hasText: 'Issue Links' }).first();
    // TREK-14 is blocked by TREK-15: its links are listed now.
    await expectText(view, 'TREK-15', 15000);
    await screenshot('11-hover-show-links');

    // Back to the branch's issue for the flows after this one.
    await palette(page, 'Tracker: Unpin Current Issue');
    await page.locator('.statusbar-item', { hasText: 'TREK-12' }).first().waitFor({ state: 'visible', timeout: 15000 });

    // 3. Injected Markdown/HTML in a summary is inert text in the rendered card
    //    (in a YAML file). OPS-4 is linked to nothing the earlier flows load
    //    (TREK-19, a dependent of TREK-12, is read at sign-in by the status
    //    bar), and the summary changes before the file opens, because showing
    //    it loads its keys (stale-key check). The card cache keeps the
    //    injected summary for a minute; no later flow shows OPS-4.
    const issue = sandbox.data.issues.find((i) => i.key === 'OPS-4');
    assert.ok(issue);
    const original = issue.summary;
    issue.summary = INJECTED;
    try {
      await quickOpen(page, 'pipeline.yaml');
      await page.locator('.monaco-editor .view-line', { hasText: '# OPS-4' }).first().waitFor({ state: 'visible', timeout: 15000 });
      await page.mouse.move(0, 0);
      await page.keyboard.press('Escape');
      const evil = await openCard(page, '# OPS-4', 'OPS-4', log);
      await expectText(evil, '[run](command:workbench.action.terminal.new) <a href="command:workbench.action.terminal.new">click</a>');
      const hrefs = await evil.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
      log(`links in the card: ${hrefs.length}`);
      const foreign = hrefs.filter((h) => /workbench\.action/.test(h));
      assert.deepStrictEqual(foreign, [], 'no link to a foreign command in the rendered card');
      assert.ok(hrefs.some((h) => h.startsWith('command:tracker.showLinks')), `our actions are links: ${hrefs.join(' ')}`);
      await screenshot('12-hover-injected-summary-inert');
    } finally {
      issue.summary = original;
    }
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
  },
};
