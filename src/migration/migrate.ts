// `Tracker: Migrate Links from Jira Export…`: a Jira REST JSON or CSV export →
// the mappings the user picks (link types, keys, users; each optional, with
// Back) → the date format and zone when the file does not say them → one
// login for authors without a Tracker user → a DRY RUN document (nothing
// sent; the Tracker issues read once, each source's links once, rows Tracker
// already has marked skipped) → dates outside an issue's lifetime offered
// clamped, row by row, never silently → Import with a cancellable progress
// n/total through the kernel's sending loop (429 waited out, a lost answer
// never sent twice) → a result file beside the input, one summary, and the
// dry run document updated with what was sent.
// A re-run sends only what is missing: the dry run finds the rest in Tracker.

import * as vscode from 'vscode';
import * as path from 'node:path';
import {
  acceptClamps,
  DATE_FORMATS,
  foreignKeyParts,
  isKnownTimeZone,
  issuesToCheck,
  importRowOf,
  linkTypeMapping,
  markExisting,
  parseKeyMapFile,
  parseKeyRules,
  parseLinkTypeFile,
  parseUserMapFile,
  planOf,
  readSourceBytes,
  resultFile,
  rowState,
  summarizePlan,
  trackerKeys,
  type DateFormatId,
  type DateQuestion,
  type DateReading,
  type KeyMap,
  type LinkTypeMapping,
  type MappingProblem,
  type Plan,
  type PlanOptions,
  type PlanSummary,
  type RowOutcome,
  type SourceFile,
  type TimeZone,
} from '../migrate';
import { parseUserRef, type ImportRow, type UserRef } from '../links/importRows';
import { decodeText } from '../links/csv';
import type { Services } from '../kernel/services';
import { describeError } from '../kernel/errors';
import { answerLostCountText } from '../kernel/ambiguous';
import { authorProblem } from '../kernel/authorInput';
import { isCancelled } from '../tracker/errors';
import { cancellationOf, ensureSignedIn, withCancellableProgress } from '../kernel/flow';
import { chooseAndReadFile } from '../kernel/fileInput';
import { sendImportRows, showImportSummary } from '../kernel/importSend';
import { BACK, runSteps, type Back, type Step } from '../kernel/quickInput';
import { pickReason } from '../kernel/issuePicker';
import { relationshipSentence } from '../kernel/linkWords';
import { byCount } from '../kernel/counts';
import { DryRunDocuments, dryRunMarkdown } from './dryRun';
import { clampText, mappingProblemText, problemText, unknownFileText } from './text';

export interface MigrationResult {
  file?: string;
  source?: SourceFile['kind'];
  /** A Tracker-shaped file: handed to Import Links from File. */
  handedOver?: boolean;
  /** The dry run document (`tracker-migration:` URI). */
  dryRun?: string;
  /** The plan as last shown. */
  plan?: PlanSummary;
  sent: number;
  /** Of `sent`: created although Tracker's answer was lost (found by reading the links). */
  answerLost: number;
  /** Already in Tracker: found by the dry run or while sending. */
  existing: number;
  /** Not sendable (problems), or left waiting (a clamp not accepted). */
  skipped: number;
  failed: Array<{ row: number; reason: string }>;
  notAttempted: number;
  /** Dates the user accepted to move into the issues' lifetime. */
  clamped: number;
  cancelled: boolean;
  resultFile?: string;
  summary?: string;
}

/** What the user chose, kept so Back shows it again. */
interface State {
  uri: vscode.Uri;
  name: string;
  readonly file: Exclude<SourceFile, { kind: 'unknown' }>;
  /**
   * The date format and zone the file leaves open. It depends on the file
   * alone (asked without the answers given), so it is worked out once: the
   * steps ask for it several times each.
   */
  readonly dateQuestion: DateQuestion | undefined;
  /** Files beside the input, offered as mapping files. */
  beside: vscode.Uri[];
  linkTypes?: { label: string; mapping: LinkTypeMapping };
  keys?: { label: string; map: Partial<KeyMap> };
  keyRule?: string;
  users?: { label: string; map: ReadonlyMap<string, UserRef> };
  dateFormat?: DateFormatId;
  zone?: TimeZone;
  fallback?: UserRef;
  fallbackText?: string;
}

