import * as assert from 'node:assert/strict';
import type { IssueRelationship } from '../../../src/tracker/types';
import {
  ENTITY_RELATIONSHIPS,
  LINK_GROUPS,
  RELATIONSHIPS,
  creatableRelationships,
  isKnownEntityRelationship,
  groupIdOfLink,
  importableRelationships,
  inverseRelationship,
  isEpicType,
  isIssueRelationship,
  relationshipInfo,
  relationshipOfLink,
  serverLabel,
  type LinkGroupId,
} from '../../../src/links/relationships';
import { makeLink } from './fixtures';
import { linkWords } from '../../../src/links/words';
import { ENGLISH } from '../english';

// The words, in the English of the source (the extension passes VS Code's translations).
const words = linkWords(ENGLISH);
const describeRelationship = words.relationshipSentence;
const describeEntityRelationship = words.entityRelationshipSentence;
const linkLabel = (link: Parameters<typeof relationshipOfLink>[0]): string => {
  const r = relationshipOfLink(link);
  return r ? words.relationshipLabel(r) : serverLabel(link);
};

// The mapping under test, written out once more by hand: relationship from X
// to Y → link type id, direction on X, tree group, label.
const TABLE: [IssueRelationship, string, 'outward' | 'inward', LinkGroupId, string][] = [
  ['relates', 'relates', 'inward', 'relates', 'Relates to'],
  ['depends on', 'depends', 'outward', 'blockedBy', 'Blocked by (depends on)'],
  ['is dependent by', 'depends', 'inward', 'blocks', 'Blocks'],
  ['is subtask for', 'subtask', 'inward', 'parent', 'Sub-issue of'],
  ['is parent task for', 'subtask', 'outward', 'subIssues', 'Parent of'],
  ['duplicates', 'duplicates', 'outward', 'duplicates', 'Duplicates'],
  ['is duplicated by', 'duplicates', 'inward', 'duplicatedBy', 'Duplicated by'],
  ['has epic', 'epic', 'inward', 'epic', 'In epic'],
  ['is epic of', 'epic', 'outward', 'epicIssues', 'Is epic of'],
  ['original', 'clone', 'inward', 'cloneOf', 'Clone of'],
  ['clone', 'clone', 'outward', 'clones', 'Cloned as'],
];

