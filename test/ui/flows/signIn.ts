import * as assert from 'node:assert';
import { expectText, openView, palette, quickInput, quickPickRow, typeAndEnter, waitForNotification, type UiFlow } from '../ui';

const SIGNED_OUT_WELCOME = 'Sign in to Yandex Tracker to see the links';

/** A user signs in to the sandbox Tracker from the command palette. */
export const signIn: UiFlow = {
  name: 'sign-in',
  async run({ page, sandbox, screenshot, log }) {
    // Signed out: the view invites to sign in.
    await openView(page, 'Tracker Links');
    const welcome = page.locator('.sidebar .welcome-view-content', { hasText: SIGNED_OUT_WELCOME }).first();
    await welcome.waitFor({ state: 'visible', timeout: 20000 });
    await screenshot('00-signed-out');

    await palette(page, 'Tracker: Sign In');
    const qi = quickInput(page);
    await expectText(qi.locator('.quick-input-title'), 'Sign In to Tracker');
    const y360 = quickPickRow(page, 'Yandex 360 for Business');
    await y360.waitFor({ state: 'visible' });
    await quickPickRow(page, 'Yandex Cloud Organization').waitFor({ state: 'visible' });
    await screenshot('01-sign-in');
    await y360.click();

    // Step 2: the organisation id (prefilled from settings: replace it as a user would).
    await expectText(qi.locator('.quick-input-message'), 'Yandex 360 organisation id');
    await page.keyboard.press('Control+a');
    await typeAndEnter(page, sandbox.orgId);

    // Step 3: the token, in a password box.
    await expectText(qi.locator('.quick-input-message'), 'Paste your OAuth token');
    const password = qi.locator('input[type="password"]');
    await password.waitFor({ state: 'visible' });
    await typeAndEnter(page, sandbox.token);

    await waitForNotification(page, 'Signed in to Tracker as Sandbox User.');
    await welcome.waitFor({ state: 'hidden', timeout: 15000 });
    await openView(page, 'Tracker Links');
    await screenshot('02-signed-in');

    const probe = sandbox.requests.filter((r) => r.path === '/v2/myself');
    assert.deepStrictEqual(
      probe.map((r) => [r.status, r.headers['x-org-id']]),
      [[200, sandbox.orgId]],
      'one /myself check with the organisation header',
    );
    // Signed in for real: the current issue (from the branch) got its summary with the stored token.
    const status = await page.locator('.statusbar-item', { hasText: /TREK-12 \S/ }).first().textContent({ timeout: 10000 }).catch(() => null);
    log(status ? `status bar: ${status.trim()}` : 'status bar: no current issue summary shown');
  },
};
