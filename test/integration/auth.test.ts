import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import {
  accept,
  answerInput,
  answerPick,
  captureMessages,
  clearInputs,
  configureForSandbox,
  dismissNotifications,
  getTestApi,
  nextInput,
  pressBack,
  pressEscape,
  setUserSettings,
  signInToSandbox,
  signOut,
  startSandbox,
  withTimeout,
  type MessageCapture,
  type SandboxServer,
} from './helpers';

describe('Sign in and sign out (real commands, real quick inputs)', () => {
  let sb: SandboxServer;
  /** A Yandex Cloud organisation whose tokens differ from `sb`'s. */
  let cloud: SandboxServer;
  let t: TrackerTestApi;
  let messages: MessageCapture;

  const myself = (s: SandboxServer) => s.requests.filter((r) => r.method === 'GET' && r.path === '/v2/myself');
  const userOrg = () => vscode.workspace.getConfiguration('tracker').inspect<string>('orgId')?.globalValue;

  before(async () => {
    t = await getTestApi();
    sb = await startSandbox();
    cloud = await startSandbox({ orgKind: 'cloud', token: 'cloud-oauth-token', iamToken: 'cloud-iam-token' });
  });

  beforeEach(async () => {
    await configureForSandbox(sb);
    await signOut();
    sb.reset();
    cloud.reset();
    clearInputs();
    messages = captureMessages();
  });

  afterEach(async () => {
    messages.dispose();
    await pressEscape();
    await dismissNotifications();
  });

  after(async () => {
    await signOut();
    await setUserSettings({ baseUrl: undefined, orgKind: undefined, orgId: undefined });
    await Promise.all([sb?.close(), cloud?.close()]);
  });

  it('checks the token with /myself, stores it, and later requests use it', async () => {
    assert.strictEqual(await signInToSandbox(sb), true);
    await messages.wait(/^Signed in to Tracker as Sandbox User\.$/);
    assert.strictEqual(await t.hasCredentials(), true);

    const probe = myself(sb);
    assert.strictEqual(probe.length, 1, 'one /myself request checks the token');
    assert.strictEqual(probe[0].status, 200);
    assert.strictEqual(probe[0].headers['x-org-id'], sb.orgId);
    assert.strictEqual(probe[0].headers['x-cloud-org-id'], undefined);
    assert.strictEqual(userOrg(), sb.orgId, 'the organisation is kept in user settings');

    // A request made later with what was stored.
    const me = await t.services.api().myself();
    assert.strictEqual(me.display, 'Sandbox User');
    const later = myself(sb);
    assert.strictEqual(later.length, 2);
    assert.strictEqual(later[1].status, 200);
    assert.strictEqual(later[1].headers['x-org-id'], sb.orgId);
  });

  it('a second sign-in (Yandex Cloud, IAM token) replaces the first', async () => {
    assert.strictEqual(await signInToSandbox(sb), true);
    await configureForSandbox(cloud);
    assert.strictEqual(await signInToSandbox(cloud, { tokenKind: 'iam' }), true);
    assert.strictEqual(await t.hasCredentials(), true);

    // Only a Bearer IAM token is accepted by `cloud` (its OAuth token differs
    // from sb's), and only with X-Cloud-Org-ID: a 200 proves what is stored.
    await t.services.api().myself();
    const stored = myself(cloud).slice(-1)[0];
    assert.strictEqual(stored.status, 200);
    assert.strictEqual(stored.headers['x-cloud-org-id'], cloud.orgId);
    assert.strictEqual(stored.headers['x-org-id'], undefined);

    // The first account's OAuth token is gone: sb refuses what is stored now.
    await configureForSandbox(sb);
    await assert.rejects(t.services.api().myself(), (e: { kind?: string }) => e.kind === 'unauthorized');
    assert.strictEqual(myself(sb).slice(-1)[0].status, 401);
  });

  it('sign-out removes the token: nothing is sent afterwards', async () => {
    assert.strictEqual(await signInToSandbox(sb), true);
    await signOut();
    await messages.wait(/^Signed out of Tracker\.$/);
    assert.strictEqual(await t.hasCredentials(), false);
    const before = sb.requests.length;
    await assert.rejects(t.services.api().myself(), (e: { kind?: string }) => e.kind === 'unauthorized');
    assert.strictEqual(sb.requests.length, before, 'a request was sent without credentials');
  });

  it('a wrong token: the 401 message, nothing stored', async () => {
    const done = vscode.commands.executeCommand<boolean>('tracker.signIn');
    await answerPick('signIn.orgKind', 'Yandex 360 for Business');
    await answerInput('signIn.orgId', sb.orgId);
    await answerInput('signIn.token', 'not-the-sandbox-token');
    const msg = await messages.wait(/401/);
    assert.strictEqual(msg.kind, 'error');
    assert.match(msg.text, /did not accept the OAuth token \(401\)/);
    assert.match(msg.text, /tracker:read and tracker:write/);
    assert.deepStrictEqual(msg.actions, ['Try Again']);
    await dismissNotifications();
    assert.strictEqual(await withTimeout(done, 10000, 'tracker.signIn'), false);
    assert.strictEqual(await t.hasCredentials(), false);
    assert.deepStrictEqual(
      myself(sb).map((r) => r.status),
      [401],
    );
  });

  it('a token with non-Latin characters is refused in the box with the reason, never sent (it used to be reported as a 401)', async () => {
    const done = vscode.commands.executeCommand<boolean>('tracker.signIn');
    await answerPick('signIn.orgKind', 'Yandex 360 for Business');
    await answerInput('signIn.orgId', sb.orgId);
    await assert.rejects(answerInput('signIn.token', `${sb.token}ё`), /refused .*only Latin letters, digits and punctuation/);
    await pressEscape();
    assert.strictEqual(await withTimeout(done, 10000, 'tracker.signIn'), false);
    assert.deepStrictEqual(myself(sb), [], 'no request');
    assert.strictEqual(await t.hasCredentials(), false);
    assert.deepStrictEqual(
      messages.messages.filter((m) => /401|did not accept/.test(m.text)),
      [],
    );
  });

  it('a wrong organisation id: the 403 message names the header, nothing stored', async () => {
    const done = vscode.commands.executeCommand<boolean>('tracker.signIn');
    await answerPick('signIn.orgKind', 'Yandex 360 for Business');
    await answerInput('signIn.orgId', '424242');
    await answerInput('signIn.token', sb.token);
    const msg = await messages.wait(/403/);
    assert.strictEqual(msg.kind, 'error');
    assert.match(msg.text, /organisation 424242 sent as X-Org-ID \(403\)/);
    await dismissNotifications();
    assert.strictEqual(await withTimeout(done, 10000, 'tracker.signIn'), false);
    assert.strictEqual(await t.hasCredentials(), false);
    assert.strictEqual(userOrg(), sb.orgId, 'a refused organisation id is not saved');
    const [probe] = myself(sb);
    assert.strictEqual(probe.status, 403);
    assert.strictEqual(probe.headers['x-org-id'], '424242');
  });

  describe('Escape at any step sends no request and stores nothing', () => {
    const steps: Array<{ name: string; cloud?: boolean; answer: (s: SandboxServer) => Promise<void> }> = [
      { name: 'signIn.orgKind', answer: async () => undefined },
      { name: 'signIn.orgId', answer: async () => void (await answerPick('signIn.orgKind', 'Yandex 360 for Business')) },
      {
        name: 'signIn.token',
        answer: async (s) => {
          await answerPick('signIn.orgKind', 'Yandex 360 for Business');
          await answerInput('signIn.orgId', s.orgId);
        },
      },
      {
        name: 'signIn.tokenKind',
        cloud: true,
        answer: async (s) => {
          await answerPick('signIn.orgKind', 'Yandex Cloud Organization');
          await answerInput('signIn.orgId', s.orgId);
        },
      },
    ];
    for (const step of steps) {
      it(`at ${step.name}`, async () => {
        const target = step.cloud ? cloud : sb;
        await configureForSandbox(target);
        const before = sb.requests.length + cloud.requests.length;
        const done = vscode.commands.executeCommand<boolean>('tracker.signIn');
        await step.answer(target);
        const shown = await nextInput(step.name);
        assert.strictEqual(shown.step, step.name);
        await pressEscape();
        assert.strictEqual(await withTimeout(done, 10000, 'tracker.signIn'), false);
        assert.strictEqual(sb.requests.length + cloud.requests.length, before, 'a request was sent');
        assert.strictEqual(await t.hasCredentials(), false);
        assert.strictEqual(userOrg(), target.orgId, 'settings changed');
      });
    }
  });

  it('Back returns to the previous step, keeping what was typed', async () => {
    const done = vscode.commands.executeCommand<boolean>('tracker.signIn');
    await answerPick('signIn.orgKind', 'Yandex 360 for Business');
    const orgId = await nextInput('signIn.orgId');
    assert.strictEqual(orgId.input.step, 2);
    await pressBack();
    // Back at step 1; switch to Yandex Cloud: the org id no longer applies.
    const items = await answerPick('signIn.orgKind', 'Yandex Cloud Organization');
    assert.deepStrictEqual(
      items.map((i) => i.label),
      ['Yandex 360 for Business', 'Yandex Cloud Organization'],
    );
    const cloudId = await nextInput('signIn.orgId');
    assert.strictEqual(cloudId.input.value, '', 'the Yandex 360 id is not offered for a Cloud organisation');
    assert.strictEqual(cloudId.input.totalSteps, 4);
    cloudId.input.value = 'bpfmistyped';
    await accept();
    await nextInput('signIn.tokenKind');
    await pressBack();
    const again = await nextInput('signIn.orgId');
    assert.strictEqual(again.input.value, 'bpfmistyped', 'Back keeps what was typed');
    await pressBack();
    await answerPick('signIn.orgKind', 'Yandex 360 for Business');
    await answerInput('signIn.orgId', sb.orgId);
    await answerInput('signIn.token', sb.token);
    assert.strictEqual(await withTimeout(done, 20000, 'tracker.signIn'), true);
    assert.strictEqual(await t.hasCredentials(), true);
    assert.deepStrictEqual(
      myself(sb).map((r) => r.status),
      [200],
    );
  });
});
