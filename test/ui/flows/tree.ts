import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { expectText, openView, pane, row, setExpanded, palette, quickInput, quickPickRow, waitForNotification, type UiFlow } from '../ui';

/** Drags the sidebar's edge so labels are not cut short in the screenshots. */
async function widenSidebar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').first().boundingBox();
  if (!box || box.width >= width) return;
  await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Tracker Links UI', '-c', 'user.email=ui@example.invalid', ...args], { cwd, stdio: 'pipe' });
}

/**
 * The links view as a user sees it: TREK-12 (from the branch) with its
 * groups, a linked issue expanded, a link removed through the real modal
 * dialog and restored with Undo, the "no links", "no current issue" and
 * error states, and the entity links view. The signed-out welcome is
 * shot by the sign-in flow (00-signed-out).
 */
export const tree: UiFlow = {
  name: 'tree',
  timeoutMs: 180000,
  async run({ page, sandbox, workspace, screenshot }) {
    await openView(page, 'Tracker Links');
    await widenSidebar(page, 620);
    await setExpanded(page, 'Entity Links', false);
    const links = pane(page, 'Issue Links');

    // 1. Populated: the current issue, its groups with counts, a linked issue expanded.
    await row(links, 'TREK-12 Show linked issues in the sidebar tree').waitFor({ state: 'visible', timeout: 20000 });
    for (const group of ['Parent', 'Sub-issues', 'Epic', 'Blocked by', 'Blocks', 'Relates']) {
      await row(links, group).waitFor({ state: 'visible', timeout: 10000 });
    }
    const t14 = row(links, 'TREK-14 Client: retry on 429');
    await t14.click();
    await page.keyboard.press('ArrowRight'); // expand it
    await row(links, 'TREK-15 Client: typed errors').waitFor({ state: 'visible', timeout: 15000 });
    await expectText(links, '↺ already shown above');
    await t14.hover();
    await page.locator('.monaco-hover:not(.hidden)', { hasText: 'TREK-12 is blocked by TREK-14' }).first().waitFor({ state: 'visible', timeout: 10000 }).catch(() => undefined);
    await screenshot('30-links-tree');
    await page.keyboard.press('ArrowLeft'); // collapse it again
    await page.mouse.move(0, 0);

    // 2. Remove Link through the context menu and the real modal dialog, then Undo.
    await t14.click({ button: 'right' });
    const removeItem = page.locator('.context-view .action-label', { hasText: 'Remove Link…' }).first();
    await removeItem.waitFor({ state: 'visible' });
    await page.waitForTimeout(200); // the menu ignores a click while it is still opening
    await removeItem.click();
    const dialog = page.locator('.monaco-dialog-box').first();
    const shown = await dialog.waitFor({ state: 'visible', timeout: 4000 }).then(() => true, () => false);
    if (!shown && (await removeItem.isVisible())) await page.keyboard.press('Enter'); // the item is highlighted
    await dialog.waitFor({ state: 'visible', timeout: 10000 });
    await expectText(dialog, 'Remove the link "TREK-12 is blocked by TREK-14"?');
    await screenshot('31-links-remove-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Remove' }).first().click();
    const toast = await waitForNotification(page, 'Removed: TREK-12 is blocked by TREK-14.');
    await t14.waitFor({ state: 'hidden', timeout: 15000 });
    assert.ok(!sandbox.linksOf('TREK-12').some((l) => l.other === 'TREK-14'), 'deleted in Tracker');
    await screenshot('32-links-removed-undo');
    await toast.locator('.monaco-button', { hasText: 'Undo' }).first().click();
    await t14.waitFor({ state: 'visible', timeout: 15000 });
    assert.deepStrictEqual(sandbox.linksOf('TREK-12').filter((l) => l.other === 'TREK-14').map((l) => l.relationship), ['depends on']);

    // 3. An issue without links: the item that adds one.
    await palette(page, 'Tracker: Set Current Issue…');
    await quickInput(page).locator('input.input').first().waitFor({ state: 'visible' });
    await page.keyboard.type('TREK-23', { delay: 15 });
    await quickPickRow(page, 'TREK-23').waitFor({ state: 'visible', timeout: 15000 });
    await page.keyboard.press('Enter');
    await links.locator('.welcome-view-content', { hasText: 'no links yet' }).waitFor({ state: 'visible', timeout: 15000 });
    await screenshot('33-links-no-links');
    await palette(page, 'Tracker: Unpin Current Issue');

    // 4. No current issue: a branch without a key shows the welcome with its button.
    git(workspace, 'checkout', '-q', '-b', 'chore/tidy-up');
    try {
      await links.locator('.welcome-view-content', { hasText: 'No current issue' }).waitFor({ state: 'visible', timeout: 30000 });
      await screenshot('34-links-no-current-issue');
    } finally {
      git(workspace, 'checkout', '-q', 'feature/TREK-12-link-graph');
    }
    await row(links, 'TREK-12 Show linked issues').waitFor({ state: 'visible', timeout: 30000 });

    // 5. Tracker failing: the data shown before stays, marked stale, one item says why; Retry loads it fresh.
    sandbox.setFaults({ serverError: { count: 1000, status: 503 } });
    try {
      await links.hover();
      await links.locator('.pane-header .action-label[aria-label^="Refresh Links"]').first().click();
      await row(links, 'Tracker is unavailable right now (HTTP 503)').waitFor({ state: 'visible', timeout: 30000 });
      await row(links, 'Retry').waitFor({ state: 'visible' });
      await screenshot('35-links-error');
    } finally {
      sandbox.resetFaults();
    }
    await row(links, 'Retry').click();
    await row(links, 'TREK-12 Show linked issues').waitFor({ state: 'visible', timeout: 20000 });

    // 6. Entity links: a project found by typing part of its name.
    await setExpanded(page, 'Issue Links', false);
    await setExpanded(page, 'Entity Links', true);
    await palette(page, 'Tracker: Show Entity Links…');
    await quickPickRow(page, 'Project').waitFor({ state: 'visible', timeout: 10000 });
    await quickPickRow(page, 'Project').click();
    await page.keyboard.type('Tracker', { delay: 25 });
    const project = quickPickRow(page, 'Tracker Links for VS Code');
    await project.waitFor({ state: 'visible', timeout: 15000 });
    await project.click();
    const entities = pane(page, 'Entity Links');
    await row(entities, 'Ship Tracker Links 1.0 by Q1 2027').waitFor({ state: 'visible', timeout: 20000 });
    await expectText(entities, 'Blocked by (depends on)');
    await screenshot('36-entity-links');
  },
};