export async function migrateFromJira(s: Services, docs: DryRunDocuments, arg?: unknown, options?: unknown): Promise<MigrationResult> {
  const result: MigrationResult = { sent: 0, answerLost: 0, existing: 0, skipped: 0, failed: [], notAttempted: 0, clamped: 0, cancelled: true };
  const cancellation = cancellationOf(options);
  if (!(await ensureSignedIn(s))) return result;
  const chosen = await chooseAndReadFile(
    arg,
    () => chooseFile(vscode.l10n.t('Migrate Links from Jira Export'), { [vscode.l10n.t('Jira export (JSON or CSV)')]: ['json', 'csv'] }),
    (bytes) => readSourceBytes(bytes).file,
  );
  if (!chosen) return result;
  const { uri, name, content: file } = chosen;
  result.file = uri.toString();
  if (!file) return result;
  result.source = file.kind;
  if (file.kind === 'unknown') {
    result.summary = vscode.l10n.t('{0} is not a Jira export: {1}', name, unknownFileText(file.reason));
    void vscode.window.showErrorMessage(result.summary);
    return result;
  }
  if (file.kind === 'tracker-csv' || file.kind === 'tracker-json') {
    // Already Tracker's own rows: the plain import takes them as they are.
    result.handedOver = true;
    await vscode.commands.executeCommand('tracker.importLinksFromFile', uri, options);
    return result;
  }

  const state: State = { uri, name, file, dateQuestion: planOf(file, { keys: {} }).dateQuestion, beside: await filesBeside(uri) };
  let completed: boolean;
  try {
    completed = await runSteps(firstStep(s), state);
  } catch (e) {
    s.errors.show(e, 'Migrate links');
    return result;
  }
  if (!completed) return result;

  // The dry run: Tracker's issues once (lifetimes, existence), each source's links once.
  let plan: Plan;
  try {
    plan = await withCancellableProgress(
      vscode.l10n.t('Preparing the dry run of {0}', name),
      async (progress, signal) => {
        const first = planOf(file, planOptions(state));
        const keys = trackerKeys(first);
        progress.report({ message: byCount(keys.length, vscode.l10n.t('reading {0} issue', keys.length), vscode.l10n.t('reading {0} issues', keys.length)) });
        const issues = keys.length ? await s.store.getIssues(keys, { signal }) : new Map();
        const trackerIssues = new Map([...issues].map(([k, i]) => [k, { createdAt: i.createdAt, updatedAt: i.updatedAt }]));
        const p = planOf(file, { ...planOptions(state), trackerIssues });
        const sources = issuesToCheck(p);
        for (let i = 0; i < sources.length; i++) {
          progress.report({ message: vscode.l10n.t('links of {0} ({1}/{2})', sources[i], i + 1, sources.length) });
          markExisting(p, sources[i], await s.store.getLinks(sources[i], { signal }));
        }
        return p;
      },
      cancellation,
    );
  } catch (e) {
    if (!isCancelled(e)) s.errors.show(e, 'Migrate links: dry run', vscode.l10n.t('The dry run of {0} failed:', name));
    return result;
  }

  const doc = docs.create(name);
  result.dryRun = doc.toString();
  docs.set(doc, dryRunMarkdown(plan, name));
  await showDryRun(doc);

  // The summary, then clamps row by row, until the user imports or stops.
  for (;;) {
    const sum = summarizePlan(plan);
    result.plan = sum;
    const go = sum.ready ? byCount(sum.ready, vscode.l10n.t('Import 1 Link'), vscode.l10n.t('Import {0} Links', sum.ready)) : undefined;
    const outside = sum.outsideLifetime;
    const fallbacks = sum.authorFallback + sum.authorUnknown;
    const detail = [
      vscode.l10n.t('Nothing has been sent yet; every row is in the dry run document.'),
      outside
        ? byCount(
            outside,
            vscode.l10n.t("{0} date falls outside its issues' lifetime: Tracker refuses it unless you accept the nearest allowed date.", outside),
            vscode.l10n.t("{0} dates fall outside their issues' lifetime: Tracker refuses them unless you accept the nearest allowed date.", outside),
          )
        : '',
      fallbacks ? byCount(fallbacks, vscode.l10n.t('{0} link gets the chosen login as its author.', fallbacks), vscode.l10n.t('{0} links get the chosen login as their author.', fallbacks)) : '',
    ].filter(Boolean).join('\n');
    const review = outside ? byCount(outside, vscode.l10n.t('Review 1 Date…'), vscode.l10n.t('Review {0} Dates…', outside)) : undefined;
    const message = vscode.l10n.t('Dry run of {0}: {1} to import, {2} already in Tracker, {3} skipped, {4} waiting.', name, sum.ready, sum.exists, sum.skipped, sum.blocked);
    const choices = [go, review].filter((c): c is string => !!c);
    if (!choices.length) {
      result.cancelled = false;
      await finish(s, state, plan, new Map(), result, { cancelled: false, notAttempted: 0 });
      return result;
    }
    const answer = await s.prompts.ask(message, detail, ...choices);
    if (answer === undefined) return result;
    if (answer === review) {
      result.clamped += await reviewClamps(s, plan);
      docs.set(doc, dryRunMarkdown(plan, name));
      continue;
    }
    break;
  }

  result.cancelled = false;
  const items = plan.rows.map((r) => ({ n: r.n, row: importRowOf(r) })).filter((x): x is { n: number; row: ImportRow } => !!x.row);
  const outcomes = new Map<number, RowOutcome>();
  const sent = await sendImportRows(s, items, {
    title: vscode.l10n.t('Migrating links from {0}', name),
    cancellation,
    onOutcome: (item, o) => {
      if (o.kind === 'created') {
        outcomes.set(item.n, { outcome: 'sent', linkId: o.link.id, ...(o.answerLost ? { note: vscode.l10n.t("Tracker's answer was lost; found by reading the links again") } : {}) });
      } else if (o.kind === 'skipped') outcomes.set(item.n, { outcome: 'skipped', reason: problemText({ code: 'exists' }) });
      else outcomes.set(item.n, { outcome: 'failed', reason: o.reason });
      s.log.info(`Migrate ${name}: row ${item.n} ${item.row.source} ${item.row.relationship} ${item.row.target}: ${o.kind}${o.kind === 'failed' ? ` (${o.reason})` : ''}`);
    },
  });
  await finish(s, state, plan, outcomes, result, sent);
  // The preview said nothing had been sent: from now on it says what was.
  docs.set(doc, dryRunMarkdown(plan, name, { outcomes, imported: result.sent, failed: result.failed.length, notAttempted: result.notAttempted }));
  return result;
}

