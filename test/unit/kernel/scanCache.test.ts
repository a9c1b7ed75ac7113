import * as assert from 'node:assert/strict';
import { CommentKeyCache, type ScannableDocument } from '../../../src/kernel/scanCache';

const KNOWN = new Set(['TREK', 'WEB']);

function doc(text: string, languageId = 'typescript', version = 1, uri = 'file:///a.ts'): ScannableDocument & { reads: number } {
  const d = {
    uri,
    version,
    languageId,
    length: text.length,
    reads: 0,
    getText() {
      d.reads++;
      return text;
    },
  };
  return d;
}

describe('hover/scanCache CommentKeyCache', () => {
  const src = 'const s = "TREK-1"; // see TREK-12 and WEB-7, not OPS-3\n/* TREK-14 */ x = TREK-15;';

  it('finds keys of known queues in comments only', () => {
    const c = new CommentKeyCache();
    assert.deepEqual(c.keys(doc(src), KNOWN)?.map((k) => k.key), ['TREK-12', 'WEB-7', 'TREK-14']);
  });

  it('keyAt: inside a comment key, by offset; nothing in strings or code', () => {
    const c = new CommentKeyCache();
    const d = doc(src);
    const at = (needle: string, delta = 1) => c.keyAt(d, src.indexOf(needle) + delta, KNOWN)?.key;
    assert.equal(at('TREK-12'), 'TREK-12');
    assert.equal(at('TREK-12', 0), 'TREK-12');
    assert.equal(at('TREK-14', 6), 'TREK-14');
    assert.equal(at('TREK-1"'), undefined);
    assert.equal(at('TREK-15'), undefined);
    assert.equal(at('OPS-3'), undefined);
    assert.equal(at('see'), undefined);
  });

  it('does not rescan an unchanged version, and rescans a new one', () => {
    const c = new CommentKeyCache();
    const d1 = doc(src);
    for (let i = 0; i < 50; i++) c.keyAt(d1, 30, KNOWN);
    assert.equal(c.scans, 1);
    assert.equal(d1.reads, 1);
    c.keys(doc('// TREK-99', 'typescript', 2), KNOWN);
    assert.equal(c.scans, 2);
    assert.deepEqual(c.keys(doc('// TREK-99', 'typescript', 2), KNOWN)?.map((k) => k.key), ['TREK-99']);
    assert.equal(c.scans, 2);
  });

  it('a language change rescans; a new known set refilters without rescanning', () => {
    const c = new CommentKeyCache();
    const text = '# TREK-1\n// WEB-2';
    assert.deepEqual(c.keys(doc(text, 'python'), KNOWN)?.map((k) => k.key), ['TREK-1']);
    assert.deepEqual(c.keys(doc(text, 'typescript'), KNOWN)?.map((k) => k.key), ['WEB-2']);
    assert.equal(c.scans, 2);
    assert.deepEqual(c.keys(doc(text, 'typescript'), new Set(['TREK']))?.map((k) => k.key), []);
    assert.equal(c.scans, 2);
  });

  it('an equal known set built anew (in another order) reuses the keys without reading the document again', () => {
    const c = new CommentKeyCache();
    const d = doc('// TREK-1 WEB-2');
    assert.deepEqual(c.keys(d, new Set(['WEB', 'TREK']))?.map((k) => k.key), ['TREK-1', 'WEB-2']);
    assert.deepEqual(c.keys(d, new Set(['TREK', 'WEB']))?.map((k) => k.key), ['TREK-1', 'WEB-2']);
    assert.equal(d.reads, 1);
    c.keys(d, new Set(['TREK']));
    assert.equal(d.reads, 2, 'another set refilters');
  });

  it('prose languages count as one comment', () => {
    const c = new CommentKeyCache();
    assert.deepEqual(c.keys(doc('Fixes TREK-3 and WEB-4.', 'markdown'), KNOWN)?.map((k) => k.key), ['TREK-3', 'WEB-4']);
  });

  it('evicts on request and keeps at most maxDocuments (least recently used out)', () => {
    const c = new CommentKeyCache({ maxDocuments: 2 });
    c.keys(doc('// TREK-1', 'typescript', 1, 'file:///1'), KNOWN);
    c.keys(doc('// TREK-2', 'typescript', 1, 'file:///2'), KNOWN);
    c.keys(doc('// TREK-1', 'typescript', 1, 'file:///1'), KNOWN);
    c.keys(doc('// TREK-3', 'typescript', 1, 'file:///3'), KNOWN);
    assert.equal(c.size, 2);
    assert.equal(c.scans, 3);
    c.keys(doc('// TREK-1', 'typescript', 1, 'file:///1'), KNOWN);
    assert.equal(c.scans, 3, 'file 1 was used recently and stayed');
    c.evict('file:///1');
    c.keys(doc('// TREK-1', 'typescript', 1, 'file:///1'), KNOWN);
    assert.equal(c.scans, 4);
  });

  it('by default scans up to 2,000,000 characters, and nothing longer', () => {
    const c = new CommentKeyCache();
    const fits = '// TREK-1 ' + 'x'.repeat(2_000_000 - 10);
    assert.deepEqual(c.keys(doc(fits), KNOWN)?.map((k) => k.key), ['TREK-1']);
    const over = doc(fits + 'x', 'typescript', 1, 'file:///b.ts');
    assert.equal(c.keys(over, KNOWN), undefined);
    assert.equal(over.reads, 0);
  });

  it('skips documents over the size cap without reading them', () => {
    const c = new CommentKeyCache({ maxLength: 10 });
    const d = doc('// TREK-12 is long enough');
    assert.equal(c.keys(d, KNOWN), undefined);
    assert.equal(c.keyAt(d, 5, KNOWN), undefined);
    assert.equal(d.reads, 0);
    assert.equal(c.scans, 0);
  });
});
