// `Tracker: Link Entities…` end to end: type → source (search / typed
// number) → relationship (the documented values) → the targets' kind (any)
// → one or more targets, all created in ONE request whose body the sandbox
// recorded.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { LinkEntitiesResult } from '../../src/linking/linkEntities';
import { choose, shownPick } from './pickHelpers';
import {
  nextInput,
  pressBack,
  pressEscape,
  useSandboxSuite,
  withTimeout,
  type MessageCapture,
  type SandboxServer,
} from './helpers';

describe('Link Entities (real quick picks, sandbox Tracker)', () => {
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let messages: MessageCapture;

  const run = () => Promise.resolve(vscode.commands.executeCommand<LinkEntitiesResult>('tracker.linkEntities'));
  const finish = (p: Promise<LinkEntitiesResult>) => withTimeout(p, 20000, 'the link-entities flow');
  const idOf = (shortId: number) => {
    const e = sb.data.entities.find((x) => x.shortId === shortId);
    assert.ok(e, `no entity #${shortId}`);
    return e.id;
  };
  const linkPosts = () => sb.requests.filter((r) => r.method === 'POST' && /\/entities\/\w+\/[^/]+\/links$/.test(r.path));

  useSandboxSuite({ bind: (s) => ({ t, sb, messages } = s) });

  it('a project linked to two projects: ONE request with an array body, one summary, one event', async () => {
    const events: Array<{ type: string; ids: string[] }> = [];
    const sub = t.services.events.onDidChangeEntityLinks((e) => events.push(e));
    try {
      const done = run();
      const type = await shownPick('linkEntities.type');
      assert.deepStrictEqual(type.items.map((i) => i.label), ['Project', 'Portfolio', 'Goal']);
      await choose(type, 'Project');
      const source = await shownPick('linkEntities.source');
      assert.deepStrictEqual([source.step, source.totalSteps], [2, 5]);
      await choose(source, 'Marketplace launch');
      const rel = await shownPick('linkEntities.relationship');
      assert.deepStrictEqual(rel.items.map((i) => i.label), ['Relates to', 'Blocked by (depends on)', 'Blocks']);
      assert.strictEqual(rel.items[1].description, 'Marketplace launch depends on …');
      await choose(rel, 'Relates to');
      const kind = await shownPick('linkEntities.targetType');
      assert.deepStrictEqual(kind.items.map((i) => i.label), ['Project', 'Portfolio', 'Goal'], 'the source’s own kind first');
      await choose(kind, 'Project');
      const targets = await shownPick('linkEntities.targets');
      assert.strictEqual(targets.canSelectMany, true);
      const labels = targets.items.map((i) => i.label);
      assert.ok(!labels.includes('Marketplace launch'), 'not the source itself');
      assert.ok(!labels.includes('Tracker Links for VS Code'), 'not one it is already linked to');
      await choose(targets, 'Issue key detection', 'API gateway hardening');
      const r = await finish(done);
      assert.deepStrictEqual(r.created, [idOf(2), idOf(5)]);
      const posts = linkPosts();
      assert.strictEqual(posts.length, 1, 'one request for all targets');
      assert.strictEqual(posts[0].path, `/v2/entities/project/${idOf(3)}/links`);
      assert.deepStrictEqual(posts[0].body, [
        { relationship: 'relates', entity: idOf(2) },
        { relationship: 'relates', entity: idOf(5) },
      ]);
      assert.deepStrictEqual(
        sb.entityLinksOf('project', idOf(3)).filter((l) => l.relationship === 'relates').map((l) => l.entity).sort(),
        [idOf(2), idOf(5)].sort(),
      );
      const m = await messages.wait(/^Linked: /);
      assert.strictEqual(m.text, 'Linked: Marketplace launch relates to Issue key detection, API gateway hardening.');
      assert.deepStrictEqual(events, [{ type: 'project', ids: [idOf(3), idOf(2), idOf(5)] }]);
    } finally {
      sub.dispose();
    }
  });

  it('goals: a typed number is accepted, the documented relationships are offered, one target = one object body', async () => {
    const done = run();
    await choose(await shownPick('linkEntities.type'), 'Goal');
    await choose(await shownPick('linkEntities.source', '11'), '11');
    const rel = await shownPick('linkEntities.relationship');
    // en/tracker/concepts/entities/links/add-links.md names these three, for every kind.
    assert.deepStrictEqual(rel.items.map((i) => i.label), ['Relates to', 'Blocked by (depends on)', 'Blocks']);
    await choose(rel, 'Blocks');
    const kind = await shownPick('linkEntities.targetType');
    assert.deepStrictEqual(kind.items.map((i) => i.label), ['Goal', 'Project', 'Portfolio']);
    await choose(kind, 'Goal');
    const targets = await shownPick('linkEntities.targets');
    const labels = targets.items.map((i) => i.label);
    assert.ok(!labels.includes('Reach 1,000 weekly active users'), 'the typed source (#11) is not offered');
    assert.ok(!labels.includes('Ship Tracker Links 1.0 by Q1 2027'), '#8 is already linked to #11');
    await choose(targets, 'No lost links during migrations');
    const r = await finish(done);
    assert.strictEqual(r.error, undefined);
    const posts = linkPosts();
    assert.deepStrictEqual(posts.map((p) => [p.path, p.body]), [['/v2/entities/goal/11/links', { relationship: 'is dependent by', entity: idOf(12) }]]);
    assert.ok(sb.entityLinksOf('goal', idOf(11)).some((l) => l.relationship === 'is dependent by' && l.entity === idOf(12)));
  });

  it('across kinds: a project blocked by a goal; the goals it is already linked to are not offered', async () => {
    const done = run();
    await choose(await shownPick('linkEntities.type'), 'Project');
    await choose(await shownPick('linkEntities.source'), 'Marketplace launch');
    await choose(await shownPick('linkEntities.relationship'), 'Blocked by (depends on)');
    await choose(await shownPick('linkEntities.targetType'), 'Goal');
    const targets = await shownPick('linkEntities.targets');
    const labels = targets.items.map((i) => i.label);
    assert.ok(labels.includes('Halve context switching for developers'), 'goals are offered');
    assert.ok(!labels.includes('Issue key detection'), 'projects are not');
    assert.ok(!labels.includes('Reach 1,000 weekly active users'), 'goal #11 already blocks the project');
    assert.ok(sb.requests.some((q) => q.method === 'POST' && q.path === '/v2/entities/goal/_search'));
    await choose(targets, 'Halve context switching for developers');
    const r = await finish(done);
    assert.deepStrictEqual([r.targetType, r.created], ['goal', [idOf(9)]]);
    assert.deepStrictEqual(linkPosts().map((p) => [p.path, p.body]), [[`/v2/entities/project/${idOf(3)}/links`, { relationship: 'depends on', entity: idOf(9) }]]);
    assert.ok(sb.entityLinksOf('goal', idOf(9)).some((l) => l.relationship === 'is dependent by' && l.entity === idOf(3)));
    const m = await messages.wait(/^Linked: /);
    assert.strictEqual(m.text, 'Linked: Marketplace launch depends on Halve context switching for developers.');
  });

  it('across kinds, a typed number names an entity of the chosen kind: sent as its id, or nothing when there is none', async () => {
    const done = run();
    await choose(await shownPick('linkEntities.type'), 'Portfolio');
    await choose(await shownPick('linkEntities.source'), 'Platform Reliability');
    await choose(await shownPick('linkEntities.relationship'), 'Relates to');
    await choose(await shownPick('linkEntities.targetType'), 'Goal');
    await choose(await shownPick('linkEntities.targets', '10'), '10');
    const r = await finish(done);
    assert.deepStrictEqual(r.created, [idOf(10)]);
    assert.ok(sb.requests.some((q) => q.method === 'GET' && q.path === '/v2/entities/goal/10'), 'the number is looked up as a goal');
    assert.deepStrictEqual(linkPosts().map((p) => [p.path, p.body]), [[`/v2/entities/portfolio/${idOf(7)}/links`, { relationship: 'relates', entity: idOf(10) }]]);
    assert.strictEqual((await messages.wait(/^Linked: /)).text, 'Linked: Platform Reliability relates to Migrate all legacy links with their authorship.');

    sb.reset();
    const again = run();
    await choose(await shownPick('linkEntities.type'), 'Portfolio');
    await choose(await shownPick('linkEntities.source'), 'Platform Reliability');
    await choose(await shownPick('linkEntities.relationship'), 'Relates to');
    await choose(await shownPick('linkEntities.targetType'), 'Goal');
    await choose(await shownPick('linkEntities.targets', '99'), '99');
    const none = await finish(again);
    assert.deepStrictEqual(none.created, []);
    assert.strictEqual(linkPosts().length, 0);
    const err = await messages.wait(/^No link was created: /);
    assert.strictEqual(err.text, 'No link was created: Goal 99 was not found in Tracker.');
  });

  it('a refused request is reported once and nothing is half-done', async () => {
    sb.setFaults({ serverError: { count: 1, status: 500 }, match: { method: 'POST', path: '/links' } });
    const done = run();
    await choose(await shownPick('linkEntities.type'), 'Project');
    await choose(await shownPick('linkEntities.source'), 'Legacy Jira link migration');
    await choose(await shownPick('linkEntities.relationship'), 'Blocks');
    await choose(await shownPick('linkEntities.targetType'), 'Project');
    await choose(await shownPick('linkEntities.targets'), 'Issue key detection');
    const r = await finish(done);
    assert.deepStrictEqual(r.created, []);
    assert.strictEqual(linkPosts().length, 1, 'a POST is not repeated after a 500');
    const m = await messages.wait(/^No link was created: /);
    assert.strictEqual(m.kind, 'error');
    assert.match(m.text, /HTTP 500/);
    assert.ok(!sb.entityLinksOf('project', idOf(4)).some((l) => l.entity === idOf(2)));
  });

  it('Back goes to the previous step; Escape sends no link', async () => {
    const done = run();
    await choose(await shownPick('linkEntities.type'), 'Project');
    await nextInput('linkEntities.source');
    await pressBack();
    await choose(await shownPick('linkEntities.type'), 'Goal');
    await choose(await shownPick('linkEntities.source'), 'Ship Tracker Links 1.0 by Q1 2027');
    await choose(await shownPick('linkEntities.relationship'), 'Relates to');
    await choose(await shownPick('linkEntities.targetType'), 'Goal');
    await nextInput('linkEntities.targets');
    await pressEscape();
    const r = await finish(done);
    assert.strictEqual(r.cancelled, true);
    assert.strictEqual(linkPosts().length, 0);
  });
});
