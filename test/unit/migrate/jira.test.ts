import * as assert from 'node:assert/strict';
import { readCsv } from '../../../src/links/csv';
import { jiraIssuesOf, readJiraCsv, readJiraJson, type ForeignLink } from '../../../src/migrate/jira';
import { fixtureJson, fixtureText } from './helpers';

/** "OUT type IN" per link, as Jira's words would read it from the outward side. */
const brief = (links: ForeignLink[]): string[] => links.map((l) => `${l.outwardKey} ${l.typeName} ${l.inwardKey}`);

describe('migrate/jira', () => {
  describe('REST JSON', () => {
    it('recognises a search result, an array of issues and one issue', () => {
      const search = fixtureJson('jira-cloud-search-TMSP.json');
      assert.equal(jiraIssuesOf(search)?.length, 2);
      assert.equal(jiraIssuesOf((search as { issues: unknown[] }).issues)?.length, 2);
      assert.equal(jiraIssuesOf(fixtureJson('jira-cloud-SJU-535.json'))?.length, 1);
      assert.equal(jiraIssuesOf([{ source: 'TREK-1', relationship: 'relates' }]), undefined);
      // An empty search result is still Jira's: read as such, it says there is nothing.
      assert.deepEqual(jiraIssuesOf({ issues: [] }), []);
      assert.deepEqual(readJiraJson({ issues: [] }).problems, [{ code: 'noIssues' }]);
    });

    it('orients each link by the side Jira lists it on (SJU-535)', () => {
      const read = readJiraJson(fixtureJson('jira-cloud-SJU-535.json'));
      assert.deepEqual(read.problems, []);
      assert.deepEqual(brief(read.links), [
        // inwardIssue BLOG-60 on SJU-535: "SJU-535 is cloned by BLOG-60", so BLOG-60 clones SJU-535.
        'BLOG-60 Cloners SJU-535',
        // outwardIssue SJU-320: "SJU-535 relates to SJU-320".
        'SJU-535 Relates SJU-320',
        'BLOG-18 Relates SJU-535',
        'SJU-81 Relates SJU-535',
        'SJU-101 Relates SJU-535',
        'SJU-10 Relates SJU-535',
        'SJU-414 Relates SJU-535',
        // The parent is an Epic (hierarchyLevel 1): an epic relation, not a sub-task.
        'SJU-535 @epic SJU-180',
      ]);
      assert.equal(read.links[0].linkId, '10495');
      assert.deepEqual(read.links[7].origin, { issue: 'SJU-535', field: 'parent' });
      assert.equal(read.links[0].date, undefined, 'no changelog: the link has no date of its own');
      assert.deepEqual(read.issues.get('SJU-535'), {
        key: 'SJU-535',
        id: '10495',
        created: '2020-11-08T09:52:06.245-0700',
        creator: { accountId: '5f96f469c9b15a0078974870', displayName: 'Adrian Bora' },
        type: 'Task',
        level: 0,
      });
    });

    it('reads a sub-task listed by both issues once, dated by its creation (TMSP)', () => {
      const read = readJiraJson(fixtureJson('jira-cloud-search-TMSP.json'));
      assert.deepEqual(brief(read.links), ['TMSP-64 @subtask TMSP-63']);
      const [l] = read.links;
      assert.equal(l.kind, 'subtask');
      assert.equal(l.date, '2024-07-26T16:22:23.916+0530');
      assert.equal(l.dateFrom, 'child');
      assert.equal(l.author?.accountId, '712020:ec35d582-12cc-492e-a1ca-5a5afc8a9b76');
    });

    it('finds the Epic Link field by the changelog and reads the epic once, with who set it and when (MIB-215)', () => {
      const read = readJiraJson(fixtureJson('jira-cloud-MIB-215-changelog.json'));
      assert.equal(read.epicLinkField, 'customfield_10013');
      assert.deepEqual(brief(read.links), ['MIB-215 @epic MIB-18']);
      const [l] = read.links;
      assert.equal(l.kind, 'epic');
      // The latest of the two history entries that set the epic (Epic Link at .537, parent at .487).
      assert.equal(l.date, '2024-09-16T09:35:24.537+0300');
      assert.equal(l.dateFrom, 'changelog');
      assert.equal(l.author?.displayName, 'Kushal Ganji');
    });

    it('finds the Epic Link field by the `names` map (expand=names), or by the option', () => {
      // MIB-215 without its parent field and changelog: only the custom field is left to tell the epic.
      const issue = fixtureJson('jira-cloud-MIB-215-changelog.json') as { fields: Record<string, unknown>; changelog?: unknown };
      delete issue.fields.parent;
      delete issue.changelog;
      assert.deepEqual(brief(readJiraJson({ issues: [issue], names: { customfield_10013: 'Epic Link' } }).links), ['MIB-215 @epic MIB-18']);
      assert.deepEqual(brief(readJiraJson([issue]).links), [], 'unknown field: not guessed');
      assert.deepEqual(brief(readJiraJson([issue], { epicLinkField: 'customfield_10013' }).links), ['MIB-215 @epic MIB-18']);
    });

    it('keeps custom link types by name, for the mapping to judge (DEMO-2719, jira.atlassian.com)', () => {
      const read = readJiraJson(fixtureJson('jira-server-DEMO-2719.json'));
      assert.deepEqual(brief(read.links), ['DEMO-2719 Detail DEMO-2717', 'DEMO-2719 Reference DEMO-2722', 'DEMO-2718 Reference DEMO-2719']);
    });

    it('reads a link listed on both of its issues once, and takes the date from either changelog', () => {
      // SJU-535 and a second issue built from it: SJU-320 listing the same Relates link (same id) back, with a changelog.
      const a = fixtureJson('jira-cloud-SJU-535.json');
      const b = {
        key: 'SJU-320',
        fields: {
          created: '2020-10-01T10:00:00.000-0700',
          issuelinks: [{ id: '10163', type: { name: 'Relates', inward: 'relates to', outward: 'relates to' }, inwardIssue: { key: 'SJU-535' } }],
        },
        changelog: {
          histories: [
            {
              author: { accountId: '5dc2d2f9e3cc320c5e8a7b04', displayName: 'Geoff Uyleman' },
              created: '2021-06-20T11:00:00.000-0600',
              items: [{ field: 'Link', fieldtype: 'jira', from: null, to: 'SJU-535', toString: 'This issue relates to SJU-535' }],
            },
          ],
        },
      };
      const read = readJiraJson([a, b]);
      const relates = read.links.filter((l) => l.typeName === 'Relates' && (l.outwardKey === 'SJU-320' || l.inwardKey === 'SJU-320'));
      assert.equal(relates.length, 1);
      assert.equal(relates[0].date, '2021-06-20T11:00:00.000-0600');
      assert.equal(relates[0].author?.displayName, 'Geoff Uyleman');
    });
  });

  describe('CSV export', () => {
    it('reads parents by issue id or key; an Epic parent is an epic relation (InsureCo)', () => {
      const read = readJiraCsv(readCsv(fixtureText('jira-cloud-insureco.csv')).records);
      assert.deepEqual(read.problems, []);
      assert.equal(read.issues.size, 10);
      assert.deepEqual(brief(read.links), ['DI-127 @epic DI-86', 'DI-124 @epic DI-86', 'DI-123 @epic DI-86']);
      assert.deepEqual(read.links[0].origin, { issue: 'DI-127', field: 'Parent key', line: 2 });
      assert.deepEqual(read.issues.get('DI-123'), {
        key: 'DI-123',
        id: '45976',
        created: '25/Feb/26 3:51 PM',
        creator: { displayName: 'Nick Nestle', accountId: '712020:11f06c30-0697-401a-b9ef-2320eb2db3a9' },
        type: 'Bug',
      });
    });

    it('reads a parent given by issue id alone (older exports: no Parent key)', () => {
      const records = readCsv(fixtureText('jira-cloud-insureco.csv')).records;
      const keyCol = records[0].cells.indexOf('Parent key');
      const withoutKeys = records.map((r) => ({ ...r, cells: r.cells.filter((_, i) => i !== keyCol) }));
      assert.deepEqual(brief(readJiraCsv(withoutKeys).links), ['DI-127 @epic DI-86', 'DI-124 @epic DI-86', 'DI-123 @epic DI-86']);
      // Parent DI-86 not exported: its id cannot become a key.
      const noEpic = withoutKeys.filter((r) => !r.cells.includes('DI-86'));
      const read = readJiraCsv(noEpic);
      assert.deepEqual(read.links, []);
      assert.deepEqual(read.problems.map((p) => p.code), ['parentNotInFile', 'parentNotInFile', 'parentNotInFile']);
    });

    it('reads repeated link columns, orients them and reads a link listed on both rows once', () => {
      // SJU-535's links (jira-cloud-SJU-535.json) written the way Jira's CSV export writes them, plus SJU-320's row.
      const csv = [
        'Summary,Issue key,Issue id,Issue Type,Created,Inward issue link (Cloners),Outward issue link (Relates),Inward issue link (Relates),Inward issue link (Relates),Parent',
        'Create Azure Sentinel SIEM Environment,SJU-535,10495,Task,08/Nov/20 9:52 AM,BLOG-60,SJU-320,BLOG-18,SJU-81,10536',
        'collect and push logs from SaaS to Azure Sentinel,SJU-320,10676,Task,,,,SJU-535,,',
        'MCT Project Development & Enhancements,SJU-180,10536,Epic,,,,,,',
      ].join('\n');
      const read = readJiraCsv(readCsv(csv).records);
      assert.deepEqual(brief(read.links), ['BLOG-60 Cloners SJU-535', 'SJU-535 Relates SJU-320', 'BLOG-18 Relates SJU-535', 'SJU-81 Relates SJU-535', 'SJU-535 @epic SJU-180']);
      assert.deepEqual(read.links[1].origin, { issue: 'SJU-535', field: 'Outward issue link (Relates)', line: 2 });
    });

    it('reports what in a link cell is not a key, and reads the keys beside it', () => {
      const read = readJiraCsv(readCsv('Issue key,Outward issue link (Blocks)\nA-1,A-2 A-3\nA-4,see-below\n').records);
      assert.deepEqual(brief(read.links), ['A-1 Blocks A-2', 'A-1 Blocks A-3']);
      assert.deepEqual(read.problems, [{ code: 'badCell', issue: 'A-4', column: 'Outward issue link (Blocks)', value: 'see-below', line: 3 }]);
    });
  });
});