describe('links/relationships', () => {
  it('has all 11 relationships exactly once', () => {
    assert.equal(RELATIONSHIPS.length, 11);
    assert.deepEqual(new Set(RELATIONSHIPS.map((r) => r.value)), new Set(TABLE.map((t) => t[0])));
  });

  describe('relationshipOfLink: one case per link type and direction', () => {
    for (const [value, typeId, direction, group, label] of TABLE) {
      it(`${typeId}/${direction} → ${value}`, () => {
        const link = makeLink(typeId, direction, 'TREK-2');
        assert.equal(relationshipOfLink(link), value);
        assert.equal(relationshipOfLink(makeLink(typeId, direction, 'TREK-3')), value);
        assert.equal(groupIdOfLink(link), group);
        assert.equal(linkLabel(link), label);
        const info = relationshipInfo(value);
        assert.equal(info.typeId, typeId);
        assert.equal(info.group, group);
        // Relates is symmetric: both directions read "relates".
        if (value !== 'relates') assert.equal(info.direction, direction);
      });
    }

    it('a relates link listed outward (by the other side) is still "relates"', () => {
      assert.equal(relationshipOfLink(makeLink('relates', 'outward', 'TREK-3')), 'relates');
      assert.equal(groupIdOfLink(makeLink('relates', 'outward', 'TREK-3')), 'relates');
    });

    it('unknown type ids give undefined, the Other group and the server label', () => {
      const out = makeLink('customType', 'outward', 'TREK-4');
      const inn = makeLink('customType', 'inward', 'TREK-4');
      assert.equal(relationshipOfLink(out), undefined);
      assert.equal(groupIdOfLink(out), 'other');
      assert.equal(linkLabel(out), 'customType (out)');
      assert.equal(linkLabel(inn), 'customType (in)');
    });

    it('server label follows the direction (type.outward names the listing issue: subtask outward = I am the parent)', () => {
      assert.equal(serverLabel(makeLink('subtask', 'outward', 'A-1')), 'Parent issue');
      assert.equal(serverLabel(makeLink('subtask', 'inward', 'A-1')), 'Sub-issue');
    });
  });

  describe('inverse consistency', () => {
    for (const r of RELATIONSHIPS) {
      it(`${r.value} ↔ ${r.inverse}`, () => {
        const inv = relationshipInfo(r.inverse);
        assert.equal(inverseRelationship(inv.value), r.value, 'inverse(inverse(r)) = r');
        assert.equal(inv.typeId, r.typeId, 'same link type');
        assert.equal(inv.creatable, r.creatable);
        assert.equal(inv.isDependency, r.isDependency);
        if (r.value === 'relates') {
          assert.equal(inv.value, 'relates');
        } else {
          assert.notEqual(inv.direction, r.direction, 'opposite direction');
          // What Y sees is exactly what the API lists on Y.
          assert.equal(relationshipOfLink(makeLink(r.typeId, r.direction === 'outward' ? 'inward' : 'outward', 'TREK-3')), r.inverse);
        }
        if (r.epic) assert.equal(inv.epic, r.epic === 'source' ? 'target' : 'source');
      });
    }
  });

  it('creatable vs import-only', () => {
    const creatable = RELATIONSHIPS.filter((r) => r.creatable).map((r) => r.value);
    assert.equal(creatable.length, 9);
    for (const v of ['clone', 'original'] as const) {
      assert.equal(relationshipInfo(v).importOnly, true);
      assert.equal(relationshipInfo(v).creatable, false);
    }
    assert.equal(importableRelationships().length, 11);
    assert.deepEqual(
      RELATIONSHIPS.filter((r) => r.isDependency).map((r) => r.value).sort(),
      ['depends on', 'is dependent by'],
    );
  });

  it('epic requirements', () => {
    assert.equal(relationshipInfo('is epic of').epic, 'source');
    assert.equal(relationshipInfo('has epic').epic, 'target');
    assert.equal(RELATIONSHIPS.filter((r) => r.epic).length, 2);
    assert.ok(isEpicType('epic') && isEpicType('Epic'));
    assert.ok(!isEpicType('task') && !isEpicType(undefined));
  });

  describe('creatableRelationships (epic filtering)', () => {
    const values = (src?: string, tgt?: string) => creatableRelationships(src, tgt).map((r) => r.value);
    it('types unknown: all 9, epic ones kept', () => {
      const v = values();
      assert.equal(v.length, 9);
      assert.ok(v.includes('is epic of') && v.includes('has epic'));
      assert.ok(!v.includes('clone') && !v.includes('original'));
    });
    it('source is an epic, target unknown: both epic relationships stay', () => {
      const v = values('epic');
      assert.ok(v.includes('is epic of') && v.includes('has epic'));
    });
    it('source is a task: "is epic of" goes', () => {
      const v = values('task');
      assert.ok(!v.includes('is epic of'));
      assert.ok(v.includes('has epic'));
    });
    it('target is an epic, source a task: "has epic" stays, "is epic of" goes', () => {
      const v = values('task', 'epic');
      assert.ok(v.includes('has epic'));
      assert.ok(!v.includes('is epic of'));
    });
    it('neither is an epic: no epic relationships', () => {
      const v = values('task', 'bug');
      assert.equal(v.length, 7);
      assert.ok(!v.includes('has epic') && !v.includes('is epic of'));
    });
    it('keeps picker order', () => {
      assert.deepEqual(values().slice(0, 3), ['relates', 'depends on', 'is dependent by']);
    });
  });

  describe('sentences', () => {
    const expected: Record<IssueRelationship, string> = {
      relates: 'TREK-1 relates to TREK-2',
      'depends on': 'TREK-1 is blocked by TREK-2',
      'is dependent by': 'TREK-1 blocks TREK-2',
      'is subtask for': 'TREK-1 is a sub-issue of TREK-2',
      'is parent task for': 'TREK-1 is the parent of TREK-2',
      duplicates: 'TREK-1 duplicates TREK-2',
      'is duplicated by': 'TREK-1 is duplicated by TREK-2',
      'is epic of': 'TREK-1 is the epic of TREK-2',
      'has epic': 'TREK-1 is in epic TREK-2',
      original: 'TREK-1 is a clone of TREK-2',
      clone: 'TREK-2 is a clone of TREK-1',
    };
    for (const r of RELATIONSHIPS) {
      it(r.value, () => {
        assert.equal(describeRelationship(r.value, 'TREK-1', 'TREK-2'), expected[r.value]);
        assert.equal(describeRelationship(r, 'TREK-1', 'TREK-2'), expected[r.value]);
      });
    }
    it('a missing target reads as an ellipsis', () => {
      assert.equal(describeRelationship('depends on', 'TREK-1'), 'TREK-1 is blocked by …');
      assert.equal(describeRelationship('clone', 'TREK-1', ''), '… is a clone of TREK-1');
    });
    it('an inverse sentence reads the same fact from the other side', () => {
      // "1 is blocked by 2" ⇔ "2 blocks 1"
      assert.equal(describeRelationship(inverseRelationship('depends on'), 'TREK-2', 'TREK-1'), 'TREK-2 blocks TREK-1');
    });
  });

  it('lookups reject unknown values', () => {
    assert.ok(isIssueRelationship('depends on'));
    assert.ok(!isIssueRelationship('blocks'));
    assert.throws(() => relationshipInfo('blocks' as IssueRelationship));
  });

  describe('groups', () => {
    it('fixed order with icons', () => {
      assert.deepEqual(
        LINK_GROUPS.map((g) => g.id),
        ['parent', 'subIssues', 'epic', 'epicIssues', 'blockedBy', 'blocks', 'duplicates', 'duplicatedBy',
          'cloneOf', 'clones', 'relates', 'other'],
      );
      LINK_GROUPS.forEach((g, i) => {
        assert.equal(g.order, i);
        assert.match(g.icon, /^[a-z-]+$/);
        assert.ok(words.groupLabel(g.id).length > 0);
      });
      assert.equal(LINK_GROUPS.find((g) => g.id === 'blockedBy')?.icon, 'debug-stop');
      assert.equal(LINK_GROUPS.find((g) => g.id === 'blocks')?.icon, 'circle-slash');
      assert.equal(LINK_GROUPS.find((g) => g.id === 'parent')?.icon, 'arrow-up');
      assert.equal(LINK_GROUPS.find((g) => g.id === 'relates')?.icon, 'link');
    });
    it('each relationship has its own group; Other has none', () => {
      const groups = RELATIONSHIPS.map((r) => r.group);
      assert.equal(new Set(groups).size, 11);
      assert.ok(!groups.includes('other'));
    });
  });

  describe('entity relationships', () => {
    for (const type of ['project', 'portfolio', 'goal'] as const) {
      it(`${type}: relates, depends on, is dependent by; inverses close`, () => {
        const list = ENTITY_RELATIONSHIPS[type];
        const values = list.map((r) => r.value);
        for (const v of ['relates', 'depends on', 'is dependent by']) assert.ok(values.includes(v), v);
        for (const r of list) {
          const inv = list.find((x) => x.value === r.inverse);
          assert.ok(inv, `inverse of ${r.value} listed`);
          assert.equal(inv.inverse, r.value);
          }
      });
    }
    // en/tracker/concepts/entities/links/add-links.md and get-links.md (and
    // their ru/ twins) name exactly these three, for every entity type.
    it('offers exactly the documented values, for every type', () => {
      for (const type of ['project', 'portfolio', 'goal'] as const) {
        assert.deepEqual(ENTITY_RELATIONSHIPS[type].map((r) => r.value), ['relates', 'depends on', 'is dependent by'], type);
      }
      assert.ok(!isKnownEntityRelationship('parent entity'));
      assert.ok(!isKnownEntityRelationship('child entity'));
      assert.ok(isKnownEntityRelationship('depends on'));
    });
    it('sentences and unknown server values', () => {
      // Listed links name their relationship by value (`type`); the picker passes the catalogue entry.
      const dep = ENTITY_RELATIONSHIPS.project.find((r) => r.value === 'is dependent by');
      assert.ok(dep);
      assert.equal(describeEntityRelationship(dep, 'Alpha', 'Beta'), 'Alpha blocks Beta');
      assert.equal(describeEntityRelationship(dep, 'Alpha'), 'Alpha blocks …');
      assert.equal(describeEntityRelationship('is dependent by', 'Alpha', 'Beta'), 'Alpha blocks Beta');
      assert.equal(words.entityRelationshipLabel('mentored by'), 'mentored by');
      assert.equal(describeEntityRelationship('mentored by', 'A', 'B'), 'A — mentored by — B');
      // A value a newer server may report is shown under its own name, neutrally.
      assert.equal(words.entityRelationshipLabel('child entity'), 'child entity');
      assert.equal(describeEntityRelationship('child entity', 'A', 'B'), 'A — child entity — B');
    });
  });
});

