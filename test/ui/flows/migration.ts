import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectText, palette, quickInput, quickPickRow, typeAndEnter, waitForNotification, type UiFlow } from '../ui';
import { ROOT } from '../../harness/tools';
import type { Page } from 'playwright-core';

/** Waits until the Markdown preview of the dry run (a webview, nested frames) shows `text`. */
async function previewSays(page: Page, text: string): Promise<void> {
  const deadline = Date.now() + 15000;
  let last = '';
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (!body.includes('Dry run: insureco.csv')) continue;
      last = body;
      if (body.replace(/\s+/g, ' ').includes(text)) return;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`The dry-run preview does not say "${text}"; it says: ${last.slice(0, 300)}`);
}

/**
 * A user migrates a Jira CSV export (test/unit/migrate/fixtures, real) lying
 * in the workspace with a key mapping beside it: the palette, the file typed
 * in the open dialog, the mapping steps, the time zone, one login for the
 * authors, then the dry run in the Markdown preview under the summary
 * question, Import, and the summary. Screenshots: the key step, the dry run
 * with its question, the summary.
 */
export const migration: UiFlow = {
  name: 'migration',
  timeoutMs: 180000,
  async run({ page, sandbox, workspace, screenshot }) {
    const file = path.join(workspace, 'insureco.csv');
    fs.copyFileSync(path.join(ROOT, 'test/unit/migrate/fixtures/jira-cloud-insureco.csv'), file);
    fs.writeFileSync(path.join(workspace, 'keys-di.csv'), 'DI-86,TREK-1\nDI-127,TREK-3\nDI-124,TREK-4\nDI-123,TREK-8\n');

    const seen = sandbox.requests.length;
    // Writes only: the issue search (`POST /v2/issues/_search`) is a read.
    const posts = () => sandbox.requests.slice(seen).filter((r) => r.method === 'POST' && !r.path.endsWith('/_search')).map((r) => r.path);
    await palette(page, 'Tracker: Migrate Links from Jira Export…');
    // The open dialog (VS Code's own in the browser): type the path.
    const qi = quickInput(page);
    const input = qi.locator('input.input').first();
    await input.waitFor({ state: 'visible', timeout: 15000 });
    // The dialog fills in the folder after it opens, and may do so again while
    // it lists it: put the whole path in once the box holds it, as a paste would.
    for (let i = 0; i < 40; i++) {
      const value = await input.inputValue();
      if (value === file) {
        await page.waitForTimeout(400);
        if ((await input.inputValue()) === file) break;
      } else if (value) await input.fill(file);
      await page.waitForTimeout(250);
    }
    await expectText(qi.locator('.quick-input-title'), 'Migrate Links from Jira Export');
    await page.keyboard.press('Enter');

    await expectText(qi.locator('.quick-input-title'), 'Migrate Links from insureco.csv');
    await quickPickRow(page, "Jira's built-in link types").click();
    const keys = quickPickRow(page, 'keys-di.csv');
    await keys.waitFor({ state: 'visible', timeout: 15000 });
    await screenshot('40-migration-keys');
    await keys.click();
    await quickPickRow(page, 'No user mapping').click();
    await quickPickRow(page, 'UTC').click();
    await expectText(qi.locator('.quick-input-message'), 'does not say who made 3 links');
    await typeAndEnter(page, 'alice.morgan');

    // The dry run in the preview, the question above it.
    const dialog = page.locator('.monaco-dialog-box');
    await expectText(dialog, 'Dry run of insureco.csv: 2 to import, 1 already in Tracker, 0 skipped, 0 waiting.', 30000);
    await page.locator('iframe').first().waitFor({ state: 'attached', timeout: 15000 });
    await page.waitForTimeout(1500);
    await screenshot('41-migration-dry-run');
    assert.deepStrictEqual(posts(), [], 'the dry run sends nothing');
    await dialog.locator('.monaco-button', { hasText: 'Import 2 Links' }).click();

    await waitForNotification(page, 'insureco.csv: 2 links imported, 1 already in Tracker, 0 skipped, 0 failed.', 30000);
    // The preview beside it now says what was sent, not "Nothing has been sent".
    await previewSays(page, 'Sent to Tracker after this dry run: 2 imported, 0 failed, 0 not attempted.');
    await screenshot('42-migration-done');
    assert.deepStrictEqual(posts(), ['/v2/issues/TREK-4/links/_import', '/v2/issues/TREK-8/links/_import']);
    assert.ok(fs.existsSync(path.join(workspace, 'insureco.migration-result.csv')), 'the result file beside the export');
  },
};
