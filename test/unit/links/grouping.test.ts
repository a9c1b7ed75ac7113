import * as assert from 'node:assert/strict';
import { groupLinks, statusCategory, type StatusCategory } from '../../../src/links/grouping';
import { LINK_GROUPS, type LinkGroupId } from '../../../src/links/relationships';
import type { IssueLink } from '../../../src/tracker/types';
import { makeLink } from './fixtures';

const CASES: [string, 'outward' | 'inward', LinkGroupId][] = [
  ['subtask', 'inward', 'parent'],
  ['subtask', 'outward', 'subIssues'],
  ['epic', 'inward', 'epic'],
  ['epic', 'outward', 'epicIssues'],
  ['depends', 'outward', 'blockedBy'],
  ['depends', 'inward', 'blocks'],
  ['duplicates', 'outward', 'duplicates'],
  ['duplicates', 'inward', 'duplicatedBy'],
  ['clone', 'inward', 'cloneOf'],
  ['clone', 'outward', 'clones'],
  ['relates', 'outward', 'relates'],
  ['relates', 'inward', 'relates'],
  ['somethingCustom', 'outward', 'other'],
  ['somethingCustom', 'inward', 'other'],
];

describe('links/grouping', () => {
  describe('one group per link type and direction', () => {
    for (const [typeId, direction, group] of CASES) {
      it(`${typeId}/${direction} → ${group}`, () => {
        const groups = groupLinks([makeLink(typeId, direction, 'TREK-1')]);
        assert.equal(groups.length, 1);
        assert.equal(groups[0].group.id, group);
        assert.equal(groups[0].count, 1);
      });
    }
  });

  it('groups come in the fixed order, whatever the input order', () => {
    const links = CASES.map(([t, d], i) => makeLink(t, d, `TREK-${i + 1}`)).reverse();
    const groups = groupLinks(links);
    assert.deepEqual(
      groups.map((g) => g.group.id),
      LINK_GROUPS.map((g) => g.id),
    );
    const orders = groups.map((g) => g.group.order);
    assert.deepEqual(orders, [...orders].sort((a, b) => a - b));
    assert.equal(groups.find((g) => g.group.id === 'relates')?.count, 2);
  });

  it('empty groups are hidden', () => {
    const groups = groupLinks([makeLink('depends', 'inward', 'A-1'), makeLink('subtask', 'inward', 'A-2')]);
    assert.deepEqual(groups.map((g) => g.group.id), ['parent', 'blocks']);
    assert.deepEqual(groupLinks([]), []);
  });

  it('sorts by status category, then queue, then number', () => {
    const links = [
      makeLink('relates', 'outward', 'TREK-10', 'closed'),
      makeLink('relates', 'outward', 'TREK-9', 'open'),
      makeLink('relates', 'outward', 'TREK-100', 'open'),
      makeLink('relates', 'outward', 'ABC-5', 'inProgress'),
      makeLink('relates', 'outward', 'TREK-2', 'needInfo'),
      makeLink('relates', 'outward', 'ABC-7', 'open'),
      makeLink('relates', 'outward', 'TREK-1'),
      makeLink('relates', 'outward', 'TREK-3', 'resolved'),
    ];
    const [g] = groupLinks(links);
    assert.deepEqual(
      g.links.map((l) => l.object.key),
      // new, inProgress, paused, unknown, done
      ['ABC-7', 'TREK-9', 'TREK-100', 'ABC-5', 'TREK-2', 'TREK-1', 'TREK-3', 'TREK-10'],
    );
  });

  it('does not lose or duplicate links and keeps the objects', () => {
    const links = [makeLink('depends', 'outward', 'X-2'), makeLink('depends', 'outward', 'X-1')];
    const [g] = groupLinks(links);
    assert.equal(g.links[0], links[1]);
    assert.equal(g.links[1], links[0]);
  });

  it('groups 2,000 links', () => {
    const types = CASES.map(([t, d]) => [t, d] as const);
    const statuses = ['open', 'inProgress', 'closed', undefined, 'needInfo'];
    const links: IssueLink[] = [];
    for (let i = 0; i < 2000; i++) {
      const [t, d] = types[i % types.length];
      links.push(makeLink(t, d, `Q${'ABC'[i % 3]}-${2000 - i}`, statuses[i % statuses.length]));
    }
    const groups = groupLinks(links);
    assert.equal(groups.reduce((n, g) => n + g.count, 0), 2000);
    assert.equal(new Set(groups.flatMap((g) => g.links)).size, 2000);
    for (const g of groups) {
      assert.equal(g.count, g.links.length);
      // Open work first, finished work sinks.
      const order: StatusCategory[] = ['new', 'inProgress', 'paused', 'unknown', 'done'];
      const ranks = g.links.map((l) => order.indexOf(statusCategory(l.status)));
      assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
    }
  });

  describe('statusCategory', () => {
    const table: [string | undefined, string][] = [
      ['open', 'new'], ['new', 'new'], ['backlog', 'new'], ['selectedForDev', 'new'],
      ['inProgress', 'inProgress'], ['in_progress', 'inProgress'], ['review', 'inProgress'],
      ['inReview', 'inProgress'], ['testing', 'inProgress'],
      ['needInfo', 'paused'], ['paused', 'paused'], ['onHold', 'paused'],
      ['resolved', 'done'], ['closed', 'done'], ['done', 'done'], ['cancelled', 'done'], ['canceled', 'done'],
      ['somethingElse', 'unknown'], [undefined, 'unknown'],
    ];
    for (const [key, cat] of table) {
      it(`${key} → ${cat}`, () => {
        assert.equal(statusCategory(key === undefined ? undefined : { key }), cat);
        if (key !== undefined) assert.equal(statusCategory(key), cat);
      });
    }
    it('the status type wins over the status key', () => {
      assert.equal(statusCategory({ key: 'customReview' }, { key: 'done' }), 'done');
      assert.equal(statusCategory({ key: 'closed' }, { key: 'weird' }), 'done');
      assert.equal(statusCategory(undefined, 'paused'), 'paused');
    });
  });
});
