// The link words are written once (src/links/words.ts) and read in the
// user's language: here with the Russian bundle the extension ships, the
// way VS Code's l10n would translate them.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linkWords, type Translator } from '../../../src/links/words';
import { ENGLISH } from '../english';
import { LINK_GROUPS, RELATIONSHIPS } from '../../../src/links/relationships';

const root = path.resolve(__dirname, '../../../..');

function russian(): Translator {
  const dir = path.join(root, 'l10n', 'ru');
  const bundle: Record<string, string> = {};
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) Object.assign(bundle, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  return { t: (message, ...args) => ENGLISH.t(bundle[message] ?? `MISSING(${message})`, ...args) };
}

describe('links/words: one place for the words, in English and Russian', () => {
  const en = linkWords(ENGLISH);
  const ru = linkWords(russian());

  it('every relationship has a label and a sentence in both languages, naming both issues', () => {
    for (const r of RELATIONSHIPS) {
      for (const w of [en, ru]) {
        assert.doesNotMatch(w.relationshipLabel(r.value), /MISSING/, r.value);
        const s = w.relationshipSentence(r.value, 'TREK-1', 'TREK-2');
        assert.doesNotMatch(s, /MISSING/, r.value);
        assert.ok(s.includes('TREK-1') && s.includes('TREK-2'), s);
      }
    }
  });

  it('a link about to be made reads the same way round as once made, in both languages (confirmations)', () => {
    for (const r of RELATIONSHIPS) {
      for (const w of [en, ru]) {
        const s = w.plannedSentence(r.value, 'TREK-1', 'TREK-2');
        assert.doesNotMatch(s, /MISSING/, r.value);
        const done = w.relationshipSentence(r.value, 'TREK-1', 'TREK-2');
        // The same issue comes first in both sentences.
        assert.equal(s.indexOf('TREK-1') < s.indexOf('TREK-2'), done.indexOf('TREK-1') < done.indexOf('TREK-2'), `${r.value}: ${s} / ${done}`);
      }
    }
    assert.equal(en.plannedSentence('depends on', 'TREK-12', 'TREK-20'), 'TREK-12 will be blocked by TREK-20');
    assert.equal(ru.plannedSentence('depends on', 'TREK-12', 'TREK-20'), 'TREK-12 будет заблокирована задачей TREK-20');
    for (const rel of ['relates', 'depends on', 'is dependent by']) {
      assert.doesNotMatch(ru.plannedEntitySentence(rel, 'A', 'B'), /MISSING/, rel);
    }
    assert.equal(en.plannedEntitySentence('depends on', 'Project "A"', 'Goal "B"'), 'Project "A" will depend on Goal "B"');
  });

  it('every tree group has a name in both languages', () => {
    for (const g of LINK_GROUPS) assert.doesNotMatch(ru.groupLabel(g.id), /MISSING/, g.id);
  });

  it('in Russian, a relationship and the tree group it lands in are said in the same form (issue 11)', () => {
    // The same word heads the group and the choice in Add Link, whatever the gender of the issue, project or goal.
    assert.equal(ru.relationshipLabel('relates'), ru.groupLabel('relates'));
    assert.ok(ru.relationshipLabel('depends on').startsWith(ru.groupLabel('blockedBy')), ru.relationshipLabel('depends on'));
    assert.equal(ru.relationshipLabel('is dependent by'), ru.groupLabel('blocks'));
    assert.equal(ru.relationshipLabel('duplicates'), ru.groupLabel('duplicates'));
    assert.equal(ru.relationshipLabel('is duplicated by'), ru.groupLabel('duplicatedBy'));
    assert.equal(ru.entityRelationshipLabel('relates'), ru.relationshipLabel('relates'));
  });

  it('reads the same fact the same way round in both languages', () => {
    assert.equal(en.relationshipSentence('depends on', 'TREK-12', 'TREK-14'), 'TREK-12 is blocked by TREK-14');
    assert.match(ru.relationshipSentence('depends on', 'TREK-12', 'TREK-14'), /^TREK-12 .+ TREK-14$/);
    assert.equal(en.relationshipSentence('clone', 'TREK-1', 'TREK-2'), 'TREK-2 is a clone of TREK-1');
    assert.match(ru.relationshipSentence('clone', 'TREK-1', 'TREK-2'), /^TREK-2 .+ TREK-1$/);
  });

  it('a link of an unknown type keeps the server\'s own words', () => {
    const link = { type: { id: 'implements', inward: 'Реализуется в', outward: 'Реализует' }, direction: 'outward' as const };
    assert.equal(ru.linkSentence(link, 'MOB-2', 'MOB-3'), 'MOB-2 — Реализует — MOB-3');
  });
});
