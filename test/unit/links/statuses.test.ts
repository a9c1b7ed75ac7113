import { strict as assert } from 'node:assert';
import { startSandbox, type SandboxServer } from '../../sandbox/server';
import { sandboxClient } from '../sandboxClient';
import type { TrackerClient } from '../../../src/tracker/client';
import { LinkStore } from '../../../src/links/store';
import {
  categoryOfType,
  deadlineConflict,
  deadlinePartners,
  openBlockers,
  progressOf,
  resolvedBlockers,
  StatusCatalog,
} from '../../../src/links/statuses';
import { groupLinks } from '../../../src/links/grouping';
import type { LinkGroupId } from '../../../src/links/relationships';
import type { IssueLink, Status } from '../../../src/tracker/types';
import { makeLink } from './fixtures';

/** The links of one group, as the links tree shows them. */
function group(links: readonly IssueLink[], id: LinkGroupId): IssueLink[] {
  return groupLinks(links).find((g) => g.group.id === id)?.links ?? [];
}

const LIST: Status[] = [
  { id: 1, key: 'open', type: 'new' },
  { id: 2, key: 'accepted', type: 'done' },
  { id: 3, key: 'wontFix', type: 'cancelled' },
  // A key the guess would call done, which this organisation uses for work still going on.
  { id: 4, key: 'resolved', type: 'inProgress' },
  { id: 5, key: 'strange', type: 'somethingNew' },
];

