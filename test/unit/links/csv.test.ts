import * as assert from 'node:assert/strict';
import { decodeText, readCsv, writeCsv } from '../../../src/links/csv';
import { parseImportFile } from '../../../src/links/importFiles';

const utf16le = (s: string, bom = true): Uint8Array => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, 'utf16le')]);
function utf16be(s: string, bom = true): Uint8Array {
  const b = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
  return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), b]);
}

describe('links/csv', () => {
  describe('decodeText', () => {
    it('reads UTF-8 with and without a BOM', () => {
      assert.deepEqual(decodeText(Buffer.from('\ufeffключ;связь', 'utf8')), { text: 'ключ;связь', encoding: 'utf-8', bom: true, invalid: false });
      assert.deepEqual(decodeText(Buffer.from('a,b', 'utf8')), { text: 'a,b', encoding: 'utf-8', bom: false, invalid: false });
    });

    it('reads UTF-16 little- and big-endian, by BOM or by its zero bytes', () => {
      const text = 'source\ttarget\r\nTREK-1\tTREK-2 «ё»';
      assert.deepEqual(decodeText(utf16le(text)), { text, encoding: 'utf-16le', bom: true, invalid: false });
      assert.deepEqual(decodeText(utf16be(text)), { text, encoding: 'utf-16be', bom: true, invalid: false });
      assert.equal(decodeText(utf16le(text, false)).text, text);
      assert.equal(decodeText(utf16be(text, false)).encoding, 'utf-16be');
    });

    it('flags bytes that are not UTF-8 (a legacy code page) instead of failing', () => {
      // "Ключ" in Windows-1251.
      const r = decodeText(Buffer.from([0xca, 0xeb, 0xfe, 0xf7, 0x2c, 0x61]));
      assert.equal(r.invalid, true);
      assert.ok(r.text.endsWith(',a'));
    });
  });

  describe('readCsv', () => {
    it('detects the delimiter from the header, outside quotes', () => {
      assert.equal(readCsv('source;relationship;target\nA-1;relates;"B,2"').delimiter, ';');
      assert.equal(readCsv('Issue key\tSummary\nA-1\tx;y;z').delimiter, '\t');
      assert.equal(readCsv('"a;b;c",d\n').delimiter, ',');
      assert.equal(readCsv('single\n').delimiter, ',');
      assert.equal(readCsv('a;b\n1;"2;3"\n').records[1].cells[1], '2;3');
    });

    it('keeps quoted cells with newlines and delimiters, and the line each record starts on', () => {
      const t = readCsv('key;note\r\nA-1;"first\r\nsecond; third"\r\n\r\n;\r\nA-2;"say ""hi"""');
      assert.equal(t.delimiter, ';');
      assert.deepEqual(t.records, [
        { line: 1, cells: ['key', 'note'] },
        { line: 2, cells: ['A-1', 'first\nsecond; third'] },
        { line: 6, cells: ['A-2', 'say "hi"'] },
      ]);
    });

    it('names the line of a quote that never closes', () => {
      const t = readCsv('h1,h2\nx,y\nsource,"target\nmore');
      assert.equal(t.unterminatedQuoteLine, 3);
      assert.deepEqual(t.records.map((r) => r.line), [1, 2]);
    });
  });

  it('writeCsv quotes what needs it and defuses spreadsheet formulas', () => {
    const text = writeCsv(['reason', 'n'], [['=HYPERLINK("x")', 1], ['a, "b"', undefined]]);
    assert.equal(text, 'reason,n\r\n"\'=HYPERLINK(""x"")",1\r\n"a, ""b""",\r\n');
    assert.deepEqual(readCsv(text).records[2].cells, ['a, "b"', '']);
  });

  it('the link import reads an Excel "Unicode text" file: UTF-16, tabs, a BOM', () => {
    const file = utf16le('source\trelationship\ttarget\tcreatedBy\tcreatedAt\r\nTREK-3\tdepends on\tTREK-4\talice\t2025-06-01\r\n');
    const f = parseImportFile(decodeText(file).text, 'csv');
    assert.equal(f.fatal, undefined);
    assert.deepEqual(f.rows.map((r) => [r.place, r.row.source, r.row.relationship, r.row.target]), [[{ line: 2 }, 'TREK-3', 'depends on', 'TREK-4']]);
  });

  it('the link import reads a semicolon file from a Russian-locale Excel', () => {
    const f = parseImportFile('source;relationship;target;createdBy;createdAt\nTREK-3;relates;TREK-4;alice;"2025-06-01"\n', 'csv');
    assert.deepEqual(f.rows.map((r) => r.row.target), ['TREK-4']);
  });
});
