// `Tracker: Import Link…` and `Tracker: Import Links from File…` end to end
// against the sandbox: every input answered (and refused) in the real input
// boxes, exact `_import` bodies, bad rows reported before anything is sent,
// 429s in the middle, cancellation and re-runs that skip what exists.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { ImportLinkResult } from '../../src/linking/importLink';
import type { ImportFileResult } from '../../src/linking/importFile';
import type { Question } from '../../src/kernel/prompts';
import { choose, shownPick } from './pickHelpers';
import {
  accept,
  answerInput,
  nextInput,
  pressEscape,
  pressKey,
  sleep,
  typeText,
  useSandboxSuite,
  waitFor,
  withTimeout,
  type MessageCapture,
  type SandboxServer,
} from './helpers';

/** Types `text` into the shown box with the keyboard and returns the box's validation message (live, as the user sees it). */
async function typeInto(box: vscode.InputBox, text: string): Promise<string | undefined> {
  await sleep(80);
  await pressKey('Control+a');
  if (text) await typeText(text);
  else await pressKey('Backspace');
  await waitFor(() => box.value === text, 5000, `"${text}" in the box`);
  await sleep(80);
  const m = box.validationMessage;
  return typeof m === 'string' ? m : m?.message;
}

async function shownBox(step: string): Promise<vscode.InputBox> {
  const shown = await nextInput(step);
  assert.strictEqual(shown.kind, 'inputBox', `${step} is an input box`);
  return shown.input;
}

