// `Tracker: Add Link…` and `Link to Current Issue as…` end to end: the real
// commands, every step answered through the real quick pick, against the
// sandbox Tracker; what was sent is read from the sandbox's request log.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { AddLinkResult } from '../../src/linking/addLink';
import type { Question } from '../../src/kernel/prompts';
import { choose, shownPick } from './pickHelpers';
import {
  accept,
  answerPick,
  canType,
  clearInputs,
  nextInput,
  pressBack,
  pressEscape,
  shownText,
  signInToSandbox,
  sleep,
  signOut,
  typeInto,
  useSandboxSuite,
  waitFor,
  withTimeout,
  type MessageCapture,
  type SandboxServer,
} from './helpers';

type RelPickItem = vscode.QuickPickItem & { rel?: { value: string } };

describe('Add Link (real quick picks, sandbox Tracker)', () => {
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let messages: MessageCapture;

  const run = (command: string, ...args: unknown[]) => Promise.resolve(vscode.commands.executeCommand<AddLinkResult>(command, ...args));
  const finish = (p: Promise<AddLinkResult>) => withTimeout(p, 20000, 'the add-link flow');
  const linkPosts = () => sb.requests.filter((r) => r.method === 'POST' && /\/issues\/[^/]+\/links$/.test(r.path));
  const summaries = () => messages.messages.filter((m) => /^(Linked|No link)/.test(m.text));

  const relationshipStep = () => shownPick('addLink.relationship');

  // The workspace branch names TREK-12: the tests decide the current issue themselves.
  useSandboxSuite({ settings: { branchDetection: false }, unpinEachTest: true, bind: (s) => ({ t, sb, messages } = s) });

  it('palette, no current issue: source → relationship → two targets; one request body per target, one summary', async () => {
    // Recent picks are offered first in the target step.
    await t.services.current.remember('TREK-5');
    await t.services.current.remember('TREK-4');
    const changed: string[][] = [];
    const sub = t.services.events.onDidChangeIssueLinks((e) => changed.push(e.keys));
    try {
      const done = run('tracker.addLink');
      const src = await shownPick('addLink.source', 'TREK-3');
      assert.deepStrictEqual([src.step, src.totalSteps], [1, 3]);
      await choose(src, 'TREK-3');
      const rel = await shownPick('addLink.relationship');
      assert.deepStrictEqual([rel.step, rel.totalSteps], [2, 3]);
      await choose(rel, 'Relates to');
      const targets = await shownPick('addLink.targets');
      assert.deepStrictEqual([targets.step, targets.totalSteps, targets.canSelectMany], [3, 3, true]);
      await waitFor(() => targets.items.some((i) => i.label === 'TREK-5'), 10000, 'the recent keys');
      assert.deepStrictEqual(
        targets.items.slice(0, 2).map((i) => [i.label, i.detail?.endsWith('recent')]),
        [['TREK-4', true], ['TREK-5', true]],
        'recent targets first',
      );
      await choose(targets, 'TREK-4', 'TREK-5');
      const r = await finish(done);
      assert.deepStrictEqual(r.created, ['TREK-4', 'TREK-5']);
      assert.deepStrictEqual(r.failed, []);
      assert.deepStrictEqual(
        linkPosts().map((p) => [p.path, p.body]),
        [
          ['/v2/issues/TREK-3/links', { relationship: 'relates', issue: 'TREK-4' }],
          ['/v2/issues/TREK-3/links', { relationship: 'relates', issue: 'TREK-5' }],
        ],
      );
      assert.ok(sb.linksOf('TREK-3').some((l) => l.relationship === 'relates' && l.other === 'TREK-4'));
      const m = await messages.wait(/^Linked: TREK-3 relates to TREK-4, TREK-5\.$/);
      assert.strictEqual(m.kind, 'info');
      assert.deepStrictEqual(m.actions, ['Open TREK-4', 'Open TREK-5']);
      assert.strictEqual(summaries().length, 1, 'one summary');
      assert.deepStrictEqual(changed, [['TREK-3', 'TREK-4', 'TREK-5']]);
      assert.deepStrictEqual(t.services.current.recent.slice(0, 2), ['TREK-4', 'TREK-5']);
    } finally {
      sub.dispose();
    }
  });

  it('the relationship step says each choice with the real keys; epic relationships only where the types allow', async () => {
    await t.services.current.pin('TREK-12');
    let done = run('tracker.addLink');
    let qp = await relationshipStep();
    assert.deepStrictEqual([qp.step, qp.totalSteps], [1, 2], 'the current issue is the source: no source step');
    assert.match(String(qp.placeholder), /TREK-12/);
    const byValue = (items: readonly RelPickItem[]) => new Map(items.map((i) => [i.rel?.value, i]));
    let items = byValue(qp.items as RelPickItem[]);
    assert.strictEqual(items.get('depends on')?.label, 'Blocked by (depends on)');
    assert.strictEqual(items.get('depends on')?.description, 'TREK-12 is blocked by …');
    assert.strictEqual(items.get('is dependent by')?.description, 'TREK-12 blocks …');
    assert.ok(!items.has('is epic of'), 'TREK-12 is a task: it cannot be an epic of anything');
    assert.ok(items.has('has epic'), 'the target is not chosen yet: "In epic" stays');
    assert.ok(!items.has('clone') && !items.has('original'), 'clone/original are import-only');
    await pressEscape();
    assert.strictEqual((await finish(done)).cancelled, true);

    // An epic as the source (tree item shape): "Is epic of" appears.
    done = run('tracker.addLink', { key: 'TREK-1' });
    qp = await relationshipStep();
    items = byValue(qp.items as RelPickItem[]);
    assert.strictEqual(items.get('is epic of')?.description, 'TREK-1 is the epic of …');
    await pressEscape();
    await finish(done);

    // Hover "Link to Current Issue as…": both keys known, the sentence names them, a task target hides "In epic".
    done = run('tracker.linkToCurrent', 'TREK-15');
    qp = await relationshipStep();
    assert.deepStrictEqual([qp.step, qp.totalSteps], [1, 1]);
    items = byValue(qp.items as RelPickItem[]);
    assert.strictEqual(items.get('depends on')?.description, 'TREK-12 is blocked by TREK-15');
    assert.ok(!items.has('has epic') && !items.has('is epic of'));
    await pressEscape();
    await finish(done);
    assert.strictEqual(linkPosts().length, 0);
  });

  it('several targets found by separate searches stay ticked: the badge counts them all, clearing the filter shows them ticked', async function () {
    if (!canType) this.skip(); // live search needs real keystrokes
    const done = run('tracker.addLink', 'TREK-3');
    await choose(await relationshipStep(), 'Relates to');
    const qp = (await nextInput('addLink.targets')).input as vscode.QuickPick<vscode.QuickPickItem>;
    const badge = () => shownText('.quick-input-widget .quick-input-count');
    const ticked = () => qp.selectedItems.map((i) => i.label).sort();
    // As a user does: search a key, move to the issue found, tick it (the toggle command is Space in the list).
    const searchAndTick = async (key: string) => {
      await typeInto(qp, key);
      const found = await waitFor(() => !qp.busy && qp.items.find((i) => i.label === key && i.description !== 'Use this key'), 10000, `${key} found`);
      qp.activeItems = [found];
      await sleep(100);
      await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
      await waitFor(() => qp.selectedItems.some((i) => i.label === key), 5000, `${key} ticked`);
    };
    await searchAndTick('TREK-4');
    await searchAndTick('TREK-5');
    await waitFor(async () => (await badge()) === '2 Selected', 5000, `"2 Selected" (badge: ${await badge()})`);
    assert.deepStrictEqual(ticked(), ['TREK-4', 'TREK-5']);
    await typeInto(qp, '');
    await sleep(400); // past the search debounce: an empty filter runs no search
    assert.ok(!qp.busy);
    assert.deepStrictEqual(ticked(), ['TREK-4', 'TREK-5'], 'both still ticked with the filter cleared');
    assert.ok(['TREK-4', 'TREK-5'].every((k) => qp.items.some((i) => i.label === k)), 'both listed');
    assert.strictEqual(await badge(), '2 Selected');
    await accept();
    const r = await finish(done);
    assert.deepStrictEqual(r.created, ['TREK-4', 'TREK-5']);
    assert.deepStrictEqual(linkPosts().map((p) => (p.body as { issue: string }).issue), ['TREK-4', 'TREK-5']);
  });

  it('"In epic" with a target that is not an epic explains, asks again, and sends only the epic link', async () => {
    const done = run('tracker.addLink', 'TREK-23');
    await choose(await relationshipStep(), 'In epic');
    const first = await shownPick('addLink.targets', 'TREK-3');
    assert.strictEqual(first.canSelectMany, false, 'an issue has one epic');
    await choose(first, 'TREK-3');
    const warn = await messages.wait(/TREK-3 is not an epic/);
    assert.strictEqual(warn.kind, 'warning');
    assert.strictEqual(linkPosts().length, 0, 'nothing sent for a non-epic');
    await answerPick('addLink.targets', 'TREK-2', { value: 'TREK-2' });
    const r = await finish(done);
    assert.deepStrictEqual(r.created, ['TREK-2']);
    assert.deepStrictEqual(linkPosts().map((p) => p.body), [{ relationship: 'has epic', issue: 'TREK-2' }]);
  });

  it('a typed key follows the one key rule: TREK-0 is not offered (it used to be), TREK-012 is TREK-12', async () => {
    const done = run('tracker.addLink');
    const shown = await nextInput('addLink.source');
    assert.strictEqual(shown.kind, 'quickPick');
    const src = shown.input as vscode.QuickPick<vscode.QuickPickItem>;
    await typeInto(src, 'TREK-0', 'the source step');
    await waitFor(() => !src.busy, 10000, 'the search for TREK-0');
    await sleep(300);
    assert.ok(!src.items.some((i) => i.label === 'TREK-0'), `TREK-0 offered: ${src.items.map((i) => i.label).join(' | ')}`);
    await typeInto(src, 'trek-012', 'the source step');
    await waitFor(() => !src.busy && src.items.some((i) => i.label === 'TREK-12'), 10000, 'TREK-12 for trek-012');
    await pressEscape();
    const r = await finish(done);
    assert.strictEqual(r.cancelled, true);
    assert.deepStrictEqual(linkPosts(), []);
  });

  it('Back returns to the previous step; Escape at any step sends nothing', async () => {
    const done = run('tracker.addLink');
    await answerPick('addLink.source', 'TREK-3', { value: 'TREK-3' });
    await relationshipStep();
    await pressBack();
    await answerPick('addLink.source', 'TREK-6', { value: 'TREK-6' });
    const qp = await relationshipStep();
    assert.match(String((qp.items as RelPickItem[]).find((i) => i.rel?.value === 'is dependent by')?.description), /^TREK-6 blocks/);
    await choose(qp, 'Blocks');
    await nextInput('addLink.targets');
    await pressBack();
    await relationshipStep();
    await pressEscape();
    const r = await finish(done);
    assert.strictEqual(r.cancelled, true);
    assert.strictEqual(sb.countRequests({ method: 'POST', path: '/links' }), 0);
  });

  it('a dependency that closes a cycle is spelled out: Cancel sends nothing, "Link anyway" creates it', async () => {
    const asked: Question[] = [];
    const sub = t.services.prompts.onDidAsk((q) => asked.push(q));
    try {
      t.services.prompts.answerNext(undefined); // the dialog's Cancel
      let done = run('tracker.addLink', 'TREK-15');
      await choose(await relationshipStep(), 'Blocked by (depends on)');
      await answerPick('addLink.targets', ['TREK-12'], { value: 'TREK-12' });
      let r = await finish(done);
      assert.strictEqual(r.cancelled, true);
      assert.strictEqual(linkPosts().length, 0, 'Cancel: nothing sent');
      assert.strictEqual(asked.length, 1);
      assert.strictEqual(asked[0].message, 'This would create a dependency cycle.');
      assert.match(String(asked[0].detail), /TREK-15 → TREK-12 → TREK-14 → TREK-15/);
      assert.deepStrictEqual(asked[0].choices, ['Link anyway']);

      t.services.prompts.answerNext('Link anyway');
      done = run('tracker.addLink', 'TREK-15');
      await choose(await relationshipStep(), 'Blocked by (depends on)');
      await answerPick('addLink.targets', ['TREK-12'], { value: 'TREK-12' });
      r = await finish(done);
      assert.deepStrictEqual(r.created, ['TREK-12']);
      assert.deepStrictEqual(linkPosts().map((p) => [p.path, p.body]), [['/v2/issues/TREK-15/links', { relationship: 'depends on', issue: 'TREK-12' }]]);
      assert.strictEqual(asked.length, 2);
    } finally {
      sub.dispose();
    }
  });

  it('already linked that way is not offered; a partial failure gives one summary with what failed and why', async () => {
    await t.services.current.remember('TREK-23');
    await t.services.current.remember('TREK-16');
    await t.services.current.remember('TREK-17');
    // TREK-12 is already the parent of TREK-16 and TREK-17: not offered for TREK-12 "Parent of".
    let done = run('tracker.addLink', 'TREK-12');
    await choose(await relationshipStep(), 'Parent of');
    const qp = await shownPick('addLink.targets');
    await waitFor(() => !qp.busy && qp.items.some((i) => i.label === 'TREK-23'), 10000, 'the suggestions');
    assert.ok(!qp.items.some((i) => i.label === 'TREK-16' || i.label === 'TREK-17' || i.label === 'TREK-12'), qp.items.map((i) => i.label).join());
    await pressEscape();
    await finish(done);

    // TREK-10 "Parent of" TREK-16 (already has a parent → 422) and TREK-23 (fine).
    done = run('tracker.addLink', 'TREK-10');
    await choose(await relationshipStep(), 'Parent of');
    await answerPick('addLink.targets', ['TREK-16', 'TREK-23']);
    const r = await finish(done);
    assert.deepStrictEqual(r.created, ['TREK-23']);
    assert.deepStrictEqual(r.failed.map((f) => f.key), ['TREK-16']);
    assert.strictEqual(linkPosts().length, 2, 'each target tried once');
    const m = await messages.wait(/^Linked: TREK-10 is the parent of TREK-23\. Not linked: TREK-16: /);
    assert.strictEqual(m.kind, 'warning');
    assert.match(m.text, /"relationship": TREK-16 already has a parent issue TREK-12/);
    assert.strictEqual(summaries().length, 1);
  });

  it('a read-only issue: the summary says there are no rights', async () => {
    const done = run('tracker.addLink', 'LEGAL-1');
    await choose(await relationshipStep(), 'Relates to');
    await answerPick('addLink.targets', ['TREK-3'], { value: 'TREK-3' });
    const r = await finish(done);
    assert.deepStrictEqual(r.created, []);
    const m = await messages.wait(/^No link was created\./);
    assert.strictEqual(m.kind, 'error');
    assert.match(m.text, /TREK-3: No rights to edit LEGAL-1\./);
  });

  it('the progress reads as a sentence ("Adding links: TREK-3 relates to TREK-4 (1/2)"); a server reason ending in a full stop is not given a second one', async () => {
    // What the notification shows: "<title>: <message>" (how VS Code joins them).
    const shown: string[] = [];
    const w = vscode.window as unknown as { withProgress: typeof vscode.window.withProgress };
    const original = w.withProgress;
    w.withProgress = (options, task) =>
      original.call(vscode.window, options, (progress, token) =>
        task({ report: (v) => (shown.push(v.message ? `${options.title}: ${v.message}` : String(options.title)), progress.report(v)) }, token),
      ) as never;
    try {
      sb.setFaults({
        httpError: { count: 1, status: 422, errors: { issue: 'The link date must fall within the lifetime of both issues.' } },
        match: { method: 'POST', path: '/v2/issues/TREK-3/links' },
      });
      await t.services.current.remember('TREK-5');
      await t.services.current.remember('TREK-4');
      const done = run('tracker.addLink', 'TREK-3');
      await choose(await relationshipStep(), 'Relates to');
      await answerPick('addLink.targets', ['TREK-4', 'TREK-5']);
      const r = await finish(done);
      assert.deepStrictEqual(r.created, ['TREK-5']);
      assert.deepStrictEqual(shown, ['Adding links: TREK-3 relates to TREK-4 (1/2)', 'Adding links: TREK-3 relates to TREK-5 (2/2)']);
      const m = await messages.wait(/^Linked: TREK-3 relates to TREK-5\. Not linked: TREK-4: /);
      assert.match(m.text, /"issue": The link date must fall within the lifetime of both issues\.$/);
      assert.ok(!m.text.includes('..'), m.text);
    } finally {
      w.withProgress = original;
    }
  });

  it('signed out: says so with a Sign In button and shows no step', async () => {
    await signOut();
    try {
      const r = await finish(run('tracker.addLink', 'TREK-3'));
      assert.strictEqual(r.cancelled, true);
      const m = await messages.wait(/^Sign in to Tracker first\.$/);
      assert.deepStrictEqual([m.kind, m.actions], ['error', ['Sign In']]);
      await assert.rejects(nextInput('addLink.relationship', 500), /Timed out/);
      assert.strictEqual(sb.requests.length, 0);
    } finally {
      clearInputs();
      assert.strictEqual(await signInToSandbox(sb), true);
    }
  });
});
