import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { Question } from '../../src/util/prompts';
import type { EntitiesNode, EntityLinkNode, EntityRootNode } from '../../src/views/entitiesTree';
import {
  accept,
  answerPick,
  canType,
  captureMessages,
  clearInputs,
  configureForSandbox,
  dismissNotifications,
  getTestApi,
  iconOf,
  labelOf,
  nextInput,
  pressEscape,
  setUserSettings,
  signInToSandbox,
  signOut,
  sleep,
  startSandbox,
  typeText,
  waitFor,
  withTimeout,
  type MessageCapture,
  type SandboxServer,
} from './helpers';


describe('Entity links view (sandbox, real picker and commands)', () => {
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let messages: MessageCapture;

  const tree = () => t.views.entities;
  const children = async (node?: EntitiesNode) => tree().getChildren(node) as Promise<EntitiesNode[]>;
  const item = (node: EntitiesNode) => tree().getTreeItem(node) as vscode.TreeItem;
  const root = async (): Promise<EntityRootNode> => {
    const [r] = await children();
    assert.ok(r && r.kind === 'entity', `expected an entity at the root, got ${r ? labelOf(item(r)) : 'nothing'}`);
    return r;
  };
  /** [group label, count, [[label, description, icon, contextValue]...]] for the root's groups. */
  const shape = async (r: EntityRootNode) => {
    const out: Array<[string, string, string[][]]> = [];
    for (const g of await children(r)) {
      const gi = item(g);
      const links = (await children(g)).map((l) => {
        const li = item(l);
        return [labelOf(li), String(li.description ?? ''), iconOf(li), li.contextValue ?? ''];
      });
      out.push([labelOf(gi), String(gi.description), links]);
    }
    return out;
  };
  const idOf = (shortId: number) => {
    const e = sb.data.entities.find((x) => x.shortId === shortId);
    assert.ok(e, `no entity #${shortId} in the sandbox`);
    return e.id;
  };

  before(async function () {
    this.timeout(60000);
    t = await getTestApi();
    sb = await startSandbox();
    await configureForSandbox(sb);
    assert.ok(await signInToSandbox(sb));
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  beforeEach(async () => {
    sb.reset();
    clearInputs();
    messages = captureMessages();
    await tree().show(undefined);
  });

  afterEach(async () => {
    messages.dispose();
    await pressEscape();
    await dismissNotifications();
  });

  after(async () => {
    await tree()?.show(undefined);
    await signOut();
    await setUserSettings({ baseUrl: undefined, orgKind: undefined, orgId: undefined });
    await sb?.close();
  });

  it('is empty (welcome view) until an entity is chosen', async () => {
    assert.deepStrictEqual(await children(), []);
    assert.strictEqual(sb.requests.filter((r) => r.path.includes('/entities/')).length, 0);
  });

  it('Show Entity Links: kind, then live search; the project and its links grouped by relationship', async function () {
    this.timeout(30000);
    const done = vscode.commands.executeCommand('tracker.showEntityLinks');
    await answerPick('entities.type', 'Project');
    if (canType) {
      // Typed for real: the server is asked for the text (debounced), and its answer is listed.
      const shown = await nextInput('entities.entity');
      assert.ok(shown.kind === 'quickPick');
      const qp = shown.input;
      await waitFor(() => !qp.busy && qp.items.length > 0, 5000, 'the first page of projects');
      await sleep(80);
      await typeText('Tracker');
      const searched = () =>
        sb.requests.some((r) => r.method === 'POST' && r.path === '/v2/entities/project/_search' && (r.body as { input?: string }).input === 'Tracker');
      await waitFor(searched, 5000, 'a live search for the typed text');
      const wanted = await waitFor(() => !qp.busy && qp.items.find((i) => i.label === 'Tracker Links for VS Code'), 5000, 'the search result');
      qp.activeItems = [wanted];
      await accept();
    } else {
      await answerPick('entities.entity', 'Tracker Links for VS Code', { value: 'Tracker' });
    }
    await withTimeout(done, 10000, 'tracker.showEntityLinks');

    const r = await root();
    const ri = item(r);
    assert.strictEqual(labelOf(ri), 'Tracker Links for VS Code');
    assert.strictEqual(ri.description, 'In progress');
    assert.strictEqual(iconOf(ri), 'project');
    assert.strictEqual(ri.contextValue, 'entity.project');
    assert.strictEqual(r.entity.id, idOf(1));

    // Check against the sandbox's own record of the links of project #1.
    const truth = sb.entityLinksOf('project', idOf(1));
    assert.strictEqual(truth.length, 3);
    assert.deepStrictEqual(await shape(r), [
      ['Relates to', '1', [['Ship Tracker Links 1.0 by Q1 2027', 'According to plan', 'target', 'entityLink.rel-relates.type-goal']]],
      ['Blocked by (depends on)', '1', [['Issue key detection', 'Launched', 'project', 'entityLink.rel-depends_on.type-project']]],
      ['Blocks', '1', [['Marketplace launch', 'Draft', 'project', 'entityLink.rel-is_dependent_by.type-project']]],
    ]);
    for (const l of truth) {
      const group = (await children(r)).find((g) => g.kind === 'entityGroup' && g.relationship === l.relationship);
      assert.ok(group, `a group for ${l.relationship}`);
      assert.ok((await children(group)).some((n) => n.kind === 'entityLink' && n.otherId === l.entity));
    }
  });

  it('accepts a typed short id, and shows portfolios and goals with their icons', async function () {
    this.timeout(30000);
    const done = vscode.commands.executeCommand('tracker.showEntityLinks');
    await answerPick('entities.type', 'Goal');
    await answerPick('entities.entity', '9', { value: '9' });
    await withTimeout(done, 10000, 'tracker.showEntityLinks');
    const r = await root();
    assert.strictEqual(labelOf(item(r)), 'Halve context switching for developers');
    assert.strictEqual(iconOf(item(r)), 'target');
    const groups = await shape(r);
    assert.deepStrictEqual(
      groups.map(([label, count]) => [label, count]),
      [
        ['Relates to', '1'],
        ['Sub-goal', '2'],
      ],
    );
    assert.deepStrictEqual(groups[0][2][0].slice(0, 3), ['Developer Experience 2026', 'In progress', 'folder-library']);
  });

  it('Remove Entity Link: modal confirmation, deleted in Tracker, the view reloads', async () => {
    await tree().show({ type: 'project', id: '1' });
    const r = await root();
    const group = (await children(r)).find((g) => g.kind === 'entityGroup' && g.relationship === 'depends on');
    assert.ok(group);
    const [link] = (await children(group)) as EntityLinkNode[];
    const asked: Question[] = [];
    const sub = t.services.prompts.onDidAsk((q) => asked.push(q));
    let reloaded = 0;
    const sub2 = tree().onDidChangeTreeData(() => reloaded++);
    try {
      await vscode.commands.executeCommand('tracker.entities.focus');
      await sleep(200);
      t.services.prompts.answerNext('Remove');
      assert.strictEqual(await vscode.commands.executeCommand('tracker.removeEntityLink', link), true);
      assert.strictEqual(asked[0]?.message, 'Remove the link "Tracker Links for VS Code depends on Issue key detection"?');
      const del = sb.requests.find((q) => q.method === 'DELETE');
      assert.strictEqual(del?.path, `/v2/entities/project/${idOf(1)}/links`);
      assert.strictEqual(del?.query.right, idOf(2));
      assert.ok(!sb.entityLinksOf('project', idOf(1)).some((l) => l.entity === idOf(2)));
      await waitFor(() => reloaded > 0, 5000, 'the view to reload after the change');
      assert.deepStrictEqual((await shape(await root())).map(([label]) => label), ['Relates to', 'Blocks']);
    } finally {
      sub.dispose();
      sub2.dispose();
      await vscode.commands.executeCommand('workbench.view.explorer');
    }
  });

  it('Remove Entity Link cancelled: nothing is deleted', async () => {
    await tree().show({ type: 'project', id: '1' });
    const group = (await children(await root())).find((g) => g.kind === 'entityGroup');
    assert.ok(group);
    const [link] = await children(group);
    t.services.prompts.answerNext(undefined);
    assert.strictEqual(await vscode.commands.executeCommand('tracker.removeEntityLink', link), false);
    assert.strictEqual(sb.requests.filter((q) => q.method === 'DELETE').length, 0);
  });

  it('an entity that does not exist: the message and Retry', async () => {
    await tree().show({ type: 'goal', id: '999' });
    const kids = await children();
    assert.deepStrictEqual(
      kids.map((k) => (k.kind === 'message' ? [k.role, labelOf(item(k))] : k.kind)),
      [
        ['error', 'Goal 999 was not found in Tracker.'],
        ['retry', 'Retry'],
      ],
    );
    assert.strictEqual(item(kids[1]).command?.command, 'tracker.refreshEntityLinks');
  });
  it('a failed refresh keeps the last data, marked stale ("Showing data from HH:MM — why" + Retry); Retry restores; a 404 still says the entity is gone', async () => {
    await tree().show({ type: 'project', id: '1' });
    const before = await shape(await root());
    assert.strictEqual(before.length, 3);
    try {
      // Every read fails (the client's retries included): a refresh keeps what was shown.
      sb.setFaults({ serverError: { count: 1000, status: 503 }, match: { method: 'GET', path: '/entities/' } });
      await vscode.commands.executeCommand('tracker.refreshEntityLinks');
      const kids = await children();
      assert.strictEqual(kids.length, 1);
      const r = kids[0];
      assert.ok(r.kind === 'entity' && r.stale, 'the entity stays, marked stale');
      const ri = item(r);
      assert.strictEqual(labelOf(ri), 'Tracker Links for VS Code');
      assert.strictEqual(ri.description, 'stale: HTTP 503');
      const under = await children(r);
      const marks = under.filter((n) => n.kind === 'message').map((n) => [n.kind === 'message' ? n.role : '', labelOf(item(n))]);
      assert.strictEqual(marks.length, 2);
      assert.strictEqual(marks[0][0], 'stale');
      assert.match(marks[0][1], /^Showing data from \d\d:\d\d — Tracker is unavailable right now \(HTTP 503\); try again later\.$/);
      assert.deepStrictEqual(marks[1], ['retry', 'Retry']);
      const retry = under.find((n) => n.kind === 'message' && n.role === 'retry');
      assert.ok(retry);
      assert.strictEqual(item(retry).command?.command, 'tracker.refreshEntityLinks');
      // Nothing lost: the same groups and links as before, after the marker.
      const groupsNow = (await shape(r)).filter(([label]) => !/^Showing data|^Retry$/.test(label));
      assert.deepStrictEqual(groupsNow, before);
      assert.deepStrictEqual(messages.messages, [], 'the tree says it; no popup');

      // Retry once Tracker is well again: fresh data, no marker.
      sb.resetFaults();
      const cmd = item(retry).command as vscode.Command;
      await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
      const fresh = await root();
      assert.strictEqual(fresh.stale, undefined);
      assert.strictEqual(item(fresh).description, 'In progress');
      assert.deepStrictEqual(await shape(fresh), before);

      // Another entity that fails has nothing to keep: the error, not the first one's data.
      sb.setFaults({ serverError: { count: 1000, status: 503 }, match: { method: 'GET', path: '/entities/' } });
      await tree().show({ type: 'project', id: '2' });
      assert.deepStrictEqual(
        (await children()).map((k) => (k.kind === 'message' ? k.role : k.kind)),
        ['error', 'retry'],
      );
    } finally {
      sb.resetFaults();
    }
    // A 404 means the entity is gone: no stale data of it.
    await tree().show({ type: 'project', id: '1' });
    await root();
    sb.data.entities.splice(sb.data.entities.findIndex((e) => e.id === idOf(1)), 1);
    await vscode.commands.executeCommand('tracker.refreshEntityLinks');
    assert.deepStrictEqual(
      (await children()).map((k) => (k.kind === 'message' ? k.role : k.kind)),
      ['error', 'retry'],
    );
  });
});