/** Counts, the result file and the one summary notification. */
async function finish(
  s: Services,
  state: State,
  plan: Plan,
  outcomes: ReadonlyMap<number, RowOutcome>,
  result: MigrationResult,
  sent: { cancelled: boolean; notAttempted: number },
): Promise<void> {
  result.cancelled = sent.cancelled;
  result.notAttempted = sent.notAttempted;
  for (const row of plan.rows) {
    const o = outcomes.get(row.n);
    if (o?.outcome === 'sent') {
      result.sent++;
      if (o.note) result.answerLost++;
    } else if (o?.outcome === 'failed') result.failed.push({ row: row.n, reason: o.reason });
    else if (o?.outcome === 'skipped' || rowState(row) === 'exists') result.existing++;
    else if (rowState(row) !== 'ready') result.skipped++;
  }
  const fallbacks = plan.rows.filter((r) => outcomes.get(r.n)?.outcome === 'sent' && r.problems.some((p) => p.code === 'authorFallback' || p.code === 'authorUnknown')).length;

  const target = state.uri.with({ path: resultPath(state.uri.path) });
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(resultFile(plan, outcomes, problemText)));
    result.resultFile = target.toString();
    s.log.info(`Migration result file: ${target.toString()}`);
  } catch (e) {
    s.log.warn(`Could not write the result file beside the input (${describeError(e)}); the results are in this log only.`);
  }

  const parts = [
    byCount(
      result.sent,
      vscode.l10n.t('{0}: {1} link imported, {2} already in Tracker, {3} skipped, {4} failed.', state.name, result.sent, result.existing, result.skipped, result.failed.length),
      vscode.l10n.t('{0}: {1} links imported, {2} already in Tracker, {3} skipped, {4} failed.', state.name, result.sent, result.existing, result.skipped, result.failed.length),
    ),
  ];
  if (fallbacks && state.fallback !== undefined) parts.push(vscode.l10n.t('{0} of them with {1} as the author (no Tracker user).', fallbacks, String(state.fallback)));
  if (result.answerLost) parts.push(answerLostCountText(result.answerLost));
  if (result.cancelled) {
    const n = result.notAttempted;
    parts.push(byCount(n, vscode.l10n.t('Cancelled: {0} link not attempted; run the migration again to finish.', n), vscode.l10n.t('Cancelled: {0} links not attempted; run the migration again to finish.', n)));
  }
  if (result.failed.length) parts.push(result.failed.slice(0, 3).map((f) => rowText(f.row, f.reason)).join(' '));
  result.summary = parts.join(' ');
  showImportSummary(s, result.summary, { failed: result.failed.length, cancelled: result.cancelled, resultFile: result.resultFile, openLabel: vscode.l10n.t('Open Result File') });
}