describe('Import links (real inputs, sandbox Tracker)', () => {
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let messages: MessageCapture;
  let dir: string;

  const importPosts = () => sb.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/links/_import'));
  const importLink = (...args: unknown[]) => Promise.resolve(vscode.commands.executeCommand<ImportLinkResult>('tracker.importLink', ...args));
  const importFile = (file: string, options?: unknown) =>
    Promise.resolve(vscode.commands.executeCommand<ImportFileResult>('tracker.importLinksFromFile', vscode.Uri.file(file), options));
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };

  useSandboxSuite({ settings: { branchDetection: false }, unpinEachTest: true, tempDir: 'tracker-import-', bind: (s) => ({ t, sb, messages, dir } = s) });

  describe('Import Link…', () => {
    it('every value is checked in its box; ISO dates become the API format; the body is exact', async () => {
      const done = importLink();
      await choose(await shownPick('importLink.source', 'TREK-3'), 'TREK-3');
      const rel = await shownPick('importLink.relationship');
      assert.deepStrictEqual([rel.step, rel.totalSteps], [2, 7]);
      assert.strictEqual(rel.items.length, 11, 'all 11 relationships, clone/original included');
      assert.strictEqual(rel.items.find((i) => i.label === 'Clone of')?.description, 'TREK-3 is a clone of …');
      await choose(rel, 'Clone of');
      await choose(await shownPick('importLink.target', 'TREK-4'), 'TREK-4');

      const by = await shownBox('importLink.createdBy');
      assert.strictEqual(await typeInto(by, 'alice morgan'), 'A login or a uid has no spaces.');
      assert.strictEqual(await typeInto(by, ''), 'Enter a login or a numeric uid.');
      assert.strictEqual(await typeInto(by, 'alice.morgan'), undefined);
      await accept();

      const at = await shownBox('importLink.createdAt');
      assert.match(String(await typeInto(at, '01.05.2025')), /^Not a date: use 2024-05-01T10:00:00Z/);
      assert.strictEqual(await typeInto(at, '2025-05-01T10:00'), 'Add a time zone, e.g. Z for UTC or +03:00.');
      assert.strictEqual(await typeInto(at, '2025-02-30'), 'No such date or time.');
      assert.strictEqual(await typeInto(at, '2025-05-01T10:00:00+03:00'), undefined);
      await accept();

      await answerInput('importLink.updatedBy', 'boris.ivanov');
      const upd = await shownBox('importLink.updatedAt');
      // Enter on the empty box: refused, with the reason in the box.
      await accept();
      await waitFor(() => upd.validationMessage, 5000, 'the message of the empty box');
      assert.match(String((upd.validationMessage as vscode.InputBoxValidationMessage).message), /^updatedBy and updatedAt go together/);
      assert.strictEqual(await typeInto(upd, '2025-05-01T06:59:59Z'), 'updatedAt is earlier than createdAt (2025-05-01T10:00:00.000+0300).');
      assert.strictEqual(await typeInto(upd, '2025-05-02'), undefined);
      assert.strictEqual(importPosts().length, 0, 'nothing sent while typing');
      await accept();

      const r = await withTimeout(done, 15000, 'tracker.importLink');
      assert.strictEqual(r.created, true);
      assert.deepStrictEqual(
        importPosts().map((p) => [p.path, p.body]),
        [
          [
            '/v2/issues/TREK-3/links/_import',
            {
              relationship: 'original',
              issue: 'TREK-4',
              createdAt: '2025-05-01T10:00:00.000+0300',
              createdBy: 'alice.morgan',
              updatedAt: '2025-05-02T00:00:00.000+0000',
              updatedBy: 'boris.ivanov',
            },
          ],
        ],
      );
      assert.ok(sb.linksOf('TREK-3').some((l) => l.relationship === 'original' && l.other === 'TREK-4'));
      const m = await messages.wait(/^Imported: /);
      assert.strictEqual(m.text, 'Imported: TREK-3 is a clone of TREK-4.');
      assert.deepStrictEqual(m.actions, ['Open TREK-4']);
    });

    it('a uid is sent as a number; an empty updatedBy imports no update info; a source argument skips its step', async () => {
      const done = importLink('TREK-5');
      const rel = await shownPick('importLink.relationship');
      assert.deepStrictEqual([rel.step, rel.totalSteps], [1, 6]);
      await choose(rel, 'Relates to');
      await choose(await shownPick('importLink.target', 'TREK-6'), 'TREK-6');
      await answerInput('importLink.createdBy', '1120000000002001');
      await answerInput('importLink.createdAt', '2025-05-20');
      await answerInput('importLink.updatedBy', '');
      const r = await withTimeout(done, 15000, 'tracker.importLink');
      assert.strictEqual(r.created, true);
      assert.deepStrictEqual(importPosts().map((p) => p.body), [
        { relationship: 'relates', issue: 'TREK-6', createdAt: '2025-05-20T00:00:00.000+0000', createdBy: 1120000000002001 },
      ]);
    });

    it('server refusals are clear: a date outside the issue lifetime names the field, a read-only issue says no rights', async () => {
      let done = importLink('TREK-3');
      await choose(await shownPick('importLink.relationship'), 'Relates to');
      await choose(await shownPick('importLink.target', 'TREK-4'), 'TREK-4');
      await answerInput('importLink.createdBy', 'alice.morgan');
      await answerInput('importLink.createdAt', '2020-01-01');
      await answerInput('importLink.updatedBy', '');
      let r = await withTimeout(done, 15000, 'tracker.importLink');
      assert.strictEqual(r.created, false);
      let m = await messages.wait(/^Could not import/);
      assert.strictEqual(m.kind, 'error');
      assert.match(m.text, /^Could not import "TREK-3 relates to TREK-4": Tracker rejected "createdAt": createdAt is earlier than the creation of TREK-3/);
      assert.deepStrictEqual(m.actions, ['Change and Retry']);

      done = importLink('LEGAL-1');
      await choose(await shownPick('importLink.relationship'), 'Relates to');
      await choose(await shownPick('importLink.target', 'TREK-4'), 'TREK-4');
      await answerInput('importLink.createdBy', 'alice.morgan');
      await answerInput('importLink.createdAt', '2026-01-01');
      await answerInput('importLink.updatedBy', '');
      r = await withTimeout(done, 15000, 'tracker.importLink');
      assert.strictEqual(r.created, false);
      m = await messages.wait(/LEGAL-1 relates to TREK-4/);
      assert.match(m.text, /No rights to edit LEGAL-1\./);
    });

    it('Escape at a late step sends nothing', async () => {
      const done = importLink('TREK-3');
      await choose(await shownPick('importLink.relationship'), 'Relates to');
      await choose(await shownPick('importLink.target', 'TREK-4'), 'TREK-4');
      await answerInput('importLink.createdBy', 'alice.morgan');
      await nextInput('importLink.createdAt');
      await pressEscape();
      const r = await withTimeout(done, 10000, 'tracker.importLink');
      assert.strictEqual(r.cancelled, true);
      assert.strictEqual(importPosts().length, 0);
    });
  });

  describe('Import Links from File…', () => {
    const CSV = [
      'source,relationship,target,createdBy,createdAt,updatedBy,updatedAt',
      'TREK-7,relates,TREK-8,alice.morgan,2025-08-01T10:00:00Z,,',
      'TREK-7,blocks,TREK-9,alice.morgan,2025-08-01,,',
      'TREK-9,depends on,TREK-20,1120000000002002,2025-12-01T10:00:00+03:00,chen.wei,2025-12-02',
      'TREK-9,relates,TREK-9,alice.morgan,2025-12-01,,',
      '"TREK-7","original","TREK-13","alice.morgan","2025-11-05",,',
      '',
    ].join('\r\n');

    it('bad rows are reported with their lines first; valid rows are imported in order, existing links skipped; a result log is written; a re-run skips all', async () => {
      const file = write('links.csv', CSV);
      const asked: Question[] = [];
      const sub = t.services.prompts.onDidAsk((q) => asked.push(q));
      try {
        t.services.prompts.answerNext('Import the 3 valid rows');
        const r = await withTimeout(importFile(file), 20000, 'the import');
        assert.strictEqual(asked.length, 1);
        assert.strictEqual(asked[0].message, '2 of 5 rows in links.csv have problems and will not be imported.');
        assert.deepStrictEqual(asked[0].detail?.split('\n'), [
          'line 3: "blocks" is not a relationship (expected e.g. relates, depends on, clone)',
          'line 5: an issue cannot be linked to itself (TREK-9)',
        ]);
        assert.deepStrictEqual(
          { created: r.created, skipped: r.skipped, failed: r.failed, invalid: r.invalid, total: r.total, cancelled: r.cancelled },
          // TREK-8 already relates to TREK-7 in the seed: that row is skipped.
          { created: 2, skipped: 1, failed: [], invalid: 2, total: 5, cancelled: false },
        );
        assert.deepStrictEqual(
          importPosts().map((p) => [p.path, p.body]),
          [
            [
              '/v2/issues/TREK-9/links/_import',
              {
                relationship: 'depends on',
                issue: 'TREK-20',
                createdAt: '2025-12-01T10:00:00.000+0300',
                createdBy: 1120000000002002,
                updatedAt: '2025-12-02T00:00:00.000+0000',
                updatedBy: 'chen.wei',
              },
            ],
            ['/v2/issues/TREK-7/links/_import', { relationship: 'original', issue: 'TREK-13', createdAt: '2025-11-05T00:00:00.000+0000', createdBy: 'alice.morgan' }],
          ],
        );
        const linkGets = (key: string) => sb.countRequests({ method: 'GET', path: `/issues/${key}/links` });
        assert.deepStrictEqual([linkGets('TREK-7'), linkGets('TREK-9')], [1, 1], 'each source listed once');
        const m = await messages.wait(/^links\.csv: /);
        assert.strictEqual(m.text, 'links.csv: 2 created, 1 skipped (already linked), 0 failed. 2 invalid rows were not imported.');
        assert.strictEqual(m.kind, 'info');
        assert.deepStrictEqual(m.actions, ['Open Result Log', 'Show Log']);
        const log = fs.readFileSync(`${file}.import-log.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
        assert.deepStrictEqual(
          log.map((l) => [l.line, l.outcome, l.source, l.target]),
          [
            [2, 'skipped', 'TREK-7', 'TREK-8'],
            [4, 'created', 'TREK-9', 'TREK-20'],
            [6, 'created', 'TREK-7', 'TREK-13'],
          ],
        );

        // The same file again: everything exists already, nothing is sent.
        const posted = importPosts().length;
        t.services.prompts.answerNext('Import the 3 valid rows');
        const again = await withTimeout(importFile(file), 20000, 'the re-run');
        assert.deepStrictEqual([again.created, again.skipped, again.failed.length], [0, 3, 0]);
        assert.strictEqual(importPosts().length, posted, 'no _import on a re-run');
        assert.strictEqual(fs.readFileSync(`${file}.import-log.jsonl`, 'utf8').trim().split('\n').length, 6, 'the log is appended to');
      } finally {
        sub.dispose();
      }
    });

    it('declining the bad-rows question imports nothing; JSON rows are named by index; a file with a broken header is refused', async () => {
      const asked: Question[] = [];
      const sub = t.services.prompts.onDidAsk((q) => asked.push(q));
      t.services.prompts.answerNext(undefined);
      const rows = [
        { source: 'TREK-3', relationship: 'relates', target: 'TREK-6', createdBy: 'alice.morgan', createdAt: '2025-06-01' },
        { source: 'TREK-3', relationship: 'relates', target: 'TREK-7', createdBy: 'alice.morgan', createdAt: '2025-06-01', updatedBy: 'boris.ivanov' },
      ];
      const r = await withTimeout(importFile(write('decline.json', JSON.stringify(rows))), 20000, 'the import');
      sub.dispose();
      assert.strictEqual(r.cancelled, true);
      assert.deepStrictEqual(asked.map((q) => [q.message, q.detail, q.choices]), [
        ['1 of 2 rows in decline.json has problems and will not be imported.', 'index 1: updatedBy and updatedAt go together: "updatedAt" is missing', ['Import the valid row']],
      ]);
      const broken = await withTimeout(importFile(write('broken.csv', 'source,relation,target\nTREK-1,relates,TREK-2\n')), 20000, 'the import');
      assert.strictEqual(broken.total, 0);
      const m = await messages.wait(/^Nothing imported from broken\.csv/);
      assert.match(m.text, /Unknown CSV column\(s\): relation\./);
      assert.strictEqual(importPosts().length, 0);
    });

    it('one bad row of two: the question and the summary count it in the singular', async () => {
      const asked: Question[] = [];
      const sub = t.services.prompts.onDidAsk((q) => asked.push(q));
      t.services.prompts.answerNext('Import the valid row');
      const rows = [
        { source: 'TREK-3', relationship: 'relates', target: 'TREK-6', createdBy: 'alice.morgan', createdAt: '2025-06-01' },
        { source: 'TREK-3', relationship: 'blocks', target: 'TREK-7', createdBy: 'alice.morgan', createdAt: '2025-06-01' },
      ];
      const r = await withTimeout(importFile(write('one.json', JSON.stringify(rows))), 20000, 'the import');
      sub.dispose();
      assert.deepStrictEqual(asked.map((q) => [q.message, q.choices]), [['1 of 2 rows in one.json has problems and will not be imported.', ['Import the valid row']]]);
      assert.deepStrictEqual([r.created, r.invalid], [1, 1]);
      const m = await messages.wait(/^one\.json: /);
      assert.strictEqual(m.text, 'one.json: 1 created, 0 skipped (already linked), 0 failed. 1 invalid row was not imported.');
    });

    const jsonRows = [
      { source: 'TREK-3', relationship: 'relates', target: 'TREK-6', createdBy: 'alice.morgan', createdAt: '2025-06-01' },
      { source: 'TREK-5', relationship: 'relates', target: 'TREK-7', createdBy: 'alice.morgan', createdAt: '2025-07-01T09:00:00Z' },
      { source: 'TREK-6', relationship: 'duplicates', target: 'TREK-9', createdBy: 'boris.ivanov', createdAt: '2025-09-01' },
      { source: 'TREK-10', relationship: 'relates', target: 'TREK-11', createdBy: 1120000000002003, createdAt: '2025-10-01' },
      { source: 'TREK-10', relationship: 'is parent task for', target: 'TREK-23', createdBy: 'chen.wei', createdAt: '2026-02-04' },
    ];
    const exactlyOnce = () =>
      jsonRows.every((row) => sb.linksOf(row.source).filter((l) => l.other === row.target && l.relationship === row.relationship).length === 1);

    it('a 429 in the middle (past the client retries) still imports every row exactly once', async () => {
      const file = write('links.json', JSON.stringify(jsonRows, null, 2));
      sb.setFaults({ rateLimit: { count: 7, retryAfter: '0' }, match: { method: 'POST', path: '/issues/TREK-5/links/_import' } });
      const r = await withTimeout(importFile(file), 30000, 'the import');
      assert.deepStrictEqual([r.created, r.skipped, r.failed.length, r.cancelled], [5, 0, 0, false]);
      assert.ok(exactlyOnce(), 'each link exists once');
      const ok = importPosts().filter((p) => p.status === 200);
      assert.deepStrictEqual(ok.map((p) => p.path.split('/')[3]), ['TREK-3', 'TREK-5', 'TREK-6', 'TREK-10', 'TREK-10']);
      assert.strictEqual(sb.countRequests({ method: 'POST', path: '/issues/TREK-5/links/_import' }), 8, 'seven 429s, then the one that worked');
    });

    it('cancelling stops before the next row; a re-run imports only the rest', async () => {
      const file = write('cancel.json', JSON.stringify(jsonRows));
      sb.setFaults({ latencyMs: 400, match: { method: 'POST', path: '/_import' } });
      const cts = new vscode.CancellationTokenSource();
      const done = importFile(file, { cancellation: cts.token });
      await waitFor(() => importPosts().some((p) => p.status === 200), 10000, 'the first row to be imported');
      cts.cancel();
      const r = await withTimeout(done, 20000, 'the cancelled import');
      assert.strictEqual(r.cancelled, true);
      assert.ok(r.created >= 1 && r.created < jsonRows.length, `created ${r.created}`);
      assert.strictEqual(r.created + r.notAttempted, jsonRows.length);
      assert.strictEqual(importPosts().length, r.created, 'no request cut off, none after the cancel');
      const m = await messages.wait(/^cancel\.json: /);
      assert.strictEqual(m.kind, 'warning');
      assert.match(m.text, new RegExp(`Cancelled: ${r.notAttempted} rows not attempted; run the import again to finish\\.$`));

      sb.resetFaults();
      const again = await withTimeout(importFile(file), 20000, 'the re-run');
      assert.deepStrictEqual([again.skipped, again.created, again.failed.length], [r.created, jsonRows.length - r.created, 0]);
      assert.ok(exactlyOnce(), 'each link exists once');
    });
  });
});
