import * as assert from 'node:assert';
import { expectText, palette, quickInput, quickPickRow, waitForNotification, type UiFlow } from '../ui';

/**
 * A user adds a link to the current issue (TREK-12, from the branch) from
 * the command palette: the relationship step says each choice with the real
 * key, the target step searches as the user types, and one notification
 * sums it up. Screenshots: the relationship step, the target search, the
 * summary.
 */
export const linking: UiFlow = {
  name: 'linking',
  async run({ page, sandbox, screenshot }) {
    const before = sandbox.linksOf('TREK-12').length;
    await palette(page, 'Tracker: Add Link…');
    const qi = quickInput(page);
    await expectText(qi.locator('.quick-input-title'), 'Add Link');
    const blockedBy = quickPickRow(page, 'Blocked by (depends on)');
    await blockedBy.waitFor({ state: 'visible', timeout: 20000 });
    await expectText(blockedBy, 'TREK-12 is blocked by …');
    await screenshot('20-add-link-relationship');

    // Filter to "Relates to" by typing, as a user would, and take it.
    await page.keyboard.type('Relates to', { delay: 15 });
    await qi.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'TREK-12 relates to' }).waitFor({ state: 'visible', timeout: 10000 });
    await page.keyboard.press('Enter');

    // Target step: live search by words from the summary.
    await expectText(qi.locator('.quick-input-title, .quick-input-header'), 'Add Link');
    await page.keyboard.type('favicon', { delay: 25 });
    const row = quickPickRow(page, 'WEB-6');
    await row.waitFor({ state: 'visible', timeout: 20000 });
    await expectText(row, 'Update the favicon');
    await screenshot('21-add-link-target-search');
    await row.click();
    await page.keyboard.press('Enter');

    await waitForNotification(page, 'Linked: TREK-12 relates to WEB-6.');
    await screenshot('22-add-link-linked');
    const posts = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/v2/issues/TREK-12/links');
    assert.deepStrictEqual(posts.map((p) => p.body), [{ relationship: 'relates', issue: 'WEB-6' }]);
    assert.strictEqual(sandbox.linksOf('TREK-12').length, before + 1);
  },
};
