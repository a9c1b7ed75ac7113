import * as assert from 'node:assert/strict';
import { readCsv } from '../../../src/links/csv';
import { isJiraExport, planOf, readSource, readSourceBytes, type SourceFile } from '../../../src/migrate/source';
import { rowState } from '../../../src/migrate/plan';
import { fixtureText } from './helpers';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `25/Feb/26 10:17 PM` → `25.02.2026 22:17`, as a Russian-locale Excel shows and saves a date cell. */
function ruDate(cell: string): string {
  const m = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{2}) (\d{1,2}):(\d{2}) (AM|PM)$/.exec(cell);
  if (!m) return cell;
  const h = (Number(m[4]) % 12) + (m[6] === 'PM' ? 12 : 0);
  const p = (n: number | string) => String(n).padStart(2, '0');
  return `${p(m[1])}.${p(MONTHS.indexOf(m[2]) + 1)}.20${m[3]} ${p(h)}:${m[5]}`;
}

/** The InsureCo export as Excel re-saves it: another delimiter, its dates in the locale's format. */
function resaved(delimiter: string): string {
  const quote = (c: string) => (/[";\t\n,]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return readCsv(fixtureText('jira-cloud-insureco.csv'))
    .records.map((r) => r.cells.map((c) => quote(ruDate(c))).join(delimiter))
    .join('\r\n');
}

const kind = (f: SourceFile): string => f.kind;

describe('migrate/source', () => {
  it('tells the four sources apart by content', () => {
    assert.equal(kind(readSource(fixtureText('jira-cloud-SJU-535.json'))), 'jira-json');
    assert.equal(kind(readSource(fixtureText('jira-cloud-search-TMSP.json'))), 'jira-json');
    assert.equal(kind(readSource(fixtureText('jira-cloud-insureco.csv'))), 'jira-csv');
    assert.equal(kind(readSource('source,relationship,target,createdBy,createdAt\nTREK-1,relates,TREK-2,alice,2025-01-01\n')), 'tracker-csv');
    assert.equal(kind(readSource('[{"source":"TREK-1","relationship":"relates","target":"TREK-2","createdBy":"alice","createdAt":"2025-01-01"}]')), 'tracker-json');
  });

  it('says why a file is none of them', () => {
    assert.deepEqual(readSource(' \n'), { kind: 'unknown', reason: { code: 'empty' } });
    assert.deepEqual(readSource('{"total": 0}'), { kind: 'unknown', reason: { code: 'jsonShape' } });
    assert.equal((readSource('[{') as { reason: { code: string } }).reason.code, 'notJson');
    assert.deepEqual(readSource('Name,Size\nx,1\n'), { kind: 'unknown', reason: { code: 'csvHeader', columns: ['Name', 'Size'] } });
    assert.deepEqual(readSource('Issue key,Summary\nA-1,"open\n'), { kind: 'unknown', reason: { code: 'unterminatedQuote', line: 2 } });
  });

  it('hands over to the migration exactly the files it reads as a Jira export', () => {
    const texts = [
      fixtureText('jira-cloud-SJU-535.json'),
      fixtureText('jira-cloud-insureco.csv'),
      '\ufeff' + fixtureText('jira-cloud-insureco.csv'),
      'source,relationship,target\nTREK-1,relates,TREK-2\n',
      '[]',
      '{"total": 0}',
      '[{',
      'Issue key,Summary\nA-1,"open\n',
      ' \n',
    ];
    for (const t of texts) assert.equal(isJiraExport(t), ['jira-json', 'jira-csv'].includes(readSource(t).kind), t.slice(0, 40));
    assert.equal(isJiraExport(fixtureText('jira-cloud-insureco.csv')), true);
    assert.equal(isJiraExport('Issue key,Summary\nA-1,"open\n'), false);
  });

  it("plans today's Tracker-shaped rows as they are: bad rows and repeats skipped", () => {
    const file = readSource(
      'source;relationship;target;createdBy;createdAt\nTREK-1;relates;TREK-2;alice;2025-01-01\nTREK-1;blocks;TREK-2;alice;2025-01-01\nTREK-2;relates;TREK-1;bob;2025-01-02\n',
    );
    assert.equal(file.kind, 'tracker-csv');
    const plan = planOf(file, { keys: {} });
    assert.deepEqual(plan.rows.map(rowState), ['ready', 'skipped', 'skipped']);
    assert.deepEqual(plan.rows[1].problems.map((p) => p.code), ['invalidRow']);
    assert.deepEqual(plan.rows[2].problems, [{ code: 'duplicateRow', severity: 'skip', row: 1 }]);
    assert.deepEqual(plan.rows[0].origin, { place: { line: 2 } });
  });

  describe('the InsureCo export after a spreadsheet', () => {
    const check = (bytes: Uint8Array, encoding: string) => {
      const { decoded, file } = readSourceBytes(bytes);
      assert.equal(decoded.encoding, encoding);
      assert.equal(file.kind, 'jira-csv');
      const asked = planOf(file, { keys: { queues: new Map([['DI', 'TREK']]) }, fallbackUser: 'bot' });
      assert.deepEqual(asked.dateQuestion?.guess.formats, ['d.M.y'], 'a dotted date is day-first: only the zone is asked');
      assert.deepEqual(asked.dateQuestion?.ask, { format: false, zone: true });
      const plan = planOf(file, { keys: { queues: new Map([['DI', 'TREK']]) }, fallbackUser: 'bot', dates: { format: 'd.M.y', zone: { iana: 'Europe/Moscow' } } });
      assert.deepEqual(plan.rows.map((r) => [r.source, r.relationship, r.target, r.createdAt]), [
        ['TREK-127', 'has epic', 'TREK-86', '2026-02-25T22:17:00.000+0300'],
        ['TREK-124', 'has epic', 'TREK-86', '2026-02-25T15:51:00.000+0300'],
        ['TREK-123', 'has epic', 'TREK-86', '2026-02-25T15:51:00.000+0300'],
      ]);
    };

    it('"CSV UTF-8" from a Russian-locale Excel: a BOM, semicolons, dd.MM.yyyy', () => {
      check(Buffer.from('\ufeff' + resaved(';'), 'utf8'), 'utf-8');
    });

    it('"Unicode text": UTF-16 with tabs', () => {
      check(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(resaved('\t'), 'utf16le')]), 'utf-16le');
    });
  });
});
