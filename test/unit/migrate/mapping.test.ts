import * as assert from 'node:assert/strict';
import {
  DEFAULT_LINK_TYPES,
  HIERARCHY_TYPES,
  linkTypeMapping,
  lookupLinkType,
  mapKey,
  mapUser,
  parseKeyMapFile,
  parseKeyRules,
  parseLinkTypeFile,
  parseUserMapFile,
} from '../../../src/migrate/mapping';
import { linkWords } from '../../../src/links/words';
import { ENGLISH } from '../english';
import { inverseRelationship } from '../../../src/links/relationships';

const describeRelationship = linkWords(ENGLISH).relationshipSentence;

describe('migrate/mapping', () => {
  describe('link types', () => {
    it("reads each default from the outward side as Jira's own words say it", () => {
      // Jira: outward "blocks", "duplicates", "clones", "relates to"; the child in the hierarchy.
      const says = (type: string, a: string, b: string): string => {
        const t = lookupLinkType(DEFAULT_LINK_TYPES, type);
        assert.equal(t.kind, 'mapped');
        return describeRelationship(t.kind === 'mapped' ? t.relationship : 'relates', a, b);
      };
      assert.equal(says('Blocks', 'A-1', 'B-2'), 'A-1 blocks B-2');
      assert.equal(says('Duplicate', 'A-1', 'B-2'), 'A-1 duplicates B-2');
      assert.equal(says('Cloners', 'A-1', 'B-2'), 'A-1 is a clone of B-2');
      assert.equal(says('relates', 'A-1', 'B-2'), 'A-1 relates to B-2');
      assert.equal(says(HIERARCHY_TYPES.subtask, 'A-2', 'A-1'), 'A-2 is a sub-issue of A-1');
      assert.equal(says(HIERARCHY_TYPES.epic, 'A-2', 'A-1'), 'A-2 is in epic A-1');
    });

    it('gives the values the brief names, and their inverses from the other side', () => {
      const rel = (t: string) => {
        const r = lookupLinkType(DEFAULT_LINK_TYPES, t);
        return r.kind === 'mapped' ? r.relationship : r.kind;
      };
      assert.equal(rel('Blocks'), 'is dependent by');
      assert.equal(inverseRelationship('is dependent by'), 'depends on');
      assert.equal(rel('Duplicate'), 'duplicates');
      assert.equal(inverseRelationship('duplicates'), 'is duplicated by');
      assert.equal(rel('Cloners'), 'original');
      assert.equal(inverseRelationship('original'), 'clone');
      assert.equal(rel(HIERARCHY_TYPES.subtask), 'is subtask for');
      assert.equal(rel(HIERARCHY_TYPES.epic), 'has epic');
      assert.equal(rel(HIERARCHY_TYPES.parent), 'unknown', 'a parent that is neither sub-task nor epic is not guessed');
      assert.equal(rel('Reference'), 'unknown');
    });

    it('a user file adds, overrides and leaves out types', () => {
      const { mapping, problems } = parseLinkTypeFile('\ufeff{"Reference": "Relates", "Blocks": "depends on", "Detail": null, "Causes": "blocks", "@parent": "is subtask for"}');
      assert.deepEqual(problems, [{ code: 'badRelationship', key: 'Causes', value: 'blocks' }]);
      const m = linkTypeMapping(mapping);
      assert.deepEqual(lookupLinkType(m, 'reference'), { kind: 'mapped', relationship: 'relates' });
      assert.deepEqual(lookupLinkType(m, 'Blocks'), { kind: 'mapped', relationship: 'depends on' });
      assert.deepEqual(lookupLinkType(m, 'Detail'), { kind: 'leftOut' });
      assert.deepEqual(lookupLinkType(m, '@parent'), { kind: 'mapped', relationship: 'is subtask for' });
      assert.deepEqual(lookupLinkType(m, 'Duplicate'), { kind: 'mapped', relationship: 'duplicates' }, 'defaults stay');
      assert.deepEqual(lookupLinkType(m, 'Causes'), { kind: 'unknown' });
      assert.equal(parseLinkTypeFile('[1]').problems[0].code, 'notObject');
      assert.equal(parseLinkTypeFile('{').problems[0].code, 'notJson');
    });
  });

  describe('keys', () => {
    it('reads a two-column file with or without a header, any delimiter, or JSON', () => {
      const csv = parseKeyMapFile('jira;tracker\nPROJ-1;TREK-7\nproj-2 ; trek-8\nAB2_X-12;WEB-1\nbroken;TREK-9\n');
      assert.deepEqual([...csv.pairs], [['PROJ-1', 'TREK-7'], ['PROJ-2', 'TREK-8'], ['AB2_X-12', 'WEB-1']]);
      assert.deepEqual(csv.problems, [{ code: 'badKey', line: 5, value: 'broken → TREK-9' }]);
      assert.deepEqual([...parseKeyMapFile('{"PROJ-1": "TREK-7"}').pairs], [['PROJ-1', 'TREK-7']]);
      assert.deepEqual(parseKeyMapFile('PROJ-1,TREK-7\nPROJ-1,TREK-8').problems, [{ code: 'duplicate', line: 2, value: 'PROJ-1' }]);
    });

    it('reads queue rules: same number, another queue', () => {
      const { queues, problems } = parseKeyRules('PROJ → TREK, web->site; ops = OPS\nAB2_X: DATA, 12 → X');
      assert.deepEqual([...queues], [['PROJ', 'TREK'], ['WEB', 'SITE'], ['OPS', 'OPS'], ['AB2_X', 'DATA']]);
      assert.deepEqual(problems, [{ code: 'badRule', value: '12 → X' }]);
    });

    it('a pair wins over the rule; no counterpart is undefined', () => {
      const keys = { pairs: new Map([['PROJ-1', 'TREK-100']]), queues: new Map([['PROJ', 'TREK'], ['AB2_X', 'DATA']]) };
      assert.equal(mapKey(keys, 'proj-1'), 'TREK-100');
      assert.equal(mapKey(keys, 'PROJ-2'), 'TREK-2');
      assert.equal(mapKey(keys, 'AB2_X-12'), 'DATA-12');
      assert.equal(mapKey(keys, 'OTHER-2'), undefined);
      assert.equal(mapKey({}, 'PROJ-2'), undefined);
    });
  });

  describe('users', () => {
    it('maps any identifier of a Jira account to a login or a uid', () => {
      const { users, problems } = parseUserMapFile(
        'jira,tracker\n712020:ec35d582-12cc-492e-a1ca-5a5afc8a9b76,pooja\nben@atlassian.com,1120000000002001\nAdrian Bora,adrian.b\nnobody,\n',
      );
      assert.deepEqual(problems, [{ code: 'badUser', line: 5, value: 'nobody → ' }]);
      assert.equal(mapUser(users, { accountId: '712020:ec35d582-12cc-492e-a1ca-5a5afc8a9b76', displayName: 'Pooja Nimbalkar' }), 'pooja');
      assert.equal(mapUser(users, { name: 'ben@atlassian.com', displayName: 'Benjamin Naftzger [Atlassian]' }), 1120000000002001);
      assert.equal(mapUser(users, { accountId: '5f96f469c9b15a0078974870', displayName: 'adrian bora' }), 'adrian.b');
      assert.equal(mapUser(users, { accountId: 'x', displayName: 'Someone' }), undefined);
      assert.equal(mapUser(users, undefined), undefined);
      assert.equal(parseUserMapFile('{"5dc2d2f9e3cc320c5e8a7b04": "geoff"}').users.get('5dc2d2f9e3cc320c5e8a7b04'), 'geoff');
    });
  });
});
