import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { Question } from '../../src/kernel/prompts';
import type { EntitiesNode, EntityLinkNode, EntityRootNode } from '../../src/views/entitiesTree';
import type { RemovedEntityLink } from '../../src/views/entityCommands';
import {
  accept,
  answerPick,
  canType,
  iconOf,
  labelOf,
  nextInput,
  sleep,
  tooltipText,
  typeText,
  useSandboxSuite,
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

  useSandboxSuite({ view: 'explorer', bind: (s) => ({ t, sb, messages } = s) });

  beforeEach(() => tree().show(undefined));

  after(() => tree()?.show(undefined));

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
    // Each linked entity shows as its own type: a portfolio and a goal under a goal.
    assert.deepStrictEqual(await shape(r), [
      [
        'Relates to',
        '2',
        [
          ['Developer Experience 2026', 'In progress', 'folder-library', 'entityLink.rel-relates.type-portfolio'],
          ['Ship Tracker Links 1.0 by Q1 2027', 'According to plan', 'target', 'entityLink.rel-relates.type-goal'],
        ],
      ],
    ]);
  });

  it('a linked entity of another type opens as its own type: its links, from Tracker', async function () {
    this.timeout(20000);
    await tree().show({ type: 'project', id: '1' });
    const relates = (await children(await root())).find((g) => g.kind === 'entityGroup' && g.relationship === 'relates');
    assert.ok(relates);
    const [goal] = (await children(relates)) as EntityLinkNode[];
    assert.strictEqual(goal.otherType, 'goal');
    assert.match(tooltipText(item(goal)), /^\*\*Goal #8\*\* Ship Tracker Links 1\.0 by Q1 2027\n\nTracker Links for VS Code relates to Ship Tracker Links 1\.0 by Q1 2027\n/);
    await vscode.commands.executeCommand('tracker.showEntityLinks', goal);
    assert.deepStrictEqual(tree().shown, { type: 'goal', id: idOf(8) });
    const r = await root();
    assert.strictEqual(r.entity.id, idOf(8));
    assert.strictEqual(item(r).contextValue, 'entity.goal');
    assert.strictEqual(iconOf(item(r)), 'target');
    assert.ok(sb.requests.some((q) => q.method === 'GET' && q.path === `/v2/entities/goal/${idOf(8)}/links`));
    assert.ok(!sb.requests.some((q) => q.path.startsWith(`/v2/entities/project/${idOf(8)}`)), 'never asked as a project');
    assert.deepStrictEqual(
      (await shape(r)).map(([label, , links]) => [label, links.map(([name, , icon]) => [name, icon])]),
      [
        ['Relates to', [['Tracker Links for VS Code', 'project'], ['Halve context switching for developers', 'target']]],
        ['Blocks', [['Reach 1,000 weekly active users', 'target']]],
      ],
    );
  });

  it('a linked entity whose type the server did not say: shown neutrally, and found by asking Tracker when opened', async function () {
    this.timeout(20000);
    await tree().show({ type: 'project', id: '1' });
    const relates = (await children(await root())).find((g) => g.kind === 'entityGroup' && g.relationship === 'relates');
    assert.ok(relates);
    const [goal] = (await children(relates)) as EntityLinkNode[];
    // As a server that leaves `entityType` out of linkFieldValues would list it.
    const untyped: EntityLinkNode = { ...goal, otherType: undefined };
    const ui = item(untyped);
    assert.strictEqual(iconOf(ui), 'circle-large-outline');
    assert.strictEqual(ui.contextValue, 'entityLink.rel-relates.type-unknown');
    assert.match(tooltipText(ui), /^\*\*#8\*\* Ship Tracker Links/);
    const before = sb.requests.length;
    await vscode.commands.executeCommand('tracker.showEntityLinks', untyped);
    assert.deepStrictEqual(tree().shown, { type: 'goal', id: idOf(8) });
    assert.deepStrictEqual(
      sb.requests.slice(before, before + 3).map((q) => [q.path, q.status]),
      [
        [`/v2/entities/project/${idOf(8)}`, 404],
        [`/v2/entities/portfolio/${idOf(8)}`, 404],
        [`/v2/entities/goal/${idOf(8)}`, 200],
      ],
    );
    assert.strictEqual((await root()).entity.id, idOf(8));
  });

  it('a relationship the catalogue does not know is shown under its own name, neutrally, after the known ones', async () => {
    // As a newer server might report it (the documentation names three values).
    sb.data.entityLinks.push({ left: idOf(1), right: idOf(11), relationship: 'mentored by' });
    await tree().show({ type: 'project', id: '1' });
    const r = await root();
    const groups = await shape(r);
    assert.deepStrictEqual(groups.map(([label]) => label), ['Relates to', 'Blocked by (depends on)', 'Blocks', 'mentored by']);
    const odd = (await children(r)).find((g) => g.kind === 'entityGroup' && g.relationship === 'mentored by');
    assert.ok(odd);
    assert.strictEqual(iconOf(item(odd)), 'ellipsis');
    const [link] = (await children(odd)) as EntityLinkNode[];
    assert.deepStrictEqual([labelOf(item(link)), item(link).contextValue], ['Reach 1,000 weekly active users', 'entityLink.rel-mentored_by.type-goal']);
    assert.match(tooltipText(item(link)), /\n\nTracker Links for VS Code — mentored by — Reach 1,000 weekly active users\n/);
  });

  it('Remove Entity Link: modal confirmation, deleted in Tracker, the view reloads; Undo re-creates exactly that link', async () => {
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
      const removed = await vscode.commands.executeCommand<RemovedEntityLink>('tracker.removeEntityLink', link);
      assert.strictEqual(asked.length, 1);
      assert.strictEqual(asked[0]?.message, 'Remove the link "Tracker Links for VS Code depends on Issue key detection"?');
      assert.deepStrictEqual(asked[0].choices, ['Remove']);
      const del = sb.requests.find((q) => q.method === 'DELETE');
      assert.strictEqual(del?.path, `/v2/entities/project/${idOf(1)}/links`);
      assert.strictEqual(del?.query.right, idOf(2));
      assert.ok(!sb.entityLinksOf('project', idOf(1)).some((l) => l.entity === idOf(2)));
      const note = await messages.wait(/^Removed: /);
      assert.strictEqual(note.text, 'Removed: Tracker Links for VS Code depends on Issue key detection.');
      assert.strictEqual(note.kind, 'info');
      assert.deepStrictEqual(note.actions, ['Undo']);
      await waitFor(() => reloaded > 0, 5000, 'the view to reload after the change');
      assert.deepStrictEqual((await shape(await root())).map(([label]) => label), ['Relates to', 'Blocks']);

      // Undo: one POST from the same entity, the same relationship, the same entity id.
      assert.ok(removed);
      const reloads = reloaded;
      assert.strictEqual(await removed.undo(), true);
      const posts = sb.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/links'));
      assert.deepStrictEqual(
        posts.map((q) => [q.path, q.body]),
        [[`/v2/entities/project/${idOf(1)}/links`, { relationship: 'depends on', entity: idOf(2) }]],
      );
      assert.deepStrictEqual(
        sb.entityLinksOf('project', idOf(1)).filter((l) => l.entity === idOf(2)),
        [{ relationship: 'depends on', entity: idOf(2) }],
      );
      await waitFor(() => reloaded > reloads, 5000, 'the view to reload after the Undo');
      assert.deepStrictEqual((await shape(await root())).map(([label]) => label), ['Relates to', 'Blocked by (depends on)', 'Blocks']);
    } finally {
      sub.dispose();
      sub2.dispose();
      await vscode.commands.executeCommand('workbench.view.explorer');
    }
  });

  it('Undo of a removed link to an entity of another type, listed on the other side, restores it as it was', async () => {
    // Goal #11 lists "Blocks → Marketplace launch" (stored on the project as "depends on").
    await tree().show({ type: 'goal', id: '11' });
    const blocks = (await children(await root())).find((g) => g.kind === 'entityGroup' && g.relationship === 'is dependent by');
    assert.ok(blocks);
    const [link] = (await children(blocks)) as EntityLinkNode[];
    assert.deepStrictEqual([link.summary, link.otherType], ['Marketplace launch', 'project']);
    t.services.prompts.answerNext('Remove');
    const removed = await vscode.commands.executeCommand<RemovedEntityLink>('tracker.removeEntityLink', link);
    assert.ok(removed);
    assert.ok(!sb.entityLinksOf('project', idOf(3)).some((l) => l.entity === idOf(11)));
    assert.strictEqual(await removed.undo(), true);
    const post = sb.requests.find((q) => q.method === 'POST');
    assert.deepStrictEqual([post?.path, post?.body], [`/v2/entities/goal/${idOf(11)}/links`, { relationship: 'is dependent by', entity: idOf(3) }]);
    assert.deepStrictEqual(sb.entityLinksOf('project', idOf(3)).filter((l) => l.entity === idOf(11)), [{ relationship: 'depends on', entity: idOf(11) }]);
  });

  it('Undo whose answer is lost is not sent again: the links are read, and it counts as restored', async () => {
    await tree().show({ type: 'project', id: '1' });
    const group = (await children(await root())).find((g) => g.kind === 'entityGroup' && g.relationship === 'relates');
    assert.ok(group);
    const [link] = (await children(group)) as EntityLinkNode[];
    t.services.prompts.answerNext('Remove');
    const removed = await vscode.commands.executeCommand<RemovedEntityLink>('tracker.removeEntityLink', link);
    assert.ok(removed);
    sb.setFaults({ afterHandling: { count: 1, kind: 'status', status: 503 }, match: { method: 'POST', path: '/links' } });
    try {
      assert.strictEqual(await removed.undo(), true);
    } finally {
      sb.resetFaults();
    }
    assert.strictEqual(sb.requests.filter((q) => q.method === 'POST').length, 1, 'the create is not repeated');
    assert.deepStrictEqual(sb.entityLinksOf('project', idOf(1)).filter((l) => l.entity === idOf(8)), [{ relationship: 'relates', entity: idOf(8) }]);
    const m = await messages.wait(/created \(Tracker's answer was lost\)/);
    assert.strictEqual(m.text, "Tracker Links for VS Code relates to Ship Tracker Links 1.0 by Q1 2027 — created (Tracker's answer was lost).");
  });

  it('Remove Entity Link cancelled: nothing is deleted', async () => {
    await tree().show({ type: 'project', id: '1' });
    const group = (await children(await root())).find((g) => g.kind === 'entityGroup');
    assert.ok(group);
    const [link] = await children(group);
    t.services.prompts.answerNext(undefined);
    assert.strictEqual(await vscode.commands.executeCommand('tracker.removeEntityLink', link), undefined);
    assert.strictEqual(sb.requests.filter((q) => q.method === 'DELETE').length, 0);
    assert.strictEqual(messages.messages.length, 0);
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
