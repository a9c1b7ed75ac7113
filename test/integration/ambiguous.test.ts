// Ambiguous creates: Tracker handled the request (the link is stored), then
// the answer was lost — a 5xx after the fact, a dropped connection, a
// timeout. The extension must not send the create again; it reads the links
// again and tells the user what is true, and the views and caches show it.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { AddLinkResult } from '../../src/linking/addLink';
import type { ImportFileResult } from '../../src/linking/importFile';
import type { LinkEntitiesResult } from '../../src/linking/linkEntities';
import { choose, shownPick } from './pickHelpers';
import {
  setUserSettings,
  useSandboxSuite,
  waitFor,
  withTimeout,
  type MessageCapture,
  type SandboxServer,
  linksTreeReader,
} from './helpers';


describe('Ambiguous creates (the answer lost after Tracker handled the request)', function () {
  this.timeout(40000);
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let messages: MessageCapture;
  let dir: string;

  const { tree, children, root } = linksTreeReader(() => t);
  /** The keys the tree lists under the root's "Relates" group. */
  const relatesInTree = async (): Promise<string[]> => {
    const group = (await children(await root())).find((n) => n.kind === 'group' && n.info.id === 'relates');
    return group ? ((await children(group)) as Array<{ key: string }>).map((l) => l.key) : [];
  };
  const pin = async (key: string) => {
    await t.services.current.pin(key);
    await waitFor(() => t.services.current.current?.key === key, 5000, `${key} to become current`);
    await t.services.store.getIssue(key);
    sb.requests.splice(0);
  };
  const count = (method: string, p: string) => sb.requests.filter((r) => r.method === method && r.path === p).length;
  const linksTo = (from: string, to: string) => sb.linksOf(from).filter((l) => l.other === to);
  /** Requests for `p` made after the first POST (the view, shown, reads on its own before it). */
  const readsAfterPost = (p: string) => sb.requests.slice(sb.requests.findIndex((r) => r.method === 'POST')).filter((r) => r.method === 'GET' && r.path === p).length;

  const linkToCurrent = async (target: string, relationship: string): Promise<AddLinkResult> => {
    const done = Promise.resolve(vscode.commands.executeCommand<AddLinkResult>('tracker.linkToCurrent', target));
    await choose(await shownPick('addLink.relationship'), relationship);
    return withTimeout(done, 20000, 'the add-link flow');
  };
  const CSV_HEADER = 'source,relationship,target,createdBy,createdAt\n';
  const importFile = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return Promise.resolve(vscode.commands.executeCommand<ImportFileResult>('tracker.importLinksFromFile', vscode.Uri.file(file)));
  };

  // The links view is shown: after a create it must reload on its own.
  useSandboxSuite({ settings: { branchDetection: false, requestTimeoutSeconds: undefined, queues: ['TREK'] }, view: 'links', tempDir: 'tracker-ambiguous-', strict: true, bind: (s) => ({ t, sb, messages, dir } = s) });

  /** Add Link TREK-12 → relates → TREK-23 with the answer lost as `after` says; checks everything the user and the server see. */
  async function addLinkAnswerLost(after: { kind: 'drop' | 'stall' | 'status' | 'truncated'; status?: 502 | 503 | 504 }) {
    await pin('TREK-12');
    assert.ok(!(await relatesInTree()).includes('TREK-23'), 'not linked yet, and the tree has cached that');
    const changed = new Promise<void>((resolve) => {
      const sub = tree().onDidChangeTreeData(() => {
        sub.dispose();
        resolve();
      });
    });
    sb.setFaults({ afterHandling: { count: 1, ...after }, match: { method: 'POST', path: '/v2/issues/TREK-12/links' } });
    const result = await linkToCurrent('TREK-23', 'Relates to');

    assert.deepStrictEqual([result.created, result.answerLost, result.failed, result.unknown], [['TREK-23'], ['TREK-23'], [], []]);
    const post = sb.requests.filter((r) => r.method === 'POST' && r.path === '/v2/issues/TREK-12/links');
    assert.strictEqual(post.length, 1, 'the create was sent once, never repeated');
    assert.strictEqual(post[0].handledStatus, 201);
    assert.strictEqual(linksTo('TREK-12', 'TREK-23').length, 1, 'exactly one link');
    assert.ok(count('GET', '/v2/issues/TREK-12/links') >= 1, 'checked by reading the links');

    const m = await messages.wait(/TREK-23/);
    assert.strictEqual(m.kind, 'info');
    assert.strictEqual(m.text, "TREK-12 relates to TREK-23 — created (Tracker's answer was lost).");
    assert.ok(!messages.messages.some((x) => x.kind === 'error'), 'nobody says it failed');

    // The view reloads by itself and shows the link (its cached list was dropped).
    await withTimeout(changed, 5000, 'the links view to reload');
    assert.ok((await relatesInTree()).includes('TREK-23'), 'the tree shows the new link');
    return result;
  }

  it('add link, connection dropped after Tracker stored it: one POST, one link, reported created, the tree shows it', async () => {
    await addLinkAnswerLost({ kind: 'drop' });
  });

  it('add link, the 201 answer cut off (not valid JSON) after Tracker stored it: settled by reading, reported created, the tree shows it', async () => {
    await addLinkAnswerLost({ kind: 'truncated' });
  });

  it('add link, 503 after Tracker stored it: one POST, one link, reported created, the tree shows it', async () => {
    await addLinkAnswerLost({ kind: 'status', status: 503 });
  });

  it('add link, no answer within tracker.requestTimeoutSeconds = 1 after Tracker stored it: reported created', async () => {
    await setUserSettings({ requestTimeoutSeconds: 1 });
    try {
      await waitFor(() => t.services.settings.timeoutMs === 1000, 5000, 'the 1 s timeout');
      await addLinkAnswerLost({ kind: 'stall' });
    } finally {
      await setUserSettings({ requestTimeoutSeconds: undefined });
    }
  });

  it('a real failure (503 before handling) is still a failure: one POST, no link, the summary says so', async () => {
    await pin('TREK-12');
    await root();
    sb.setFaults({ serverError: { count: 1, status: 503 }, match: { method: 'POST' } });
    const result = await linkToCurrent('TREK-23', 'Relates to');
    assert.deepStrictEqual([result.created, result.answerLost, result.failed.map((f) => f.key), result.unknown], [[], [], ['TREK-23'], []]);
    const m = await messages.wait(/^No link was created\./);
    assert.strictEqual(m.kind, 'error');
    assert.match(m.text, /TREK-23: Tracker is unavailable right now \(HTTP 503\)/);
    assert.strictEqual(count('POST', '/v2/issues/TREK-12/links'), 1);
    assert.strictEqual(readsAfterPost('/v2/issues/TREK-12/links'), 1, 'checked once by reading the links');
    assert.deepStrictEqual(linksTo('TREK-12', 'TREK-23'), []);
  });

  it('a 4xx is not ambiguous: no check, reported as refused', async () => {
    await pin('TREK-12');
    await root();
    sb.setFaults({ httpError: { count: 1, status: 422, errors: { issue: 'refused' } }, match: { method: 'POST' } });
    const result = await linkToCurrent('TREK-23', 'Relates to');
    assert.deepStrictEqual([result.created, result.failed.map((f) => f.key)], [[], ['TREK-23']]);
    await messages.wait(/^No link was created\. TREK-23: Tracker rejected "issue": refused/);
    assert.strictEqual(readsAfterPost('/v2/issues/TREK-12/links'), 0, 'a refusal is not checked');
  });

  it('answer lost and the check fails too: "unknown", the caches and the tree refreshed, the link shown once Tracker answers', async function () {
    this.timeout(60000);
    await setUserSettings({ requestTimeoutSeconds: 1 });
    try {
      await waitFor(() => t.services.settings.timeoutMs === 1000, 5000, 'the 1 s timeout');
      await pin('TREK-12');
      assert.ok(!(await relatesInTree()).includes('TREK-23'));
      const events: string[][] = [];
      const sub = t.services.events.onDidChangeIssueLinks((e) => events.push(e.keys));
      try {
        sb.setFaults({ afterHandling: { count: 1, kind: 'stall' }, match: { method: 'POST', path: '/v2/issues/TREK-12/links' } });
        const pending = linkToCurrent('TREK-23', 'Relates to');
        // While the create waits for its lost answer, the reads start failing (a refusal is not retried).
        await waitFor(() => sb.requests.some((r) => r.method === 'POST' && r.handledStatus === 201), 5000, 'the create to be stored');
        sb.setFaults({ httpError: { count: 1000, status: 403, message: 'Denied for now' }, match: { method: 'GET', path: '/v2/issues/TREK-12/links' } });
        const result = await pending;
        assert.deepStrictEqual([result.created, result.failed], [[], []]);
        assert.deepStrictEqual(result.unknown.map((u) => u.key), ['TREK-23']);
        const m = await messages.wait(/unknown whether it was created/);
        assert.strictEqual(m.kind, 'warning');
        assert.strictEqual(
          m.text,
          "TREK-12 relates to TREK-23 — unknown whether it was created: Tracker's answer was lost (no answer in time) and reading the links again failed too (access denied). Refresh and check before trying again.",
        );
        assert.ok(events.some((keys) => keys.includes('TREK-12') && keys.includes('TREK-23')), `refreshed: ${JSON.stringify(events)}`);
        assert.strictEqual(count('POST', '/v2/issues/TREK-12/links'), 1);
        assert.strictEqual(linksTo('TREK-12', 'TREK-23').length, 1);
      } finally {
        sub.dispose();
      }
      // Nothing stale stays cached: once Tracker answers, the tree shows the link without a manual refresh.
      sb.resetFaults();
      await waitFor(async () => (await relatesInTree()).includes('TREK-23'), 10000, 'the tree to show TREK-23');
    } finally {
      await setUserSettings({ requestTimeoutSeconds: undefined });
    }
  });

  it('entity links: one array POST dropped after handling — the check finds both links, reported created, one event', async () => {
    const idOf = (shortId: number) => {
      const e = sb.data.entities.find((x) => x.shortId === shortId);
      assert.ok(e, `no entity #${shortId}`);
      return e.id;
    };
    const events: Array<{ type: string; ids: string[] }> = [];
    const sub = t.services.events.onDidChangeEntityLinks((e) => events.push(e));
    try {
      sb.setFaults({ afterHandling: { count: 1, kind: 'drop' }, match: { method: 'POST', path: '/links' } });
      const done = Promise.resolve(vscode.commands.executeCommand<LinkEntitiesResult>('tracker.linkEntities'));
      await choose(await shownPick('linkEntities.type'), 'Project');
      await choose(await shownPick('linkEntities.source'), 'Marketplace launch');
      await choose(await shownPick('linkEntities.relationship'), 'Relates to');
      await choose(await shownPick('linkEntities.targetType'), 'Project');
      await choose(await shownPick('linkEntities.targets'), 'Issue key detection', 'API gateway hardening');
      const r = await withTimeout(done, 20000, 'the link-entities flow');
      assert.deepStrictEqual([r.created, r.answerLost, r.error, r.unknown], [[idOf(2), idOf(5)], true, undefined, undefined]);
      const posts = sb.requests.filter((q) => q.method === 'POST' && /\/entities\/project\/[^/]+\/links$/.test(q.path));
      assert.strictEqual(posts.length, 1, 'one request, not repeated');
      assert.strictEqual(posts[0].handledStatus, 200);
      assert.ok(Array.isArray(posts[0].body));
      const linked = sb.entityLinksOf('project', idOf(3)).filter((l) => l.relationship === 'relates').map((l) => l.entity);
      assert.deepStrictEqual(linked.filter((id) => id === idOf(2) || id === idOf(5)).sort(), [idOf(2), idOf(5)].sort(), 'each link once');
      const m = await messages.wait(/created \(Tracker's answer was lost\)/);
      assert.strictEqual(m.kind, 'info');
      assert.strictEqual(m.text, "Marketplace launch relates to Issue key detection, API gateway hardening — created (Tracker's answer was lost).");
      assert.deepStrictEqual(events, [{ type: 'project', ids: [idOf(3), idOf(2), idOf(5)] }]);
    } finally {
      sub.dispose();
    }
  });

  it('entity links: answer lost and the check finds the project gone (404): "unknown", the reason "not found" said of any kind', async function () {
    this.timeout(60000);
    await setUserSettings({ requestTimeoutSeconds: 1 });
    try {
      await waitFor(() => t.services.settings.timeoutMs === 1000, 5000, 'the 1 s timeout');
      sb.setFaults({ afterHandling: { count: 1, kind: 'stall' }, match: { method: 'POST', path: '/links' } });
      const done = Promise.resolve(vscode.commands.executeCommand<LinkEntitiesResult>('tracker.linkEntities'));
      await choose(await shownPick('linkEntities.type'), 'Project');
      await choose(await shownPick('linkEntities.source'), 'Marketplace launch');
      await choose(await shownPick('linkEntities.relationship'), 'Relates to');
      await choose(await shownPick('linkEntities.targetType'), 'Project');
      await choose(await shownPick('linkEntities.targets'), 'Issue key detection');
      // While the create waits for its lost answer, the project's links stop being found.
      await waitFor(() => sb.requests.some((r) => r.method === 'POST' && r.handledStatus !== undefined), 5000, 'the create to be handled');
      sb.setFaults({ httpError: { count: 1000, status: 404, message: 'Entity not found' }, match: { method: 'GET', path: '/links' } });
      const r = await withTimeout(done, 20000, 'the link-entities flow');
      assert.strictEqual(r.unknown, true);
      const m = await messages.wait(/unknown whether it was created/);
      assert.strictEqual(m.kind, 'warning');
      assert.strictEqual(
        m.text,
        "Marketplace launch relates to Issue key detection — unknown whether it was created: Tracker's answer was lost (no answer in time) and reading the links again failed too (not found). Refresh and check before trying again.",
      );
    } finally {
      sb.resetFaults();
      await setUserSettings({ requestTimeoutSeconds: undefined });
    }
  });

  it('import from file: a row hit after handling counts as created (not failed), and a re-run skips it', async () => {
    const csv = `${CSV_HEADER}TREK-15,relates,TREK-23,alice.morgan,2026-03-01T10:00:00Z\nTREK-15,depends on,TREK-12,alice.morgan,2026-03-01T10:00:00Z\n`;
    sb.setFaults({ afterHandling: { count: 1, kind: 'status', status: 502 }, match: { method: 'POST', path: '/links/_import' } });
    const first = await importFile('lost.csv', csv);
    assert.deepStrictEqual(
      [first.created, first.answerLost, first.skipped, first.failed, first.unknown],
      [2, 1, 0, [], 0],
      JSON.stringify(first.failed),
    );
    assert.strictEqual(count('POST', '/v2/issues/TREK-15/links/_import'), 2, 'each row sent once');
    assert.strictEqual(linksTo('TREK-15', 'TREK-23').length, 1);
    assert.strictEqual(linksTo('TREK-15', 'TREK-12').length, 1);
    const m = await messages.wait(/^lost\.csv: 2 created/);
    assert.strictEqual(m.kind, 'info');
    assert.match(m.text, /1 of them created although Tracker's answer was lost/);
    const log = fs.readFileSync(path.join(dir, 'lost.csv.import-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; linkId?: number });
    assert.deepStrictEqual(log.map((l) => l.outcome), ['created', 'created']);
    assert.ok(log.every((l) => typeof l.linkId === 'number'), 'the found link is in the result log');

    sb.resetFaults();
    const again = await importFile('lost.csv', csv);
    assert.deepStrictEqual([again.created, again.skipped, again.failed.length], [0, 2, 0]);
    assert.strictEqual(count('POST', '/v2/issues/TREK-15/links/_import'), 2, 'nothing sent again');
  });
});
