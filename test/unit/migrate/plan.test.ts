import * as assert from 'node:assert/strict';
import { readCsv } from '../../../src/links/csv';
import { linkWords } from '../../../src/links/words';
import { ENGLISH } from '../english';
import { inverseRelationship, relationshipInfo } from '../../../src/links/relationships';

const describeRelationship = linkWords(ENGLISH).relationshipSentence;
import type { IssueLink, IssueRelationship } from '../../../src/tracker/types';
import { readJiraCsv, readJiraJson } from '../../../src/migrate/jira';
import { linkTypeMapping, parseLinkTypeFile } from '../../../src/migrate/mapping';
import {
  acceptClamps,
  buildPlan,
  importRowOf,
  issuesToCheck,
  markExisting,
  trackerKeys,
  resultFile,
  rowState,
  summarizePlan,
  type Plan,
  type PlanOptions,
  type PlanRow,
  type RowOutcome,
} from '../../../src/migrate/plan';
import { fixtureJson, fixtureText } from './helpers';

const NOW = new Date('2026-12-01T00:00:00Z');
const queues = (...pairs: Array<[string, string]>) => ({ queues: new Map(pairs) });
const sentence = (r: PlanRow): string => (r.relationship && r.source && r.target ? describeRelationship(r.relationship, r.source, r.target) : '');
const codes = (r: PlanRow): string[] => r.problems.map((p) => p.code);

/** A link as `GET /v2/issues/{key}/links` lists it, shaped by the catalogue for a relationship. */
function listed(rel: IssueRelationship, key: string): IssueLink {
  const info = relationshipInfo(rel);
  return { id: 1, type: { id: info.typeId, inward: '', outward: '' }, direction: info.direction, object: { id: key.toLowerCase(), key } };
}

function sjuPlan(extra: Partial<PlanOptions> = {}): Plan {
  return buildPlan(readJiraJson(fixtureJson('jira-cloud-SJU-535.json')), {
    keys: queues(['SJU', 'TREK'], ['BLOG', 'WEB']),
    fallbackUser: 'migration.bot',
    now: NOW,
    ...extra,
  });
}

