// The link model checks itself: a server that answers a link type the other
// way round from the documentation is noticed from a create's answer, logged
// once, and read the observed way from then on (over real HTTP, sandbox).
import * as assert from 'node:assert/strict';
import { startSandbox, type SandboxServer } from '../../sandbox/server';
import { sandboxClient } from '../sandboxClient';
import { TrackerClient } from '../../../src/tracker/client';
import { LinkOrientation } from '../../../src/links/orientation';
import { groupIdOfLink, relationshipOfLink } from '../../../src/links/relationships';
import type { IssueLink } from '../../../src/tracker/types';

describe('links/orientation: the observed orientation wins, once warned', function () {
  this.timeout(10_000);
  let sb: SandboxServer;
  let warnings: string[];
  let client: TrackerClient;

  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(() => {
    sb.reset();
    warnings = [];
    client = sandboxClient(sb, { language: () => 'en', timeoutMs: 2000 }, new LinkOrientation((m) => warnings.push(m)));
  });

  const sub = (links: IssueLink[], key: string) => links.find((l) => l.object.key === key);

  it('a documented server: no warning, TREK-12 lists its sub-issues under Sub-issues and its parent under Parent', async () => {
    const created = await client.createIssueLink('TREK-23', 'is parent task for', 'OPS-4');
    assert.equal(created.direction, 'outward');
    assert.deepEqual(warnings, []);
    const links = await client.getIssueLinks('TREK-12');
    assert.equal(groupIdOfLink(sub(links, 'TREK-16') as IssueLink), 'subIssues');
    assert.equal(groupIdOfLink(sub(links, 'TREK-10') as IssueLink), 'parent');
    assert.equal(groupIdOfLink(sub(links, 'TREK-1') as IssueLink), 'epic');
  });

  it('a server answering subtask the other way: warned once, then every list reads right', async () => {
    sb.setDialect({ invertDirections: ['subtask'] });
    // Before any create, the list is taken as it comes (nothing observed yet).
    const before = await client.getIssueLinks('TREK-12');
    assert.equal(groupIdOfLink(sub(before, 'TREK-16') as IssueLink), 'parent', 'unobserved: read as documented');

    const created = await client.createIssueLink('TREK-23', 'is parent task for', 'OPS-4');
    assert.equal(relationshipOfLink(created), 'is parent task for', 'the answer is normalized');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /subtask.*answered "inward".*documentation says "outward"/);

    const after = await client.getIssueLinks('TREK-12');
    assert.equal(groupIdOfLink(sub(after, 'TREK-16') as IssueLink), 'subIssues');
    assert.equal(groupIdOfLink(sub(after, 'TREK-10') as IssueLink), 'parent');
    // Other types are untouched.
    assert.equal(groupIdOfLink(sub(after, 'TREK-14') as IssueLink), 'blockedBy');

    await client.createIssueLink('TREK-22', 'is subtask for', 'TREK-23');
    assert.equal(warnings.length, 1, 'the same finding is not logged again');
  });

  it('an import answer checks the model too', async () => {
    sb.setDialect({ invertDirections: ['clone'] });
    const [x, y] = ['TREK-22', 'TREK-20'].map((k) => sb.data.issues.find((i) => i.key === k));
    assert.ok(x && y);
    // Within both issues' lifetimes, as the import requires.
    const at = new Date(Math.max(x.createdAt, y.createdAt) + 1000).toISOString().replace('Z', '+0000');
    const imported = await client.importIssueLink('TREK-22', { relationship: 'original', issue: 'TREK-20', createdAt: at, createdBy: 'alice.morgan' });
    assert.equal(relationshipOfLink(imported), 'original');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /clone/);
  });

  it('a link type the catalogue does not know keeps the server\'s names and lands under Other', async () => {
    const links = await client.getIssueLinks('MOB-2');
    const custom = links.find((l) => l.type.id === 'implements');
    assert.ok(custom, 'the sandbox seeds a custom link type on MOB-2');
    assert.equal(groupIdOfLink(custom), 'other');
    assert.equal(custom.type.outward, 'Implements');
  });
});
