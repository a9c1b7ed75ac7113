import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { expectText, palette, quickInput, type UiFlow } from '../ui';

/** The document inside the graph panel's webview (code-server nests it in two frames). */
function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

async function colorTheme(page: Page, name: string): Promise<void> {
  // Not palette(): "Browse Color Themes in Marketplace" is listed first for these words.
  await page.keyboard.press('F1');
  await quickInput(page).locator('input.input').first().waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.type('Preferences: Color Theme', { delay: 10 });
  await quickInput(page).locator('.quick-input-list .monaco-list-row', { hasText: /^Preferences: Color Theme/ }).first().click();
  await page.waitForTimeout(300);
  await page.keyboard.type(name, { delay: 10 });
  await quickInput(page).locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
}

/**
 * The link graph of the branch's issue (TREK-12, the sandbox's richest): the
 * panel from the palette, in the light and the dark theme; a node's context
 * menu; Enter on a node makes it current; the graph inserted into a Markdown
 * file as a mermaid block.
 */
export const graph: UiFlow = {
  name: 'graph',
  timeoutMs: 180000,
  async run({ page, workspace, screenshot }) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+b'); // hide the side bar: room for the picture
    await palette(page, 'Tracker: Show Link Graph');
    const view = webview(page);
    const root = view.locator('g.node.root[data-key="TREK-12"]');
    await root.waitFor({ state: 'visible', timeout: 30000 });
    for (const key of ['TREK-14', 'TREK-15', 'TREK-1', 'TREK-19', 'WEB-7']) await view.locator(`g.node[data-key="${key}"]`).waitFor({ state: 'visible', timeout: 15000 });
    const label = await view.locator('g.node[data-key="TREK-14"]').getAttribute('aria-label');
    if (!label?.startsWith('TREK-14, In progress, ') || !label.includes('blocks TREK-12')) throw new Error(`TREK-14's label: ${label}`);
    await page.waitForTimeout(500);
    await screenshot('40-graph-light');

    // The context menu of a node, as a user opens it.
    await view.locator('g.node[data-key="TREK-14"]').click({ button: 'right' });
    const menu = view.locator('#menu');
    await expectText(menu, 'Show Graph Around It');
    await screenshot('41-graph-menu');
    await page.keyboard.press('Escape');

    // Enter on a focused node makes it the current issue.
    await view.locator('g.node[data-key="TREK-14"]').focus();
    await page.keyboard.press('Enter');
    await view.locator('g.node.isCurrent[data-key="TREK-14"]').waitFor({ state: 'visible', timeout: 15000 });
    await expectText(page.locator('.statusbar'), 'TREK-14');

    await colorTheme(page, 'Dark Modern');
    await root.waitFor({ state: 'visible', timeout: 15000 });
    await screenshot('42-graph-dark');
    // High contrast: the page takes VS Code's contrast colours and borders, no colours of its own.
    await colorTheme(page, 'Dark High Contrast');
    await view.locator('body.vscode-high-contrast').waitFor({ state: 'attached', timeout: 15000 });
    await root.waitFor({ state: 'visible', timeout: 15000 });
    await page.waitForTimeout(300);
    await screenshot('42-graph-high-contrast');
    await colorTheme(page, 'Light Modern');

    // Insert as Mermaid into a Markdown file.
    fs.writeFileSync(path.join(workspace, 'PLAN.md'), '# Plan\n\nThe chain around TREK-12:\n\n');
    await page.keyboard.press('Control+p');
    await quickInput(page).locator('input.input').first().waitFor({ state: 'visible', timeout: 15000 });
    await page.keyboard.type('PLAN.md', { delay: 10 });
    await quickInput(page).locator('.quick-input-list .monaco-list-row.focused', { hasText: 'PLAN.md' }).waitFor({ state: 'visible', timeout: 15000 });
    await page.keyboard.press('Enter');
    const editor = page.locator('.monaco-editor .view-lines').first();
    await expectText(editor, 'chain'); // Monaco draws spaces as no-break spaces
    await page.keyboard.press('Control+End');
    await palette(page, 'Tracker: Insert Link Graph as Mermaid');
    await expectText(editor, '```mermaid');
    await expectText(editor, 'flowchart');
    await page.keyboard.press('Control+Home');
    await page.waitForTimeout(500);
    await screenshot('43-graph-mermaid-insert');
    await page.keyboard.press('Control+b');

    // Back to the branch's issue for the flows after this one (Enter pinned TREK-14).
    await palette(page, 'Tracker: Unpin Current Issue');
    await page.locator('.statusbar-item', { hasText: 'TREK-12' }).first().waitFor({ state: 'visible', timeout: 15000 });
  },
};