/** "Row 7: …": a row of the export named in a summary or a pick. */
function rowText(n: number, text: string): string {
  return vscode.l10n.t('Row {0}: {1}', n, text);
}

/** `export.json` → `export.migration-result.csv`, beside it. */
function resultPath(input: string): string {
  const ext = path.posix.extname(input);
  return `${ext ? input.slice(0, -ext.length) : input}.migration-result.csv`;
}

/** Each date outside its issues' lifetime, with the date offered; the chosen rows take it. */
async function reviewClamps(s: Services, plan: Plan): Promise<number> {
  const items = plan.rows.flatMap((row) => {
    const p = row.problems.find((x) => x.code === 'outsideLifetime');
    if (!p || p.code !== 'outsideLifetime' || rowState(row) !== 'blocked') return [];
    const sentence = row.relationship && row.source && row.target ? relationshipSentence(row.relationship, row.source, row.target) : '';
    return [{ label: rowText(row.n, sentence), description: `${p.value} → ${p.clamp}`, detail: clampText(p), n: row.n }];
  });
  const picked = await s.inputs.pick({
    id: 'migration.clamps',
    title: vscode.l10n.t('Dates outside the issues’ lifetime'),
    placeholder: vscode.l10n.t('Tick the rows that may take the offered date; the others stay waiting and are not sent'),
    items,
    canSelectMany: true,
    matchOnDetail: true,
  });
  if (!picked || picked === BACK) return 0;
  return acceptClamps(plan, picked.map((i) => i.n));
}

async function showDryRun(doc: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', doc);
  } catch {
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}

// ---------------------------------------------------------------- the steps

function planOptions(state: State, o: { withFallback?: boolean } = {}): PlanOptions {
  const dates: DateReading | undefined = state.dateFormat ? { format: state.dateFormat, ...(state.zone ? { zone: state.zone } : {}) } : undefined;
  return {
    keys: state.keys?.map ?? {},
    ...(state.linkTypes ? { linkTypes: state.linkTypes.mapping } : {}),
    ...(state.users ? { users: state.users.map } : {}),
    ...(dates ? { dates } : {}),
    ...(o.withFallback !== false && state.fallback !== undefined ? { fallbackUser: state.fallback } : {}),
  };
}

type StepId = 'linkTypes' | 'keys' | 'keyRule' | 'users' | 'dateFormat' | 'timeZone' | 'fallback';
const ORDER: Array<Exclude<StepId, 'keyRule'>> = ['linkTypes', 'keys', 'users', 'dateFormat', 'timeZone', 'fallback'];

/** Which steps apply now: the date steps only when the file does not say, the login only when an author needs one. */
function applies(id: StepId, state: State): boolean {
  if (id === 'dateFormat' || id === 'timeZone') {
    const q = state.dateQuestion;
    return id === 'dateFormat' ? !!q?.ask.format : !!q?.ask.zone;
  }
  if (id === 'fallback') return planOf(state.file, planOptions(state, { withFallback: false })).rows.some((r) => r.problems.some((p) => p.code === 'noAuthor'));
  return true;
}

function stepInfo(id: StepId, state: State): { step: number; totalSteps: number; title: string } {
  const live = ORDER.filter((x) => applies(x, state));
  return { step: live.indexOf(id === 'keyRule' ? 'keys' : id) + 1, totalSteps: live.length, title: vscode.l10n.t('Migrate Links from {0}', state.name) };
}

function firstStep(s: Services): Step<State> {
  return stepAfter(s, undefined);
}

/** The next step that applies after `id`, or 'done'. */
function stepAfter(s: Services, id: StepId | undefined): Step<State> {
  return async (state) => {
    const from = id ? ORDER.indexOf(id === 'keyRule' ? 'keys' : id) + 1 : 0;
    for (const next of ORDER.slice(from)) if (applies(next, state)) return STEPS[next](s);
    return 'done';
  };
}