describe('migrate/plan', () => {
  it('makes one Tracker row per Jira link, oriented as Jira says it (SJU-535)', () => {
    const plan = sjuPlan();
    assert.equal(plan.source, 'jira-json');
    assert.equal(plan.dateQuestion, undefined, 'REST dates say their zone');
    assert.deepEqual(plan.rows.map(sentence), [
      'WEB-60 is a clone of TREK-535',
      'TREK-535 relates to TREK-320',
      'WEB-18 relates to TREK-535',
      'TREK-81 relates to TREK-535',
      'TREK-101 relates to TREK-535',
      'TREK-10 relates to TREK-535',
      'TREK-414 relates to TREK-535',
      'TREK-535 is in epic TREK-180',
    ]);
    assert.deepEqual(plan.rows.map((r) => r.relationship), ['original', 'relates', 'relates', 'relates', 'relates', 'relates', 'relates', 'has epic']);
    assert.ok(plan.rows.every((r) => rowState(r) === 'ready'));
    // No changelog: the export does not say who linked them or when; both are said on the row.
    const [first] = plan.rows;
    assert.equal(first.createdBy, 'migration.bot');
    assert.equal(first.createdAt, '2020-11-08T09:52:06.245-0700');
    assert.equal(first.dateFrom, 'issues');
    assert.deepEqual(codes(first), ['authorUnknown', 'dateEstimated']);
    assert.deepEqual(summarizePlan(plan), { rows: 8, ready: 8, exists: 0, skipped: 0, blocked: 0, authorFallback: 0, authorUnknown: 8, dateEstimated: 8, outsideLifetime: 0 });
    assert.deepEqual(importRowOf(first), { source: 'WEB-60', relationship: 'original', target: 'TREK-535', createdBy: 'migration.bot', createdAt: '2020-11-08T09:52:06.245-0700' });
  });

  it('orients Blocks and Duplicate from either listing side, as the catalogue reads them', () => {
    // One Blocks and one Duplicate link, each listed from both of its issues (the shape of jira-cloud-SJU-535.json's issuelinks).
    const blocks = { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' };
    const dup = { name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' };
    const read = readJiraJson([
      { key: 'PROJ-1', fields: { created: '2024-01-01T00:00:00.000+0000', issuelinks: [{ id: '1', type: blocks, outwardIssue: { key: 'PROJ-2' } }, { id: '2', type: dup, inwardIssue: { key: 'PROJ-2' } }] } },
      { key: 'PROJ-2', fields: { created: '2024-01-02T00:00:00.000+0000', issuelinks: [{ id: '1', type: blocks, inwardIssue: { key: 'PROJ-1' } }, { id: '2', type: dup, outwardIssue: { key: 'PROJ-1' } }] } },
    ]);
    const plan = buildPlan(read, { keys: queues(['PROJ', 'TREK']), fallbackUser: 'bot', now: NOW });
    assert.deepEqual(plan.rows.map((r) => [r.source, r.relationship, r.target]), [
      ['TREK-1', 'is dependent by', 'TREK-2'],
      ['TREK-2', 'duplicates', 'TREK-1'],
    ]);
    assert.deepEqual(plan.rows.map(sentence), ['TREK-1 blocks TREK-2', 'TREK-2 duplicates TREK-1']);
    // Seen from the blocked issue, the catalogue's inverse: PROJ-2 depends on PROJ-1.
    assert.equal(inverseRelationship(plan.rows[0].relationship as IssueRelationship), 'depends on');
    assert.equal(plan.rows[0].createdAt, '2024-01-02T00:00:00.000+0000', 'the later of the two creations');
  });

  it('skips what has no counterpart, and says which key', () => {
    const plan = sjuPlan({ keys: queues(['SJU', 'TREK']) });
    assert.deepEqual(plan.rows[0].problems.filter((p) => p.severity === 'skip'), [{ code: 'noCounterpart', severity: 'skip', field: 'source', value: 'BLOG-60' }]);
    assert.equal(rowState(plan.rows[0]), 'skipped');
    assert.equal(summarizePlan(plan).skipped, 2);
  });

  it('without a fallback login, rows with no known author wait for one', () => {
    const plan = sjuPlan({ fallbackUser: undefined });
    assert.ok(plan.rows.every((r) => rowState(r) === 'blocked' && codes(r).includes('noAuthor')));
  });

  it('reports unknown link types with their counts, and a mapping file settles them (DEMO-2719)', () => {
    const read = readJiraJson(fixtureJson('jira-server-DEMO-2719.json'));
    const keys = queues(['DEMO', 'TREK']);
    const bare = buildPlan(read, { keys, fallbackUser: 'bot', now: NOW });
    assert.deepEqual(bare.unknownTypes, [{ name: 'Detail', rows: 1 }, { name: 'Reference', rows: 2 }]);
    assert.ok(bare.rows.every((r) => rowState(r) === 'skipped' && codes(r)[0] === 'unknownLinkType'));

    const file = parseLinkTypeFile('{"Reference": "relates", "Detail": null}');
    const mapped = buildPlan(read, { keys, fallbackUser: 'bot', now: NOW, linkTypes: linkTypeMapping(file.mapping) });
    assert.deepEqual(mapped.unknownTypes, []);
    assert.deepEqual(mapped.rows.map((r) => [rowState(r), sentence(r)]), [
      ['skipped', ''],
      ['ready', 'TREK-2719 relates to TREK-2722'],
      ['ready', 'TREK-2718 relates to TREK-2719'],
    ]);
    assert.deepEqual(codes(mapped.rows[0]), ['leftOut', 'authorUnknown', 'dateEstimated']);
  });

  it('skips a row that is the same Tracker link as an earlier one', () => {
    const read = readJiraJson(fixtureJson('jira-server-DEMO-2719.json'));
    const plan = buildPlan(read, {
      keys: { pairs: new Map([['DEMO-2719', 'TREK-1'], ['DEMO-2722', 'TREK-2'], ['DEMO-2718', 'TREK-2']]) },
      linkTypes: linkTypeMapping(new Map([['reference', 'relates'], ['detail', null]])),
      fallbackUser: 'bot',
      now: NOW,
    });
    // TREK-1 relates TREK-2, then TREK-2 relates TREK-1: one link in Tracker.
    assert.deepEqual(plan.rows[2].problems.filter((p) => p.severity === 'skip'), [{ code: 'duplicateRow', severity: 'skip', row: 2 }]);
  });

  it('takes the author and date of a sub-task from the sub-task, mapped to a Tracker user (TMSP)', () => {
    const plan = buildPlan(readJiraJson(fixtureJson('jira-cloud-search-TMSP.json')), {
      keys: queues(['TMSP', 'TREK']),
      users: new Map([['712020:ec35d582-12cc-492e-a1ca-5a5afc8a9b76', 'pooja']]),
      now: NOW,
    });
    assert.equal(plan.rows.length, 1, 'listed by both issues, imported once');
    const [row] = plan.rows;
    assert.equal(sentence(row), 'TREK-64 is a sub-issue of TREK-63');
    assert.deepEqual([row.createdBy, row.createdAt, row.dateFrom, row.foreignAuthor], ['pooja', '2024-07-26T16:22:23.916+0530', 'child', 'Pooja Nimbalkar']);
    assert.deepEqual(row.problems, []);
  });

  it('counts an unmapped author that falls back, naming them (MIB-215)', () => {
    const plan = buildPlan(readJiraJson(fixtureJson('jira-cloud-MIB-215-changelog.json')), { keys: queues(['MIB', 'TREK']), fallbackUser: 'bot', now: NOW });
    assert.equal(plan.rows.length, 1, 'the epic by parent and by Epic Link is one row');
    const [row] = plan.rows;
    assert.equal(sentence(row), 'TREK-215 is in epic TREK-18');
    assert.deepEqual([row.createdBy, row.createdAt, row.dateFrom], ['bot', '2024-09-16T09:35:24.537+0300', 'changelog']);
    assert.deepEqual(row.problems, [{ code: 'authorFallback', severity: 'note', value: 'Kushal Ganji' }]);
    assert.equal(summarizePlan(plan).authorFallback, 1);
  });

  describe('lifetimes', () => {
    it('offers a clamp for a link older than a Tracker issue, and applies it only when accepted', () => {
      const plan = sjuPlan({ trackerCreated: new Map([['TREK-535', '2025-01-10T12:00:00.000+0000']]) });
      const [row] = plan.rows;
      assert.equal(rowState(row), 'blocked');
      assert.deepEqual(row.problems.find((p) => p.code === 'outsideLifetime'), {
        code: 'outsideLifetime',
        severity: 'block',
        value: '2020-11-08T09:52:06.245-0700',
        issue: 'TREK-535',
        clamp: '2025-01-10T05:00:00.000-0700',
        bound: 'created',
      });
      assert.equal(row.createdAt, '2020-11-08T09:52:06.245-0700', 'not clamped silently');
      assert.equal(summarizePlan(plan).outsideLifetime, 8);

      assert.equal(acceptClamps(plan, [1]), 1);
      assert.equal(plan.rows[0].createdAt, '2025-01-10T05:00:00.000-0700');
      assert.equal(rowState(plan.rows[0]), 'ready');
      assert.ok(codes(plan.rows[0]).includes('clamped'));
      assert.equal(rowState(plan.rows[1]), 'blocked');
      assert.equal(acceptClamps(plan), 7);
    });

    it('offers "now" for a link dated in the future', () => {
      const plan = sjuPlan({ now: new Date('2019-01-01T00:00:00Z') });
      const p = plan.rows[0].problems.find((x) => x.code === 'outsideLifetime');
      assert.deepEqual(p && 'clamp' in p ? p.clamp : undefined, '2018-12-31T17:00:00.000-0700');
    });
    it('checks the window of both Tracker issues: the later creation, the later last update (import-links.md)', () => {
      // Both issues read from Tracker; TREK-535 was created after the Jira date, and WEB-60 last updated before it.
      const issues = new Map([
        ['WEB-60', { createdAt: '2020-01-01T00:00:00.000+0000', updatedAt: '2020-06-01T00:00:00.000+0000' }],
        ['TREK-535', { createdAt: '2020-02-01T00:00:00.000+0000', updatedAt: '2020-07-01T00:00:00.000+0000' }],
      ]);
      const plan = sjuPlan({ trackerIssues: issues });
      const p = plan.rows[0].problems.find((x) => x.code === 'outsideLifetime');
      assert.deepEqual(p, { code: 'outsideLifetime', severity: 'block', value: '2020-11-08T09:52:06.245-0700', issue: 'TREK-535', clamp: '2020-06-30T17:00:00.000-0700', bound: 'updated' });
      const early = sjuPlan({ trackerIssues: new Map([...issues, ['WEB-60', { createdAt: '2021-01-01T00:00:00.000+0000', updatedAt: '2021-06-01T00:00:00.000+0000' }]]) });
      const q = early.rows[0].problems.find((x) => x.code === 'outsideLifetime');
      assert.deepEqual(q && 'bound' in q ? [q.issue, q.bound, q.clamp] : undefined, ['WEB-60', 'created', '2020-12-31T17:00:00.000-0700']);
    });

    it('skips a row whose Tracker issue does not exist, once the issues were read', () => {
      const issues = new Map([['WEB-60', { createdAt: '2020-01-01T00:00:00.000+0000', updatedAt: '2026-06-01T00:00:00.000+0000' }]]);
      const plan = sjuPlan({ trackerIssues: issues });
      assert.equal(rowState(plan.rows[0]), 'skipped');
      assert.deepEqual(plan.rows[0].problems.find((x) => x.code === 'notInTracker'), { code: 'notInTracker', severity: 'skip', field: 'target', value: 'TREK-535' });
    });
  });

  it('names every Tracker issue the sendable rows touch, once, for one read of their lifetimes', () => {
    assert.deepEqual(trackerKeys(sjuPlan()), ['WEB-60', 'TREK-535', 'TREK-320', 'WEB-18', 'TREK-81', 'TREK-101', 'TREK-10', 'TREK-414', 'TREK-180']);
  });

  describe('CSV dates', () => {
    const read = () => readJiraCsv(readCsv(fixtureText('jira-cloud-insureco.csv')).records);

    it('asks for the zone of local times before any row can go (InsureCo)', () => {
      const plan = buildPlan(read(), { keys: queues(['DI', 'TREK']), fallbackUser: 'bot', now: NOW });
      assert.deepEqual(plan.dateQuestion?.guess.formats, ['d/MMM/y']);
      assert.deepEqual(plan.dateQuestion?.ask, { format: false, zone: true });
      assert.ok(plan.dateQuestion?.samples.includes('25/Feb/26 10:17 PM'));
      assert.deepEqual(plan.rows.map(rowState), ['blocked', 'blocked', 'blocked']);
      assert.ok(plan.rows.every((r) => codes(r).includes('dateNeedsConfirmation')));
    });

    it('reads them once confirmed', () => {
      const plan = buildPlan(read(), { keys: queues(['DI', 'TREK']), fallbackUser: 'bot', now: NOW, dates: { format: 'd/MMM/y', zone: { iana: 'Europe/Moscow' } } });
      assert.equal(plan.dateQuestion, undefined);
      assert.deepEqual(plan.rows.map((r) => [sentence(r), r.createdAt, rowState(r)]), [
        ['TREK-127 is in epic TREK-86', '2026-02-25T22:17:00.000+0300', 'ready'],
        ['TREK-124 is in epic TREK-86', '2026-02-25T15:51:00.000+0300', 'ready'],
        ['TREK-123 is in epic TREK-86', '2026-02-25T15:51:00.000+0300', 'ready'],
      ]);
    });
  });

  describe('existing links', () => {
    const tmsp = () => buildPlan(readJiraJson(fixtureJson('jira-cloud-search-TMSP.json')), { keys: queues(['TMSP', 'TREK']), fallbackUser: 'bot', now: NOW });

    it('lists each source once to check', () => {
      assert.deepEqual(issuesToCheck(tmsp()), ['TREK-64']);
      assert.deepEqual(issuesToCheck(sjuPlan()), ['WEB-60', 'TREK-535', 'WEB-18', 'TREK-81', 'TREK-101', 'TREK-10', 'TREK-414']);
    });

    it('marks a row Tracker has, listed on its source or on its target', () => {
      const a = tmsp();
      assert.equal(markExisting(a, 'TREK-64', [listed('relates', 'TREK-63')]), 0);
      assert.equal(markExisting(a, 'trek-64', [listed('is subtask for', 'TREK-63')]), 1);
      assert.equal(rowState(a.rows[0]), 'exists');
      assert.equal(importRowOf(a.rows[0]), undefined, 'a re-run sends nothing');
      const b = tmsp();
      assert.equal(markExisting(b, 'TREK-63', [listed('is parent task for', 'TREK-64')]), 1);
      assert.equal(summarizePlan(b).exists, 1);
    });
  });

  it('writes the result file: sent, skipped and failed, with the reason', () => {
    const plan = sjuPlan({ keys: queues(['SJU', 'TREK']) });
    markExisting(plan, 'TREK-81', [listed('relates', 'TREK-535')]);
    const outcomes = new Map<number, RowOutcome>([
      [2, { outcome: 'sent', linkId: 101 }],
      [5, { outcome: 'failed', reason: '=No rights to edit TREK-535.' }],
    ]);
    const text = resultFile(plan, outcomes, (r) => (r.code === 'noCounterpart' ? `no Tracker issue for ${r.value}` : r.code));
    const rows = readCsv(text).records.map((r) => r.cells);
    assert.deepEqual(rows[0], ['row', 'from', 'jiraLink', 'source', 'relationship', 'target', 'createdBy', 'createdAt', 'outcome', 'reason', 'linkId']);
    const byRow = (n: number) => rows[n];
    assert.deepEqual(byRow(1), ['1', 'SJU-535 issuelinks', 'BLOG-60 Cloners SJU-535 #10495', '', 'original', 'TREK-535', 'migration.bot', '2020-11-08T09:52:06.245-0700', 'skipped', 'no Tracker issue for BLOG-60', '']);
    assert.deepEqual(byRow(2), ['2', 'SJU-535 issuelinks', 'SJU-535 Relates SJU-320 #10163', 'TREK-535', 'relates', 'TREK-320', 'migration.bot', '2020-11-08T09:52:06.245-0700', 'sent', 'authorUnknown; dateEstimated', '101']);
    assert.deepEqual(byRow(4).slice(8, 10), ['skipped', 'exists']);
    assert.deepEqual(byRow(5).slice(8, 10), ['failed', "'=No rights to edit TREK-535."], 'a reason is never a spreadsheet formula');
    assert.deepEqual(byRow(8).slice(1, 3).concat(byRow(8).slice(8, 10)), ['SJU-535 parent', 'SJU-535 @epic SJU-180', 'skipped', 'notAttempted']);
  });
});