describe('links/statuses', () => {
  describe('categories', () => {
    it('the documented types map to categories; cancelled is finished work', () => {
      assert.deepEqual(
        ['new', 'inProgress', 'paused', 'done', 'cancelled', 'other', undefined].map(categoryOfType),
        ['new', 'inProgress', 'paused', 'done', 'done', undefined, undefined],
      );
    });

    it("the server's type wins over the key; only unlisted statuses are guessed, each reported once", () => {
      const guesses: Array<[string, string]> = [];
      const c = new StatusCatalog(LIST, (k, cat) => guesses.push([k, cat]));
      assert.equal(c.categoryOf({ key: 'accepted' }), 'done', 'no key table knows "accepted"');
      assert.equal(c.categoryOf({ key: 'resolved' }), 'inProgress', 'the list overrides the key');
      assert.equal(c.categoryOf({ id: '3', key: 'renamedWontFix' }), 'done', 'by id when the key is unknown');
      assert.equal(c.categoryOf('Open'), 'new', 'keys compare without case');
      assert.deepEqual(guesses, []);
      assert.equal(c.categoryOf({ key: 'closed' }), 'done');
      assert.equal(c.categoryOf({ key: 'closed' }), 'done');
      assert.equal(c.categoryOf({ key: 'strange' }), 'unknown', 'an unknown type is not a category');
      assert.deepEqual(guesses, [['closed', 'done'], ['strange', 'unknown']]);
      assert.equal(c.categoryOf(undefined), 'unknown');
      assert.equal(c.size, 4);
    });

    it('without a list, everything is a reported guess', () => {
      const guesses: string[] = [];
      const c = new StatusCatalog(undefined, (k) => guesses.push(k));
      assert.equal(c.categoryOf({ key: 'accepted' }), 'unknown');
      assert.equal(c.categoryOf({ key: 'inProgress' }), 'inProgress');
      assert.deepEqual(guesses, ['accepted', 'inProgress']);
    });

    it('groupLinks orders by the categories it is given (done sinks)', () => {
      const c = new StatusCatalog(LIST);
      const links = [makeLink('subtask', 'outward', 'A-1', 'accepted'), makeLink('subtask', 'outward', 'A-2', 'open')];
      const [byGuess] = groupLinks(links);
      const [byServer] = groupLinks(links, (l) => c.categoryOf(l.status));
      assert.deepEqual(byGuess.links.map((l) => l.object.key), ['A-2', 'A-1'], '"accepted" is unknown to the guess, before done');
      assert.deepEqual(byServer.links.map((l) => l.object.key), ['A-2', 'A-1']);
      const both = [makeLink('subtask', 'outward', 'B-1', 'resolved'), makeLink('subtask', 'outward', 'B-2', 'accepted')];
      assert.deepEqual(groupLinks(both, (l) => c.categoryOf(l.status))[0].links.map((l) => l.object.key), ['B-1', 'B-2'], 'resolved is in progress here');
      assert.deepEqual(groupLinks(both)[0].links.map((l) => l.object.key), ['B-2', 'B-1'], 'the guess thinks resolved is done');
    });
  });

  describe('what the links say', () => {
    const c = new StatusCatalog(LIST);
    const links: IssueLink[] = [
      makeLink('depends', 'outward', 'T-1', 'open'),
      makeLink('depends', 'outward', 'T-2', 'accepted'),
      makeLink('depends', 'outward', 'T-3', 'resolved'),
      makeLink('depends', 'inward', 'T-4', 'open'),
      makeLink('subtask', 'outward', 'T-5', 'wontFix'),
      makeLink('subtask', 'outward', 'T-6', 'open'),
    ];

    it('open blockers: what it depends on that is not done (not what depends on it)', () => {
      assert.deepEqual(openBlockers(links, c.categoryOf).map((l) => l.object.key), ['T-1', 'T-3']);
    });

    it('progress of a group counts done and open', () => {
      assert.deepEqual(progressOf(group(links, 'subIssues'), c.categoryOf), { total: 2, done: 1, open: 1 });
      assert.deepEqual(progressOf(group(links, 'blockedBy'), c.categoryOf), { total: 3, done: 1, open: 2 });
      assert.deepEqual(progressOf([], c.categoryOf), { total: 0, done: 0, open: 0 });
    });

    it('a resolved blocker: open before, done after; a removed one is no news', () => {
      const after = links.map((l) => (l.object.key === 'T-1' ? { ...l, status: { key: 'accepted' } } : l)).filter((l) => l.object.key !== 'T-3');
      assert.deepEqual(resolvedBlockers(links, after, c.categoryOf), ['T-1']);
      assert.deepEqual(resolvedBlockers(links, links, c.categoryOf), []);
      assert.deepEqual(resolvedBlockers([], after, c.categoryOf), [], 'no "before": nothing was known open');
    });

    it('deadlines: a dependent due before an open blocker is a conflict', () => {
      const open = { key: 'open' };
      assert.equal(deadlineConflict({ deadline: '2026-11-19' }, { deadline: '2026-11-20', status: open }, c.categoryOf), true, 'one day before');
      assert.equal(deadlineConflict({ deadline: '20.11.2026' }, { deadline: '2026-12-10', status: open }, c.categoryOf), false, 'an unreadable deadline is no conflict');
      assert.equal(deadlineConflict({ deadline: '2026-11-20' }, { deadline: '10.12.2026', status: open }, c.categoryOf), false);
      assert.equal(deadlineConflict({ deadline: '2026-11-20' }, { status: open }, c.categoryOf), false, 'no deadline is no conflict');
      assert.equal(deadlineConflict({ deadline: '2026-11-20' }, { deadline: '2026-12-10', status: open }, c.categoryOf), true);
      assert.equal(deadlineConflict({ deadline: '2026-11-20' }, { deadline: '2026-11-20', status: open }, c.categoryOf), false, 'the same day is fine');
      assert.equal(deadlineConflict({ deadline: '2026-11-20' }, { deadline: '2026-10-10', status: open }, c.categoryOf), false);
      assert.equal(deadlineConflict({ deadline: '2026-11-20' }, { deadline: '2026-12-10', status: { key: 'accepted' } }, c.categoryOf), false, 'a done blocker holds nothing up');
      assert.equal(deadlineConflict({}, { deadline: '2026-12-10', status: open }, c.categoryOf), false);
      assert.deepEqual(deadlinePartners(links), ['T-1', 'T-2', 'T-3', 'T-4']);
    });
  });

  describe('over the sandbox (real HTTP)', () => {
    let sb: SandboxServer;
    let client: TrackerClient;
    before(async () => {
      sb = await startSandbox();
      client = sandboxClient(sb, { retry: { maxRetries: 0 } });
    });
    after(() => sb.close());
    beforeEach(() => sb.reset());

    it("the sandbox's list classifies every seeded status without a guess, and knows what no key says", async () => {
      const guesses: string[] = [];
      const c = new StatusCatalog(await client.statuses(), (k) => guesses.push(k));
      assert.equal(sb.countRequests({ method: 'GET', path: '/statuses' }), 1);
      for (const i of sb.data.issues) c.categoryOf({ key: i.status });
      assert.deepEqual(guesses, []);
      assert.equal(c.categoryOf({ key: 'accepted' }), 'done');
      assert.equal(c.categoryOf({ key: 'wontFix' }), 'done');
      assert.equal(c.categoryOf({ key: 'needInfo' }), 'paused');
    });

    it("TREK-12: one open blocker of two, and due before it (the seed's deadlines)", async () => {
      const c = new StatusCatalog(await client.statuses());
      const store = new LinkStore(() => client);
      const links = await store.getLinks('TREK-12');
      assert.deepEqual(group(links, 'blockedBy').map((l) => l.object.key).sort(), ['TREK-11', 'TREK-14']);
      assert.deepEqual(openBlockers(links, c.categoryOf).map((l) => l.object.key), ['TREK-14']);
      const issues = await store.getIssues(['TREK-12', ...deadlinePartners(links)]);
      assert.equal(sb.countRequests({ method: 'POST', path: '/issues/_search' }), 1, 'one search for all their deadlines');
      const me = issues.get('TREK-12');
      assert.equal(me?.deadline, '2026-11-20');
      assert.equal(deadlineConflict(me, issues.get('TREK-14'), c.categoryOf), true, 'TREK-12 is due before its open blocker TREK-14');
      assert.equal(deadlineConflict(me, issues.get('TREK-11'), c.categoryOf), false, 'TREK-11 is resolved');
      assert.equal(deadlineConflict(issues.get('TREK-19'), me, c.categoryOf), true, 'TREK-19 is due before its blocker TREK-12');
      assert.equal(deadlineConflict(issues.get('TREK-20'), me, c.categoryOf), false);
    });
  });
});
