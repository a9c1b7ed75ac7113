import * as assert from 'node:assert/strict';
import { ISSUE_TYPES, STATUSES } from '../../sandbox/catalog';
import { createSeed, type LinkRec } from '../../sandbox/seed';

describe('sandbox: seed data', () => {
  const seed = createSeed();
  const byId = new Map(seed.issues.map((i) => [i.id, i]));
  const key = (id: string): string => byId.get(id)?.key ?? '?';

  it('is deterministic', () => {
    assert.deepEqual(createSeed(), createSeed());
  });

  it('has the queues, about 40 issues and 6 users besides the sandbox user', () => {
    assert.deepEqual(seed.queues.map((q) => q.key), ['TREK', 'WEB', 'MOB', 'OPS', 'LEGAL']);
    assert.ok(seed.issues.length >= 38 && seed.issues.length <= 45, String(seed.issues.length));
    assert.equal(seed.users.length, 7);
    const assignees = new Set(seed.issues.map((i) => i.assignee ?? ''));
    assert.ok(assignees.has(''), 'some issues are unassigned');
    assert.equal(assignees.size, 8);
  });

  it('uses known statuses and types, unique ids, keys and aliases', () => {
    const names = new Set<string>();
    for (const i of seed.issues) {
      assert.ok(STATUSES.some((s) => s.key === i.status), i.key);
      assert.ok(ISSUE_TYPES.some((t) => t.key === i.type), i.key);
      assert.match(i.id, /^[0-9a-f]{24}$/);
      assert.ok(i.updatedAt >= i.createdAt, i.key);
      assert.ok(new Date(i.createdAt).getUTCFullYear() >= 2025, i.key);
      for (const n of [i.key, i.id, ...i.aliases]) {
        assert.equal(names.has(n.toLowerCase()), false, n);
        names.add(n.toLowerCase());
      }
    }
    assert.ok(seed.issues.filter((i) => i.aliases.length).length >= 2);
  });

  it('obeys the link rules the server enforces', () => {
    const pair = (l: LinkRec): string => `${l.type}:${[l.outward, l.inward].sort().join('-')}`;
    const pairs = new Set<string>();
    const parents = new Set<string>();
    const epics = new Set<string>();
    for (const l of seed.links) {
      assert.notEqual(l.outward, l.inward);
      assert.equal(pairs.has(pair(l)), false, `duplicate ${key(l.outward)} ${key(l.inward)}`);
      pairs.add(pair(l));
      const out = byId.get(l.outward);
      const inn = byId.get(l.inward);
      assert.ok(out && inn);
      assert.ok(l.createdAt >= Math.max(out.createdAt, inn.createdAt));
      assert.ok(l.createdAt <= Math.min(out.updatedAt, inn.updatedAt));
      if (l.type === 'subtask') {
        // The parent is the main (outward) side; the child is inward.
        assert.equal(parents.has(l.inward), false, `${inn.key} has two parents`);
        parents.add(l.inward);
      }
      if (l.type === 'epic') {
        assert.equal(out.type, 'epic', `${out.key} is not an epic`);
        assert.equal(epics.has(l.inward), false, `${inn.key} has two epics`);
        epics.add(l.inward);
      }
    }
    assert.equal(new Set(seed.links.map((l) => l.id)).size, seed.links.length);
    assert.ok(seed.nextLinkId > Math.max(...seed.links.map((l) => l.id)));
  });

  it('has projects, portfolios and goals with links among them', () => {
    const count = (t: string): number => seed.entities.filter((e) => e.entityType === t).length;
    assert.ok(count('project') >= 3 && count('portfolio') >= 2 && count('goal') >= 3);
    assert.equal(new Set(seed.entities.map((e) => e.shortId)).size, seed.entities.length);
    assert.ok(seed.entityLinks.length >= 6);
  });

  it('can start empty', () => {
    const empty = createSeed(false);
    assert.deepEqual([empty.issues.length, empty.links.length, empty.entities.length], [0, 0, 0]);
    assert.equal(empty.queues.length, 5);
  });
});