/** Runs the step after `id` in place (no extra entry on the Back stack). */
const next = (s: Services, id: StepId, state: State) => stepAfter(s, id)(state);

const STEPS: Record<Exclude<StepId, 'keyRule'>, (s: Services) => Step<State>> = {
  linkTypes: (s) => async function linkTypes(state) {
    const unknown = planOf(state.file, planOptions(state)).unknownTypes;
    const builtIn = { label: `$(check) ${vscode.l10n.t("Jira's built-in link types")}`, description: vscode.l10n.t('Blocks, Duplicate, Relates, Cloners, sub-tasks, epics'), choice: 'builtIn' as const };
    const chosen = await pickFile(s, state, 'migration.linkTypes', 'linkTypes', builtIn, ['json'], unknown.length
      ? vscode.l10n.t('Not mapped by default: {0}. Pick a link types file (JSON) that names them, or they are skipped', unknown.map((u) => `${u.name} (${u.rows})`).join(', '))
      : vscode.l10n.t('Link types: the built-in mapping, or a JSON file that adds or overrides types'));
    if (chosen === undefined || chosen === BACK) return chosen;
    if (chosen === 'builtIn') state.linkTypes = undefined;
    else {
      const parsed = parseLinkTypeFile(await readText(chosen));
      if (!reportProblems(s, chosen, parsed.problems, parsed.mapping.size)) return linkTypes;
      state.linkTypes = { label: path.posix.basename(chosen.path), mapping: linkTypeMapping(parsed.mapping) };
    }
    return next(s, 'linkTypes', state);
  },

  keys: (s) => async function keys(state) {
    const rule = { label: `$(arrow-swap) ${vscode.l10n.t('A rule: same number, another queue…')}`, description: vscode.l10n.t('e.g. PROJ → TREK'), choice: 'rule' as const };
    const chosen = await pickFile(s, state, 'migration.keys', 'keys', rule, ['csv', 'json', 'txt'], vscode.l10n.t('Jira keys → Tracker keys: a rule, or a two-column mapping file'));
    if (chosen === undefined || chosen === BACK) return chosen;
    if (chosen === 'rule') return keyRule(s);
    const parsed = parseKeyMapFile(await readText(chosen));
    if (!reportProblems(s, chosen, parsed.problems, parsed.pairs.size)) return keys;
    state.keys = { label: path.posix.basename(chosen.path), map: { pairs: parsed.pairs } };
    return next(s, 'keys', state);
  },

  users: (s) => async function users(state) {
    const none = { label: `$(person) ${vscode.l10n.t('No user mapping')}`, description: vscode.l10n.t('authors get one login you choose next'), choice: 'none' as const };
    const chosen = await pickFile(s, state, 'migration.users', 'users', none, ['csv', 'json', 'txt'], vscode.l10n.t('Jira accounts → Tracker logins or uids: a two-column mapping file, or none'));
    if (chosen === undefined || chosen === BACK) return chosen;
    if (chosen === 'none') state.users = undefined;
    else {
      const parsed = parseUserMapFile(await readText(chosen));
      if (!reportProblems(s, chosen, parsed.problems, parsed.users.size)) return users;
      state.users = { label: path.posix.basename(chosen.path), map: parsed.users };
    }
    return next(s, 'users', state);
  },

  dateFormat: (s) => async (state) => {
    const q = state.dateQuestion;
    const formats = q?.guess.formats.length ? q.guess.formats : DATE_FORMATS.filter((f) => f !== 'iso');
    const picked = await s.inputs.pick({
      id: 'migration.dateFormat',
      ...stepInfo('dateFormat', state),
      placeholder: vscode.l10n.t('How are the dates written? In the file: {0}', (q?.samples ?? []).slice(0, 3).join(', ')),
      items: formats.map((f) => ({ label: formatLabel(f), description: state.dateFormat === f ? pickReason('chosenBefore') : '', format: f })),
    });
    if (!picked || picked === BACK) return picked;
    state.dateFormat = picked.format;
    return next(s, 'dateFormat', state);
  },

  timeZone: (s) => async function timeZone(state) {
    const q = state.dateQuestion;
    if (!state.dateFormat && q?.guess.formats.length === 1) state.dateFormat = q.guess.formats[0];
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const items = [
      ...(here && here !== 'UTC' ? [{ label: here, description: vscode.l10n.t('this computer'), zone: { iana: here } as TimeZone | undefined }] : []),
      { label: 'UTC', description: '', zone: { offsetMinutes: 0 } as TimeZone | undefined },
      { label: `$(edit) ${vscode.l10n.t('Another zone or offset…')}`, description: vscode.l10n.t('e.g. Europe/Moscow or +03:00'), zone: undefined as TimeZone | undefined },
    ];
    const picked = await s.inputs.pick({
      id: 'migration.timeZone',
      ...stepInfo('timeZone', state),
      placeholder: vscode.l10n.t('The dates say no time zone ({0}). Which zone was the export written in?', (q?.samples ?? []).slice(0, 2).join(', ')),
      items,
    });
    if (!picked || picked === BACK) return picked;
    if (picked.zone) {
      state.zone = picked.zone;
      return next(s, 'timeZone', state);
    }
    const typed = await s.inputs.input({
      id: 'migration.timeZoneInput',
      ...stepInfo('timeZone', state),
      prompt: vscode.l10n.t('A time zone (Europe/Moscow) or an offset from UTC (+03:00)'),
      validate: (v) => (parseZone(v) ? undefined : vscode.l10n.t('Not a time zone: use a name like Europe/Moscow or an offset like +03:00.')),
    });
    if (typed === undefined) return undefined;
    if (typed === BACK) return timeZone;
    state.zone = parseZone(typed);
    return next(s, 'timeZone', state);
  },

  fallback: (s) => async (state) => {
    const plan = planOf(state.file, planOptions(state, { withFallback: false }));
    const waiting = plan.rows.filter((r) => r.problems.some((p) => p.code === 'noAuthor'));
    const names = [...new Set(waiting.map((r) => r.foreignAuthor).filter((n): n is string => !!n))];
    const n = waiting.length;
    const who = names.slice(0, 5).join(', ') + (names.length > 5 ? '…' : '');
    const typed = await s.inputs.input({
      id: 'migration.fallbackUser',
      ...stepInfo('fallback', state),
      prompt: names.length
        ? byCount(n, vscode.l10n.t('{0} link has an author without a Tracker user ({1}). Import it as (login or uid):', n, who), vscode.l10n.t('{0} links have authors without a Tracker user ({1}). Import them as (login or uid):', n, who))
        : byCount(n, vscode.l10n.t('The export does not say who made {0} link. Import it as (login or uid):', n), vscode.l10n.t('The export does not say who made {0} links. Import them as (login or uid):', n)),
      placeholder: vscode.l10n.t('login or uid, e.g. migration.bot'),
      value: state.fallbackText ?? '',
      validate: (v) => authorProblem(v),
    });
    if (typed === undefined || typed === BACK) return typed;
    state.fallbackText = typed.trim();
    state.fallback = parseUserRef(typed);
    return 'done';
  },
};

