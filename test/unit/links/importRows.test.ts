import * as assert from 'node:assert/strict';
import { detectFormat, parseImportFile } from '../../../src/links/importFiles';
import { readCsv } from '../../../src/links/csv';
import { importAuthor, importBody, parseRelationship, parseUserRef, resultLogLine, validateRecord } from '../../../src/links/importRows';
import { parseLinkDate, type DateResult } from '../../../src/links/importDates';
import { findIssueLink } from '../../../src/links/outcome';
import type { IssueLink } from '../../../src/tracker/types';

const api = (r: DateResult): string | undefined => (r.ok ? r.date.api : undefined);
const problem = (r: DateResult): string | undefined => (r.ok ? undefined : r.problem);

describe('links/importRows', () => {
  describe('parseLinkDate', () => {
    it('keeps the API format as it is', () => {
      assert.equal(api(parseLinkDate('2017-08-29T12:34:41.740+0000')), '2017-08-29T12:34:41.740+0000');
      assert.equal(api(parseLinkDate(' 2024-05-01T10:00:00.000+0300 ')), '2024-05-01T10:00:00.000+0300');
      assert.equal(api(parseLinkDate('2024-05-01T10:00:00.000-0000')), '2024-05-01T10:00:00.000+0000');
    });

    it('converts ISO-8601 to the API format, keeping the offset', () => {
      assert.equal(api(parseLinkDate('2024-05-01T10:00:00Z')), '2024-05-01T10:00:00.000+0000');
      assert.equal(api(parseLinkDate('2024-05-01T10:00:00+03:00')), '2024-05-01T10:00:00.000+0300');
      assert.equal(api(parseLinkDate('2024-05-01T10:00:00-0530')), '2024-05-01T10:00:00.000-0530');
      assert.equal(api(parseLinkDate('2024-05-01T10:00+03')), '2024-05-01T10:00:00.000+0300');
      assert.equal(api(parseLinkDate('2024-05-01T10:00:00.5Z')), '2024-05-01T10:00:00.500+0000');
      assert.equal(api(parseLinkDate('2024-05-01T10:00:00.123456Z')), '2024-05-01T10:00:00.123+0000');
      assert.equal(api(parseLinkDate('2024-05-01 10:00:00z')), '2024-05-01T10:00:00.000+0000');
    });

    it('reads a date alone as midnight UTC', () => {
      assert.equal(api(parseLinkDate('2024-05-01')), '2024-05-01T00:00:00.000+0000');
    });

    it('gives the instant for comparisons', () => {
      const a = parseLinkDate('2024-05-01T10:00:00+03:00');
      const b = parseLinkDate('2024-05-01T07:00:00Z');
      assert.ok(a.ok && b.ok);
      assert.equal(a.date.ms, b.date.ms);
      assert.equal(a.date.ms, Date.parse('2024-05-01T07:00:00Z'));
    });

    it('names what is wrong', () => {
      assert.equal(problem(parseLinkDate('')), 'empty');
      assert.equal(problem(parseLinkDate('   ')), 'empty');
      assert.equal(problem(parseLinkDate('yesterday')), 'format');
      assert.equal(problem(parseLinkDate('01.05.2024')), 'format');
      assert.equal(problem(parseLinkDate('2024-5-1')), 'format');
      assert.equal(problem(parseLinkDate('2024-05-01T10:00:00')), 'noZone');
      assert.equal(problem(parseLinkDate('2024-02-30')), 'invalid');
      assert.equal(problem(parseLinkDate('2024-13-01T00:00:00Z')), 'invalid');
      assert.equal(problem(parseLinkDate('2024-05-01T24:00:00Z')), 'invalid');
      assert.equal(problem(parseLinkDate('2024-05-01T10:00:00.000+1500')), 'invalid');
      assert.equal(api(parseLinkDate('2024-02-29')), '2024-02-29T00:00:00.000+0000');
      assert.equal(problem(parseLinkDate('2023-02-29')), 'invalid');
    });
  });

  it('parseUserRef: a login, or a uid as a number', () => {
    assert.equal(parseUserRef('alice.morgan'), 'alice.morgan');
    assert.equal(parseUserRef(' alice '), 'alice');
    assert.equal(parseUserRef('1120000000002001'), 1120000000002001);
    assert.equal(parseUserRef(1120000000002001), 1120000000002001);
    assert.equal(parseUserRef('99999999999999999999'), '99999999999999999999', 'too big for a number: kept as text');
    assert.equal(parseUserRef(''), undefined);
    assert.equal(parseUserRef('alice morgan'), undefined);
    assert.equal(parseUserRef(1.5), undefined);
    assert.equal(parseUserRef(-3), undefined);
    assert.equal(parseUserRef(null), undefined);
  });

  // import-links.md: createdBy is "String for the username, Number for the ID";
  // a listed link's createdBy is {self, id, display} with the uid in a string (get-links.md).
  it('importAuthor: the author of a listed link as _import takes it — the uid as a number', () => {
    const author = { self: 'https://api.tracker.yandex.net/v2/users/1120000000002001', id: '1120000000002001', display: 'Alice Morgan' };
    assert.equal(importAuthor(author), 1120000000002001);
    assert.equal(importAuthor({ ...author, login: 'alice.morgan' }), 1120000000002001, 'the uid wins over a login some servers add');
    assert.equal(importAuthor({ id: 'alice.morgan', display: 'Alice' }), 'alice.morgan', 'a login in id stays a login');
    assert.equal(importAuthor({ id: '', login: 'alice.morgan' }), 'alice.morgan');
    assert.equal(importAuthor(undefined), undefined);
  });

  it('parseRelationship: the 11 values, tolerant of case and spaces', () => {
    assert.equal(parseRelationship('Depends  On'), 'depends on');
    assert.equal(parseRelationship(' clone '), 'clone');
    assert.equal(parseRelationship('original'), 'original');
    assert.equal(parseRelationship('blocks'), undefined);
    assert.equal(parseRelationship(3), undefined);
  });

  describe('validateRecord', () => {
    const good = { source: 'trek-12', relationship: 'relates', target: 'WEB-7', createdBy: 'alice.morgan', createdAt: '2026-01-02' };

    it('normalizes a good row', () => {
      const { row, problems } = validateRecord(good);
      assert.deepEqual(problems, []);
      assert.deepEqual(row, {
        source: 'TREK-12',
        relationship: 'relates',
        target: 'WEB-7',
        createdBy: 'alice.morgan',
        createdAt: '2026-01-02T00:00:00.000+0000',
      });
      assert.deepEqual(importBody(row!), { relationship: 'relates', issue: 'WEB-7', createdAt: '2026-01-02T00:00:00.000+0000', createdBy: 'alice.morgan' });
    });

    it('takes update info as a pair', () => {
      const { row } = validateRecord({ ...good, createdBy: '1120000000002001', updatedBy: 'boris', updatedAt: '2026-01-03T10:00:00+03:00' });
      assert.deepEqual(importBody(row!), {
        relationship: 'relates',
        issue: 'WEB-7',
        createdAt: '2026-01-02T00:00:00.000+0000',
        createdBy: 1120000000002001,
        updatedAt: '2026-01-03T10:00:00.000+0300',
        updatedBy: 'boris',
      });
      assert.deepEqual(validateRecord({ ...good, updatedBy: 'boris' }).problems, [{ code: 'pairIncomplete', field: 'updatedAt' }]);
      assert.deepEqual(validateRecord({ ...good, updatedAt: '2026-01-03' }).problems, [{ code: 'pairIncomplete', field: 'updatedBy' }]);
    });

    it('refuses an update before the creation', () => {
      const r = validateRecord({ ...good, updatedBy: 'boris', updatedAt: '2026-01-01T23:00:00Z' });
      assert.equal(r.row, undefined);
      assert.deepEqual(r.problems, [{ code: 'updatedBeforeCreated', field: 'updatedAt', value: '2026-01-01T23:00:00Z' }]);
      // Same instant in another zone is not earlier.
      assert.deepEqual(validateRecord({ ...good, updatedBy: 'boris', updatedAt: '2026-01-02T03:00:00+03:00' }).problems, []);
    });

    it('reports every problem of a row', () => {
      const r = validateRecord({ source: 'TREK', relationship: 'blocks', target: '', createdBy: 'a b', createdAt: '2026-01-02T10:00', extra: 1 });
      assert.equal(r.row, undefined);
      assert.deepEqual(
        r.problems.map((p) => `${p.code}:${p.field}`),
        ['unknownField:extra', 'missing:target', 'badKey:source', 'badRelationship:relationship', 'badUser:createdBy', 'dateNoZone:createdAt'],
      );
      assert.deepEqual(validateRecord({ ...good, target: 'TREK-12' }).problems, [{ code: 'sameIssue', field: 'target', value: 'TREK-12' }]);
      assert.deepEqual(validateRecord({ ...good, createdAt: 20260102 }).problems, [{ code: 'notText', field: 'createdAt', value: '20260102' }]);
    });
  });

  describe('CSV', () => {
    it('parses quotes, doubled quotes, CRLF and multi-line cells with their first line', () => {
      const { records } = readCsv('a,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",z\n,,\nlast,row');
      assert.deepEqual(records, [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x, y', 'say "hi"'] },
        { line: 4, cells: ['multi\nline', 'z'] },
        { line: 7, cells: ['last', 'row'] },
      ]);
      assert.deepEqual(readCsv('a,"b\nc').unterminatedQuoteLine, 1);
    });

    const header = 'source,relationship,target,createdBy,createdAt,updatedBy,updatedAt';

    it('validates each row and reports bad ones by line', () => {
      const text = [
        '\ufeff' + header,
        'TREK-3,relates,TREK-4,alice.morgan,2025-06-01T10:00:00Z,,',
        'TREK-3,blocks,TREK-4,alice.morgan,2025-06-01,,',
        '',
        'TREK-5,depends on,TREK-6,1120000000002001,2025-07-01T10:00:00.000+0300,boris.ivanov,2025-07-02',
        'TREK-7,relates,TREK-8,alice,2025-06-01,bob,',
      ].join('\n');
      const f = parseImportFile(text, 'csv');
      assert.equal(f.fatal, undefined);
      assert.equal(f.total, 4);
      assert.deepEqual(f.rows.map((r) => r.place), [{ line: 2 }, { line: 5 }]);
      assert.deepEqual(f.rows[1].row, {
        source: 'TREK-5',
        relationship: 'depends on',
        target: 'TREK-6',
        createdBy: 1120000000002001,
        createdAt: '2025-07-01T10:00:00.000+0300',
        updatedBy: 'boris.ivanov',
        updatedAt: '2025-07-02T00:00:00.000+0000',
      });
      assert.deepEqual(f.bad, [
        { place: { line: 3 }, problems: [{ code: 'badRelationship', field: 'relationship', value: 'blocks' }] },
        { place: { line: 6 }, problems: [{ code: 'pairIncomplete', field: 'updatedAt' }] },
      ]);
    });

    it('takes the columns in any order and case, optional ones may be absent', () => {
      const f = parseImportFile('Target,SOURCE,relationship,createdAt,createdBy\nTREK-4,TREK-3,relates,2025-06-01,alice\n', 'csv');
      assert.deepEqual(f.rows.map((r) => [r.row.source, r.row.target]), [['TREK-3', 'TREK-4']]);
    });

    it('refuses a file whose header is wrong', () => {
      assert.deepEqual(parseImportFile('', 'csv').fatal, { code: 'empty' });
      assert.deepEqual(parseImportFile('source,relationship,target,createdAt\n', 'csv').fatal, { code: 'missingColumns', columns: ['createdBy'] });
      assert.deepEqual(parseImportFile('source,relation,target\n', 'csv').fatal, { code: 'unknownColumns', columns: ['relation'] });
      assert.deepEqual(parseImportFile('source,Source\n', 'csv').fatal, { code: 'duplicateColumns', columns: ['source'] });
      assert.deepEqual(parseImportFile(`${header}\n"TREK-1,relates`, 'csv').fatal, { code: 'unterminatedQuote', line: 2 });
    });

    it('reports cells beyond the header', () => {
      const f = parseImportFile('source,relationship,target,createdBy,createdAt\nTREK-3,relates,TREK-4,alice,2025-06-01,oops\n', 'csv');
      assert.deepEqual(f.bad, [{ place: { line: 2 }, problems: [{ code: 'extraCells', value: 'oops' }] }]);
    });
  });

  describe('JSON', () => {
    it('validates an array of objects, places are indexes', () => {
      const f = parseImportFile(
        JSON.stringify([
          { source: 'TREK-3', relationship: 'clone', target: 'TREK-4', createdBy: 1120000000002001, createdAt: '2025-06-01T10:00:00Z' },
          'nope',
          { source: 'TREK-3', relationship: 'relates', target: 'TREK-4', createdBy: 'alice' },
        ]),
        'json',
      );
      assert.equal(f.total, 3);
      assert.deepEqual(f.rows.map((r) => [r.place, r.row.createdBy, r.row.relationship]), [[{ index: 0 }, 1120000000002001, 'clone']]);
      assert.deepEqual(f.bad, [
        { place: { index: 1 }, problems: [{ code: 'notAnObject', value: 'nope' }] },
        { place: { index: 2 }, problems: [{ code: 'missing', field: 'createdAt' }] },
      ]);
    });

    it('refuses what is not a JSON array', () => {
      assert.equal(parseImportFile('{"source": 1}', 'json').fatal?.code, 'notArray');
      assert.equal(parseImportFile('[{', 'json').fatal?.code, 'notJson');
      assert.equal(parseImportFile(' ', 'json').fatal?.code, 'empty');
    });
  });

  it('detectFormat: by extension, else by the first character', () => {
    assert.equal(detectFormat('links.JSON', 'source,…'), 'json');
    assert.equal(detectFormat('links.csv', '[]'), 'csv');
    assert.equal(detectFormat('links.txt', '\ufeff  [ {} ]'), 'json');
    assert.equal(detectFormat('links', 'source,target'), 'csv');
  });

  it('a re-run finds a row\'s link by relationship and target as listed on the source (findIssueLink)', () => {
    const link = (typeId: string, direction: 'outward' | 'inward', key: string): IssueLink =>
      ({ id: 1, type: { id: typeId, inward: '', outward: '' }, direction, object: { id: 'x', key } }) as IssueLink;
    const links = [link('depends', 'outward', 'TREK-14'), link('relates', 'inward', 'WEB-7')];
    assert.equal(findIssueLink(links, 'depends on', 'trek-14') !== undefined, true);
    assert.equal(findIssueLink(links, 'is dependent by', 'TREK-14') !== undefined, false);
    assert.equal(findIssueLink(links, 'relates', 'WEB-7') !== undefined, true);
    assert.equal(findIssueLink(links, 'relates', 'WEB-8') !== undefined, false);
  });

  it('resultLogLine: one JSON object per line', () => {
    const row = { source: 'TREK-3', relationship: 'relates' as const, target: 'TREK-4', createdBy: 'a', createdAt: 'x' };
    const line = resultLogLine({ line: 2 }, row, 'created', { linkId: 7, at: new Date(Date.UTC(2026, 0, 1)) });
    assert.ok(!line.includes('\n'));
    assert.deepEqual(JSON.parse(line), {
      at: '2026-01-01T00:00:00.000Z',
      line: 2,
      outcome: 'created',
      source: 'TREK-3',
      relationship: 'relates',
      target: 'TREK-4',
      linkId: 7,
    });
  });
});
