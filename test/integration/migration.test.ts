// `Tracker: Migrate Links from Jira Export…` end to end against the sandbox:
// real Jira exports (test/unit/migrate/fixtures, origins in its README), every
// step answered in the real quick inputs, the dry run document as the user
// reads it, dates outside the issues' lifetime clamped only on the rows the
// user ticks, the exact `_import` bodies from the sandbox's request log, a
// re-run that sends only what is missing (and then nothing), the CSV path
// with its time zone, the user mapping with one fallback login, Cancel, a
// 429 waited out, and Import Links from File handing a Jira file over.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { MigrationResult } from '../../src/migration/migrate';
import type { ImportFileResult } from '../../src/linking/importFile';
import type { Question } from '../../src/kernel/prompts';
import { apiDate } from '../../src/migrate';
import { parseLinkDate } from '../../src/links/importDates';
import { FIXTURES } from '../unit/migrate/helpers';
import { accept, answerInput, answerPick, canType, nextInput, pressEscape, typeInto, useSandboxSuite, waitFor, withTimeout, type MessageCapture, type SandboxServer } from './helpers';

describe('Migration from Jira (real exports, sandbox Tracker)', () => {
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let messages: MessageCapture;
  let dir: string;

  useSandboxSuite({ settings: { branchDetection: false }, view: 'explorer', tempDir: 'tracker-migration-', strict: true, bind: (s) => ({ t, sb, messages, dir } = s) });

  const importPosts = () => sb.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/links/_import')).map((r) => [r.path, r.body]);
  const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const migrate = (file: string, options?: unknown) =>
    Promise.resolve(vscode.commands.executeCommand<MigrationResult>('tracker.migrateFromJira', vscode.Uri.file(file), options));

  /** The questions the flow asks (the dry run summary), answered in order. */
  const questions: Question[] = [];
  let sub: vscode.Disposable | undefined;
  beforeEach(() => {
    questions.splice(0);
    sub = t.services.prompts.onDidAsk((q) => questions.push(q));
  });
  afterEach(() => sub?.dispose());

  /** A Tracker issue's creation, written with a Jira date's offset: what a clamp offers. */
  async function createdIn(key: string, offsetMinutes: number): Promise<string> {
    const issue = await t.services.api().getIssue(key);
    const r = parseLinkDate(issue.createdAt ?? '');
    assert.ok(r.ok, `${key} has a creation date`);
    return apiDate(r.date.ms, offsetMinutes).api;
  }

  const docText = async (r: MigrationResult) => {
    assert.ok(r.dryRun, 'a dry run document');
    return (await vscode.workspace.openTextDocument(vscode.Uri.parse(r.dryRun))).getText();
  };

  /** Each text a dry run document is given, in order, while the returned watch lasts. */
  const dryRunVersions = () => {
    const texts: string[] = [];
    const sub = t.dryRuns.onDidChange((u) => texts.push(t.dryRuns.provideTextDocumentContent(u)));
    return { texts, dispose: () => sub.dispose() };
  };

  /** The dry run document once it says `line` (an open document takes the new text a moment later). */
  const afterImport = async (r: MigrationResult, line: RegExp) => {
    let text = '';
    await waitFor(async () => line.test((text = await docText(r))), 10000, `the dry run document to say ${line.source}`);
    return text;
  };

  describe('Jira REST JSON', () => {
    // No fixture holds a sub-task, an epic set by a named user and an existing
    // link together: the file is three fixtures' issues in one search result.
    let file: string;
    beforeEach(() => {
      const tmsp = JSON.parse(fixture('jira-cloud-search-TMSP.json')) as { issues: unknown[] };
      file = write('jira-issues.json', JSON.stringify({ issues: [...tmsp.issues, JSON.parse(fixture('jira-cloud-MIB-215-changelog.json')), JSON.parse(fixture('jira-cloud-SJU-535.json'))] }));
      write('keys.csv', 'jira,tracker\nTMSP-64,TREK-9\nTMSP-63,TREK-5\nMIB-215,TREK-24\nMIB-18,TREK-2\nSJU-81,TREK-8\nSJU-535,TREK-7\n');
      // Pooja Nimbalkar (TMSP) has a Tracker login; Kushal Ganji (MIB) has not.
      write('users.csv', 'account,tracker\n712020:ec35d582-12cc-492e-a1ca-5a5afc8a9b76,boris.ivanov\n');
    });

    async function answerSteps(o: { clamps: (label: string) => boolean }): Promise<void> {
      await answerPick('migration.linkTypes', "Jira's built-in link types");
      const keys = await answerPick('migration.keys', 'keys.csv');
      assert.deepStrictEqual(keys.map((i) => i.label.replace(/^\$\([^)]+\)\s*/, '')), ['A rule: same number, another queue…', 'keys.csv', 'users.csv', 'Choose a file…'], 'files beside the export are offered');
      await answerPick('migration.users', 'users.csv');
      const box = await answerInput('migration.fallbackUser', 'chen.wei');
      assert.match(box.prompt ?? '', /Kushal Ganji/, 'the unmapped author is named');
      assert.doesNotMatch(box.prompt ?? '', /Pooja/, 'the mapped one is not');
      await waitFor(() => questions.length > 0, 15000, 'the dry run summary');
      const clamps = await nextInput('migration.clamps', 15000);
      assert.strictEqual(clamps.kind, 'quickPick');
      const qp = clamps.input as vscode.QuickPick<vscode.QuickPickItem>;
      assert.ok(qp.canSelectMany, 'the rows are ticked one by one');
      qp.selectedItems = qp.items.filter((i) => o.clamps(i.label));
      await accept();
    }

    it('dry run first (nothing sent, existing link marked), clamps only on ticked rows, exact bodies, the preview then says what was sent, resumed by a re-run, then nothing', async function () {
      this.timeout(90000);
      // Run 1: tick the sub-task's date only.
      t.services.prompts.answerNext('Review 2 Dates…');
      t.services.prompts.answerNext('Import 1 Link');
      const versions = dryRunVersions();
      let done = migrate(file);
      await answerSteps({ clamps: (l) => l.includes('TREK-9') });
      let r = await withTimeout(done, 30000, 'run 1').finally(() => versions.dispose());

      assert.match(questions[0].message, /^Dry run of jira-issues\.json: 0 to import, 1 already in Tracker, 7 skipped, 2 waiting\.$/);
      // The dry run as shown before Import: nothing sent yet.
      assert.match(versions.texts[0], /^# Dry run: jira-issues\.json$/m);
      assert.match(versions.texts[0], /Nothing has been sent to Tracker yet\./);
      // After the import the preview says what was sent, not "nothing yet".
      const doc = await afterImport(r, /Sent to Tracker after this dry run: 1 imported, 0 failed, 0 not attempted\./);
      assert.match(doc, /^# Dry run: jira-issues\.json$/m);
      assert.doesNotMatch(doc, /Nothing has been sent/);
      assert.match(doc, /\| TREK-9 is a sub-issue of TREK-5 \| TREK-5 \| [^|]+ \| [^|]+ \| imported \|/);
      assert.match(doc, /\| SJU-81 Relates SJU-535 \| TREK-8 \| TREK-8 relates to TREK-7 \| TREK-7 \| chen\.wei \| [^|]+ \| already in Tracker, skipped \|/);
      assert.match(doc, /\| TMSP-64 @subtask TMSP-63 \| TREK-9 \| TREK-9 is a sub-issue of TREK-5 \| TREK-5 \| boris\.ivanov \(Pooja Nimbalkar\) \|/);
      assert.match(doc, /\| TREK-24 is in epic TREK-2 \| TREK-2 \| chen\.wei \(Kushal Ganji\) \|[^\n]*Kushal Ganji has no Tracker user: the chosen login is the author/);
      assert.match(doc, /SJU-10 has no Tracker counterpart/);

      const sub = await createdIn('TREK-9', 330);
      assert.deepStrictEqual(importPosts(), [['/v2/issues/TREK-9/links/_import', { relationship: 'is subtask for', issue: 'TREK-5', createdAt: sub, createdBy: 'boris.ivanov' }]]);
      assert.deepStrictEqual([r.sent, r.existing, r.clamped, r.failed.length, r.cancelled], [1, 1, 1, 0, false]);
      const result = fs.readFileSync(path.join(dir, 'jira-issues.migration-result.csv'), 'utf8');
      assert.match(result, /TREK-9,is subtask for,TREK-5,boris\.ivanov,[^,]+,sent,"?[^\n]*accepted/);
      assert.match(result, /TREK-24,has epic,TREK-2,chen\.wei,[^,]+,skipped,"?[^\n]*is before TREK-24 was created; offered:/);
      assert.match(result, /TREK-8,relates,TREK-7,chen\.wei,[^,]+,skipped,already in Tracker/);
      await messages.wait(/jira-issues\.json: 1 link imported, 1 already in Tracker, 8 skipped, 0 failed\./);

      // Run 2: the rest, once its date is accepted; the sub-task is found in Tracker and not sent again.
      questions.splice(0);
      t.services.prompts.answerNext('Review 1 Date…');
      t.services.prompts.answerNext('Import 1 Link');
      const versions2 = dryRunVersions();
      done = migrate(file);
      await answerSteps({ clamps: () => true });
      r = await withTimeout(done, 30000, 'run 2').finally(() => versions2.dispose());
      assert.match(questions[0].message, /0 to import, 2 already in Tracker, 7 skipped, 1 waiting\./);
      // One date left: said in the singular, in the question and in the document.
      assert.deepStrictEqual(questions[0].choices, ['Review 1 Date…']);
      assert.match(questions[0].detail ?? '', /^1 date falls outside its issues' lifetime: Tracker refuses it unless you accept the nearest allowed date\.$/m);
      assert.match(versions2.texts[0], /^- 1 waiting for your answer \(1 date outside its issues' lifetime\)$/m);
      const epic = await createdIn('TREK-24', 180);
      assert.deepStrictEqual(importPosts().slice(1), [['/v2/issues/TREK-24/links/_import', { relationship: 'has epic', issue: 'TREK-2', createdAt: epic, createdBy: 'chen.wei' }]]);

      // Run 3: nothing left to send.
      const before = importPosts().length;
      done = migrate(file);
      await answerPick('migration.linkTypes', "Jira's built-in link types");
      await answerPick('migration.keys', 'keys.csv');
      await answerPick('migration.users', 'users.csv');
      await answerInput('migration.fallbackUser', 'chen.wei');
      r = await withTimeout(done, 30000, 'run 3');
      assert.strictEqual(importPosts().length, before, 'a re-run sends nothing');
      assert.deepStrictEqual([r.sent, r.existing], [0, 3]);
      assert.strictEqual(questions.length, 2, 'no question when there is nothing to send');
    });

    it('Back returns to the previous step with the choices kept; Escape sends nothing', async function () {
      this.timeout(30000);
      const done = migrate(file);
      await answerPick('migration.linkTypes', "Jira's built-in link types");
      const keys = await nextInput('migration.keys');
      assert.deepStrictEqual([keys.input.step, keys.input.totalSteps], [2, 4]);
      await vscode.commands.executeCommand('workbench.action.quickInputBack');
      await nextInput('migration.linkTypes');
      await pressEscape();
      const r = await withTimeout(done, 10000, 'migration');
      assert.strictEqual(r.cancelled, true);
      assert.deepStrictEqual(sb.requests.filter((q) => q.method === 'POST'), [], 'nothing sent');
      assert.strictEqual(r.dryRun, undefined);
    });
  });

  describe('Jira CSV export', () => {
    let file: string;
    beforeEach(() => {
      file = write('insureco.csv', fixture('jira-cloud-insureco.csv'));
      // DI-127 → TREK-3, already in the epic TREK-1 in the sandbox.
      write('keys-di.csv', 'DI-86,TREK-1\nDI-127,TREK-3\nDI-124,TREK-4\nDI-123,TREK-8\n');
    });

    /** `typed`: the author is typed for real, first with a space, which the box refuses in Import Link's words. */
    async function answerCsvSteps(o: { typed?: boolean } = {}): Promise<void> {
      await answerPick('migration.linkTypes', "Jira's built-in link types");
      await answerPick('migration.keys', 'keys-di.csv');
      await answerPick('migration.users', 'No user mapping');
      const zone = await answerPick('migration.timeZone', 'UTC');
      assert.ok(zone.some((i) => i.label.includes('Another zone')), 'any zone can be typed');
      if (o.typed && canType) {
        const shown = await nextInput('migration.fallbackUser');
        assert.strictEqual(shown.kind, 'inputBox');
        const box = shown.input;
        const message = () => (typeof box.validationMessage === 'string' ? box.validationMessage : box.validationMessage?.message);
        await typeInto(box, 'alice morgan');
        await waitFor(() => message() === 'A login or a uid has no spaces.', 5000, 'the author box to refuse a space');
        await typeInto(box, 'alice.morgan');
        await waitFor(() => !message(), 5000, 'the author box to take a login');
        assert.match(box.prompt ?? '', /does not say who made 3 links/);
        await accept();
        return;
      }
      const box = await answerInput('migration.fallbackUser', 'alice.morgan');
      assert.match(box.prompt ?? '', /does not say who made 3 links/);
    }

    const bodies = [
      ['/v2/issues/TREK-4/links/_import', { relationship: 'has epic', issue: 'TREK-1', createdAt: '2026-02-25T15:51:00.000+0000', createdBy: 'alice.morgan' }],
      ['/v2/issues/TREK-8/links/_import', { relationship: 'has epic', issue: 'TREK-1', createdAt: '2026-02-25T15:51:00.000+0000', createdBy: 'alice.morgan' }],
    ];

    it('asks the time zone of its local dates, imports what is missing with exact bodies', async function () {
      this.timeout(60000);
      t.services.prompts.answerNext('Import 2 Links');
      const done = migrate(file);
      await answerCsvSteps({ typed: true });
      const r = await withTimeout(done, 30000, 'migration');
      assert.match(questions[0].message, /insureco\.csv: 2 to import, 1 already in Tracker, 0 skipped, 0 waiting\./);
      assert.match(await docText(r), /\| DI-127 @epic DI-86 \| TREK-3 \| TREK-3 is in epic TREK-1 \| TREK-1 \| alice\.morgan \| 2026-02-25T22:17:00\.000\+0000 \| already in Tracker, skipped \|/);
      assert.deepStrictEqual(importPosts(), bodies);
      assert.deepStrictEqual([r.sent, r.existing, r.cancelled], [2, 1, false]);
    });

    it('Cancel stops before the next row; the re-run sends only the rest', async function () {
      this.timeout(60000);
      sb.setFaults({ latencyMs: 500, match: { method: 'POST', path: '/_import' } });
      const cts = new vscode.CancellationTokenSource();
      t.services.prompts.answerNext('Import 2 Links');
      const done = migrate(file, { cancellation: cts.token });
      await answerCsvSteps();
      await waitFor(() => importPosts().length === 1, 15000, 'the first _import');
      cts.cancel();
      const r = await withTimeout(done, 30000, 'migration');
      assert.deepStrictEqual([r.sent, r.notAttempted, r.cancelled], [1, 1, true]);
      assert.match(fs.readFileSync(path.join(dir, 'insureco.migration-result.csv'), 'utf8'), /TREK-8,has epic,TREK-1,alice\.morgan,[^,]+,skipped,not attempted \(cancelled\)/);
      const doc = await afterImport(r, /Sent to Tracker after this dry run: 1 imported, 0 failed, 1 not attempted\./);
      assert.match(doc, /\| TREK-8 is in epic TREK-1 \| TREK-1 \| [^|]+ \| [^|]+ \| not attempted \(cancelled\): run the migration again \|/);
      await messages.wait(/Cancelled: 1 link not attempted; run the migration again to finish\./);

      sb.resetFaults();
      questions.splice(0);
      t.services.prompts.answerNext('Import 1 Link');
      const again = migrate(file);
      await answerCsvSteps();
      const r2 = await withTimeout(again, 30000, 'the re-run');
      assert.match(questions[0].message, /1 to import, 2 already in Tracker/);
      assert.deepStrictEqual(importPosts(), bodies, 'each link sent once in all');
      assert.deepStrictEqual([r2.sent, r2.existing, r2.cancelled], [1, 2, false]);
    });

    it('a 429 is waited out: the row goes once it is accepted, nothing twice', async function () {
      this.timeout(60000);
      sb.setFaults({ rateLimit: { count: 1, retryAfter: '1' }, match: { method: 'POST', path: '/_import' } });
      t.services.prompts.answerNext('Import 2 Links');
      const done = migrate(file);
      await answerCsvSteps();
      const r = await withTimeout(done, 30000, 'migration');
      assert.deepStrictEqual([r.sent, r.failed.length], [2, 0]);
      assert.strictEqual(sb.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/_import') && q.status === 429).length, 1, 'one 429');
      assert.deepStrictEqual(importPosts().slice(1), bodies, 'after the 429, each row once');
    });

    it('Import Links from File hands a Jira export over to the migration', async function () {
      this.timeout(30000);
      const done = Promise.resolve(vscode.commands.executeCommand<ImportFileResult>('tracker.importLinksFromFile', vscode.Uri.file(file)));
      await nextInput('migration.linkTypes');
      await pressEscape();
      const r = await withTimeout(done, 10000, 'import');
      assert.strictEqual(r.handedOver, true);
      assert.deepStrictEqual(importPosts(), []);
    });
  });
});