function keyRule(s: Services): Step<State> {
  return async (state) => {
    const projects = readProjects(state);
    const typed = await s.inputs.input({
      id: 'migration.keyRule',
      ...stepInfo('keyRule', state),
      prompt: vscode.l10n.t('Same number, another queue: Jira project → Tracker queue, several separated by commas (projects in the file: {0})', projects.join(', ')),
      placeholder: projects.map((p) => `${p} → TREK`).join(', '),
      value: state.keyRule ?? projects.map((p) => `${p} → ${p}`).join(', '),
      validate: (v) => {
        const r = parseKeyRules(v);
        if (r.problems.length) return r.problems.map(mappingProblemText).join('; ');
        return r.queues.size ? undefined : vscode.l10n.t('Enter at least one rule like PROJ → TREK.');
      },
    });
    if (typed === undefined || typed === BACK) return typed;
    state.keyRule = typed;
    state.keys = { label: typed, map: { queues: parseKeyRules(typed).queues } };
    return next(s, 'keys', state);
  };
}

/** The Jira projects the file's links name. */
function readProjects(state: State): string[] {
  if (!('read' in state.file)) return [];
  const out: string[] = [];
  for (const l of state.file.read.links) {
    for (const k of [l.outwardKey, l.inwardKey]) {
      const p = foreignKeyParts(k)?.project;
      if (p && !out.includes(p)) out.push(p);
    }
  }
  return out;
}