// The documentation's own example, written as our fixture: GET /v2/issues/JUNE-2/links
// lists TREK-9844 as `subtask`/`outward`, and get-issue.md shows TREK-9844 with
// `parent: JUNE-2` (en/tracker/api-ref/concepts/issues/get-links.md, get-issue.md).
describe('the documented subtask example reads the right way round', () => {
  const documented = { type: { id: 'subtask', inward: 'Sub-issue', outward: 'Parent issue' }, direction: 'outward' as const };

  it('JUNE-2 (the parent) lists TREK-9844 under its sub-issues', () => {
    assert.equal(relationshipOfLink(documented), 'is parent task for');
    assert.equal(groupIdOfLink(documented), 'subIssues');
    assert.equal(describeRelationship('is parent task for', 'JUNE-2', 'TREK-9844'), 'JUNE-2 is the parent of TREK-9844');
  });

  it('TREK-9844 (the sub-issue) sees the same link inward, under Parent', () => {
    const mirrored = { ...documented, direction: 'inward' as const };
    assert.equal(relationshipOfLink(mirrored), 'is subtask for');
    assert.equal(groupIdOfLink(mirrored), 'parent');
  });

  it('main sides: the dependent, the epic and the original see the link outward', () => {
    assert.equal(relationshipOfLink(makeLink('depends', 'outward', 'TREK-3')), 'depends on');
    assert.equal(relationshipOfLink(makeLink('epic', 'outward', 'TREK-3')), 'is epic of');
    assert.equal(relationshipOfLink(makeLink('clone', 'outward', 'TREK-3')), 'clone');
  });

  it('a relates link is answered inward to the issue that created it (link-issue.md)', () => {
    assert.equal(relationshipInfo('relates').direction, 'inward');
  });
});
