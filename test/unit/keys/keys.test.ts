import * as assert from 'node:assert/strict';
import {
  compareKeys,
  findKeys,
  keyAt,
  keyOfArgument,
  normalizeKey,
  parseKey,
  type KeyMatchOptions,
} from '../../../src/keys/keys';
import { keyFromBranch } from '../../../src/keys/branch';

const keys = (text: string, o?: KeyMatchOptions) => findKeys(text, o).map((m) => m.key);

describe('keys/keys', () => {
  describe('found', () => {
    const table: [string, string[]][] = [
      ['TREK-12', ['TREK-12']],
      ['see TREK-12 and ABC-3', ['TREK-12', 'ABC-3']],
      ['TREK-12:', ['TREK-12']],
      ['(TREK-12)', ['TREK-12']],
      ['[TREK-12]', ['TREK-12']],
      ['TREK-12.', ['TREK-12']],
      ['TREK-12,TREK-13;', ['TREK-12', 'TREK-13']],
      ['"TREK-12"', ['TREK-12']],
      ['#TREK-12', ['TREK-12']],
      ['https://tracker.yandex.ru/TREK-12', ['TREK-12']],
      ['fix TREK-12.md notes', ['TREK-12']],
      ['TREK-12 - done', ['TREK-12']],
      ['trek-12', ['TREK-12']],
      ['Trek-12', ['TREK-12']],
      ['Fixes TREK-123456789', ['TREK-123456789']],
      ['ABCDEFGHIJKLMNO-1', ['ABCDEFGHIJKLMNO-1']],
      ['—TREK-7—', ['TREK-7']],
      ['line1\nTREK-8\n', ['TREK-8']],
    ];
    for (const [text, expected] of table) {
      it(JSON.stringify(text), () => assert.deepEqual(keys(text), expected));
    }
  });

  describe('not keys', () => {
    const table: [string, string][] = [
      ['ABC-123-DEF', 'hyphenated run after'],
      ['x-ABC-12', 'hyphenated run before'],
      ['ABC-12-34', 'number-number'],
      ['2026-08-01', 'a date'],
      ['utf-8', 'encoding'],
      ['UTF-8', 'encoding, upper case'],
      ['iso-8859-1', 'encoding'],
      ['ISO-8859', 'standard'],
      ['PEP-8', 'python style guide'],
      ['myTREK-12', 'identifier before'],
      ['my_TREK-12', 'underscore before'],
      ['1TREK-12', 'digit before'],
      ['$TREK-12', 'dollar before'],
      ['TREK-12abc', 'letters after'],
      ['TREK-12_x', 'underscore after'],
      ['TREK-1.5', 'version number'],
      ['TREK-0', 'zero'],
      ['TREK-012', 'leading zero'],
      ['TREK-1234567890', 'number too long'],
      ['ABCDEFGHIJKLMNOP-1', 'queue too long'],
      ['Q-1', 'single-letter queue'],
      ['TREK-', 'no number'],
      ['-12', 'no queue'],
      ['ТРЕК-12', 'Cyrillic queue'],
      ['яTREK-12', 'glued to a Cyrillic word'],
      ['550e8400-e29b-41d4-a716-446655440000', 'UUID'],
      ['deadbeef-1234-5678', 'UUID-like run'],
    ];
    for (const [text, why] of table) {
      it(`${JSON.stringify(text)} (${why})`, () => assert.deepEqual(keys(text), []));
    }
  });

  it('reports offsets of the text as written', () => {
    const text = 'a (trek-12) b TREK-3.';
    const found = findKeys(text);
    assert.deepEqual(found, [
      { key: 'TREK-12', start: 3, end: 10 },
      { key: 'TREK-3', start: 14, end: 20 },
    ]);
    for (const m of found) assert.equal(text.slice(m.start, m.end).toUpperCase(), m.key);
  });

  describe('known queues', () => {
    const knownQueues = new Set(['TREK', 'Q', 'UTF']);
    it('only keys of known queues match', () => {
      assert.deepEqual(keys('TREK-1 ABC-2 trek-3', { knownQueues }), ['TREK-1', 'TREK-3']);
    });
    it('a known single-letter queue matches', () => {
      assert.deepEqual(keys('Q-1', { knownQueues }), ['Q-1']);
    });
    it('a known queue beats the deny-list', () => {
      assert.deepEqual(keys('UTF-8', { knownQueues }), ['UTF-8']);
      assert.deepEqual(keys('utf-8'), []);
    });
    it('still respects boundaries', () => {
      assert.deepEqual(keys('myTREK-1 TREK-1-2 x-TREK-3', { knownQueues }), []);
    });
  });

  it('ignoreCase: false accepts upper-case queues only', () => {
    assert.deepEqual(keys('trek-1 Trek-2 TREK-3', { ignoreCase: false }), ['TREK-3']);
  });

  describe('keyAt', () => {
    const text = 'see TREK-12, now';
    it('inside, at the start and just after the key', () => {
      for (const off of [4, 8, 10, 11]) assert.equal(keyAt(text, off)?.key, 'TREK-12', `offset ${off}`);
    });
    it('outside the key', () => {
      for (const off of [0, 3, 12, 16, -1, 99]) assert.equal(keyAt(text, off), undefined, `offset ${off}`);
    });
    it('windowing does not invent keys inside long words', () => {
      const long = 'x'.repeat(200) + 'TREK-12' + 'y'.repeat(200);
      assert.equal(keyAt(long, 203), undefined);
      const ok = 'x'.repeat(200) + ' TREK-12 ' + 'y'.repeat(200);
      assert.deepEqual(keyAt(ok, 205), { key: 'TREK-12', start: 201, end: 208 });
    });
    it('honours known queues', () => {
      assert.equal(keyAt(text, 5, { knownQueues: new Set(['ABC']) }), undefined);
    });
  });

  it('parseKey / normalizeKey', () => {
    assert.deepEqual(parseKey('trek-12'), { queue: 'TREK', number: 12 });
    assert.deepEqual(parseKey(' TREK-12 '), { queue: 'TREK', number: 12 });
    assert.equal(parseKey('TREK-12x'), undefined);
    assert.equal(parseKey('TREK-0'), undefined);
    assert.ok(parseKey('A-1'));
    assert.ok(!parseKey('see A-1'));
    assert.equal(normalizeKey('trek-7'), 'TREK-7');
    assert.equal(normalizeKey('nope'), undefined);
  });

  it('one rule for a whole key: zero is never a number, leading zeros are read away (the picker and branches agree)', () => {
    assert.equal(parseKey('TREK-000'), undefined);
    assert.equal(normalizeKey('TREK-0'), undefined);
    assert.equal(normalizeKey('trek-012'), 'TREK-12');
    assert.equal(normalizeKey('ABCDEFGHIJKLMNOP-1'), undefined, 'a queue of 16 letters');
    assert.equal(normalizeKey('TREK-1234567890'), undefined, 'ten digits');
    assert.equal(normalizeKey('TREK-0123456789'), 'TREK-123456789', 'nine digits after the zero');
    assert.equal(keyOfArgument('TREK-0'), undefined);
    assert.equal(keyFromBranch('feature/TREK-0-login'), undefined);
    assert.equal(keyFromBranch('feature/TREK-0-then-WEB-3'), 'WEB-3');
  });

  it('compareKeys orders by queue, then numerically', () => {
    const sorted = ['TREK-10', 'abc-2', 'TREK-9', 'not a key', 'TREK-100', 'ABC-10'].sort(compareKeys);
    assert.deepEqual(sorted, ['abc-2', 'ABC-10', 'TREK-9', 'TREK-10', 'TREK-100', 'not a key']);
  });

  it('stays linear on hostile input', () => {
    // No timing: a quadratic scan would blow the test timeout on these.
    const big = 1_000_000;
    assert.deepEqual(findKeys('A'.repeat(big) + '-1'), []);
    assert.deepEqual(findKeys('-1'.repeat(big / 2)), []);
    assert.deepEqual(findKeys('AB-'.repeat(big / 3)), []);
    assert.equal(findKeys('AB-1 '.repeat(big / 5)).length, big / 5);
  });
});