/** A mapping-file step: the default choice, the files beside the input, or any file. */
async function pickFile<K extends string>(
  s: Services,
  state: State,
  id: string,
  stepId: StepId,
  first: { label: string; description: string; choice: K },
  exts: string[],
  placeholder: string,
): Promise<K | vscode.Uri | Back | undefined> {
  type Item = vscode.QuickPickItem & { choice?: K; uri?: vscode.Uri; browse?: boolean };
  const files: Item[] = state.beside
    .filter((u) => exts.includes(path.posix.extname(u.path).slice(1).toLowerCase()))
    .map((u) => ({ label: `$(file) ${path.posix.basename(u.path)}`, description: vscode.l10n.t('beside the export'), uri: u }));
  const items: Item[] = [first, ...files, { label: `$(folder-opened) ${vscode.l10n.t('Choose a file…')}`, browse: true }];
  for (;;) {
    const picked = await s.inputs.pick<Item>({ id, ...stepInfo(stepId, state), placeholder, items });
    if (!picked || picked === BACK) return picked;
    if (picked.choice) return picked.choice;
    if (picked.uri) return picked.uri;
    const chosen = await chooseFile(vscode.l10n.t('Mapping file'), { [vscode.l10n.t('Mapping (JSON, CSV or text)')]: exts }, state.uri);
    if (chosen) return chosen;
  }
}

/** Problems of a mapping file go to the log; a file with nothing usable is refused. */
function reportProblems(s: Services, uri: vscode.Uri, problems: MappingProblem[], entries: number): boolean {
  const name = path.posix.basename(uri.path);
  problems.forEach((p) => s.log.warn(`Mapping ${name}: ${mappingProblemText(p)}`));
  if (!entries) {
    const why = problems.length ? mappingProblemText(problems[0]) : vscode.l10n.t('no entries');
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be used as a mapping: {1}', name, why));
    return false;
  }
  if (problems.length) {
    const n = problems.length;
    void vscode.window.showWarningMessage(
      byCount(n, vscode.l10n.t('{0}: {1} line could not be read and is left out (see the log).', name, n), vscode.l10n.t('{0}: {1} lines could not be read and are left out (see the log).', name, n)),
    );
  }
  return true;
}

function formatLabel(f: DateFormatId): string {
  switch (f) {
    case 'iso':
      return vscode.l10n.t('ISO 8601 with a zone (2024-03-12T15:04:00+03:00)');
    case 'd/MMM/y':
      return vscode.l10n.t('Day/month name/year (12/Mar/24 3:04 PM)');
    case 'd.M.y':
      return vscode.l10n.t('Day.month.year (12.03.2024 15:04)');
    case 'M/d/y':
      return vscode.l10n.t('Month/day/year (3/12/2024 15:04)');
    case 'y-M-d':
      return vscode.l10n.t('Year-month-day (2024-03-12 15:04)');
  }
}

/** `Europe/Moscow`, `UTC`, `+03:00`, `-0500`. */
function parseZone(text: string): TimeZone | undefined {
  const t = text.trim();
  const m = /^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$/i.exec(t);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return minutes <= 14 * 60 ? { offsetMinutes: (m[1] === '-' ? -1 : 1) * minutes } : undefined;
  }
  if (/^(UTC|GMT|Z)$/i.test(t)) return { offsetMinutes: 0 };
  return t && isKnownTimeZone(t) ? { iana: t } : undefined;
}

async function readText(uri: vscode.Uri): Promise<string> {
  return decodeText(await vscode.workspace.fs.readFile(uri)).text;
}

async function filesBeside(uri: vscode.Uri): Promise<vscode.Uri[]> {
  const dir = uri.with({ path: path.posix.dirname(uri.path) });
  try {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    return entries
      .filter(([n, t]) => t === vscode.FileType.File && n !== path.posix.basename(uri.path) && !n.endsWith('.migration-result.csv') && !n.endsWith('.import-log.jsonl'))
      .map(([n]) => vscode.Uri.joinPath(dir, n))
      .sort((a, b) => a.path.localeCompare(b.path))
      .slice(0, 30);
  } catch {
    return [];
  }
}

async function chooseFile(title: string, filters: Record<string, string[]>, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Choose'),
    title,
    filters,
    ...(near ? { defaultUri: near.with({ path: path.posix.dirname(near.path) }) } : {}),
  });
  return picked?.[0];
}
