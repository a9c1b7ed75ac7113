// Shared helpers of the extension-host suites (they run inside the real VS
// Code extension host, see test/integration/index.ts).
//
// Answering quick inputs THROUGH THE REAL WORKBENCH (checked on code-server
// 4.100.3 / VS Code 1.100.3): the extension announces every quick pick and
// input box it shows on `testing.onDidShowInput`; a test sets what a user
// would have chosen on that object from the extension host —
//   quick pick:  `activeItems = [item]` (single) or `selectedItems = [...]`
//                (canSelectMany); optionally `value` first to type a filter
//   input box:   `value = text`
// waits ~80 ms so the ext-host → renderer update reaches the workbench, then
// runs `workbench.action.acceptSelectedQuickOpenItem` — the command bound to
// Enter — so the workbench itself accepts and fires onDidAccept back in the
// extension host, exactly as for a user pressing Enter. This works for quick
// picks, multi-select picks and input boxes alike. Back is
// `workbench.action.quickInputBack` (fires onDidTriggerButton with the Back
// button), Escape is `workbench.action.closeQuickOpen` (fires onDidHide).
//
// Typing: a `value` set from the extension host reaches the workbench but
// fires no onDidChangeValue back in the extension (checked), so live search
// would never run; neither the `type` command nor a clipboard paste reaches a
// quick input. scripts/run-vscode.js therefore gives the tests a driver
// (TRACKER_TEST_DRIVER) that sends real keystrokes to the page through
// playwright: `typeText()` / `pressKey()`, and `answerPick(…, { value })`
// types the value for real when it is there. Under a desktop VS Code
// (VSCODE_EXECUTABLE) there is no driver: `value` is then set directly.
//
// Notifications: `captureMessages()` wraps vscode.window.show*Message (the
// same API object the extension uses) and still shows the real
// notification; `dismissNotifications()` closes them (a pending
// showErrorMessage(…, 'Try Again') then resolves undefined, as when a user
// closes it).

import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { ShownInput } from '../../src/kernel/quickInput';
import type { IssueNode, LinkedNode, LinksNode, RootNode } from '../../src/views/linksTree';
import { startSandbox, type SandboxServer, type SandboxOptions } from '../sandbox/server';

export { startSandbox, type SandboxServer, type SandboxOptions };

export const EXTENSION_ID = 'tracker-links.tracker-links';
/** Time for an ext-host → renderer update of a quick input to land before accepting it. */
const FLUSH_MS = 80;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `predicate` (sync or async) every 50 ms until it is truthy; rejects after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | Promise<T>, timeoutMs = 10000, what = 'condition'): Promise<Exclude<T, undefined | null | false | 0 | ''>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await predicate();
      if (v) return v as Exclude<T, undefined | null | false | 0 | ''>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await sleep(50);
  }
}

/** Rejects with a message naming `what` when `p` takes longer than `ms`. */
export function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    Promise.resolve(p),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---- settings ------------------------------------------------------------------

/** Points the extension at `sb` through user (Global) settings, as a user would. */
export async function configureForSandbox(sb: SandboxServer): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('tracker');
  await cfg.update('baseUrl', sb.url, vscode.ConfigurationTarget.Global);
  await cfg.update('orgKind', sb.orgKind, vscode.ConfigurationTarget.Global);
  await cfg.update('orgId', sb.orgId, vscode.ConfigurationTarget.Global);
}

/** Sets (or with `undefined` removes) user settings of the `tracker` section. */
export async function setUserSettings(values: Record<string, unknown>): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('tracker');
  for (const [k, v] of Object.entries(values)) await cfg.update(k, v, vscode.ConfigurationTarget.Global);
}

// ---- the extension's test API --------------------------------------------------

interface QueuedInput {
  shown: ShownInput;
  hidden: boolean;
}

let api: TrackerTestApi | undefined;
const queue: QueuedInput[] = [];
const waiters: Array<() => void> = [];

/** Activates the extension and returns its test API (`exports.testing`). */
export async function getTestApi(): Promise<TrackerTestApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<{ testing?: TrackerTestApi }>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
  const exported = await ext.activate();
  assert.ok(exported?.testing, 'the extension exposes no test API: is it running in test mode (extensionTestsPath)?');
  api = exported.testing;
  api.onDidShowInput((shown) => {
    const q: QueuedInput = { shown, hidden: false };
    // Best effort: an input closed before a test looked at it is skipped.
    shown.input.onDidHide(() => (q.hidden = true));
    queue.push(q);
    waiters.splice(0).forEach((w) => w());
  });
  return api;
}

/** Forgets inputs shown but not taken by a test (call between tests). */
export function clearInputs(): void {
  queue.splice(0);
}

/**
 * The next quick pick / input box the extension shows (already shown ones
 * first). With `step`, fails when the next one is a different step.
 */
export async function nextInput(step?: string, timeoutMs = 10000): Promise<ShownInput> {
  await getTestApi();
  const end = Date.now() + timeoutMs;
  for (;;) {
    while (queue.length && queue[0].hidden) queue.shift();
    const q = queue.shift();
    if (q) {
      if (step && q.shown.step !== step) {
        throw new Error(`Expected the input "${step}" but the extension showed "${q.shown.step}" (${q.shown.kind})`);
      }
      return q.shown;
    }
    const left = end - Date.now();
    if (left <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for the input "${step ?? '(any)'}" to be shown`);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, left);
      waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

// ---- keyboard (real keystrokes through the runner's page) -------------------------

const DRIVER = process.env.TRACKER_TEST_DRIVER;
/** True when real keystrokes can be sent (the code-server runner). */
export const canType = !!DRIVER;

async function drive(call: 'type' | 'press' | 'text', body: object): Promise<unknown> {
  if (!DRIVER) throw new Error('Typing needs the code-server runner (scripts/run-vscode.js sets TRACKER_TEST_DRIVER)');
  const r = await fetch(`${DRIVER}/${call}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`test driver ${call} failed: ${r.status} ${await r.text()}`);
  return r.json();
}

/** The text the workbench shows in the first element matching the CSS `selector` (null when there is none). */
export async function shownText(selector: string): Promise<string | null> {
  const r = (await drive('text', { selector })) as { text: string | null };
  return r.text === null ? null : r.text.trim();
}

/**
 * Types `text` with the keyboard into the open quick input (the runner waits
 * for it and focuses it first); `{ quickInput: false }` types into whatever
 * has the focus.
 */
export async function typeText(text: string, o: { quickInput?: boolean } = {}): Promise<void> {
  await drive('type', { text, quickInput: o.quickInput ?? true });
}

/** Presses a key (playwright names: 'Enter', 'Escape', 'ArrowDown', 'Control+a'); see typeText for `quickInput`. */
export async function pressKey(key: string, o: { quickInput?: boolean } = {}): Promise<void> {
  await drive('press', { key, quickInput: o.quickInput ?? true });
}

/**
 * Replaces the value of a shown quick pick / input box by typing `value` for
 * real (select all, type), until the extension has seen it; retried when
 * keystrokes were lost while the workbench switched steps. Without the
 * driver (desktop VS Code) the value is set directly (no change events).
 */
export async function typeInto(input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox, value: string, what = 'the quick input'): Promise<void> {
  if (!canType) {
    input.value = value;
    return;
  }
  for (let attempt = 1; ; attempt++) {
    await sleep(FLUSH_MS);
    await pressKey('Control+a');
    if (value) await typeText(value);
    else await pressKey('Backspace');
    try {
      await waitFor(() => input.value === value, 2000, `the typed value ${JSON.stringify(value)} to reach ${what}`);
      return;
    } catch (e) {
      if (attempt >= 3) throw new Error(`${(e as Error).message} (it has ${JSON.stringify(input.value)})`);
    }
  }
}

// ---- quick inputs ----------------------------------------------------------------

export type ItemMatcher = string | ((item: vscode.QuickPickItem) => boolean);

function matcher(m: ItemMatcher): (item: vscode.QuickPickItem) => boolean {
  return typeof m === 'string' ? (i) => i.label === m || i.label.replace(/^\$\([^)]+\)\s*/, '') === m : m;
}

export async function accept(): Promise<void> {
  await sleep(FLUSH_MS);
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

export interface AnswerPickOptions {
  /** Typed into the pick first (filter, live search or a typed key). */
  value?: string;
  /** How long to wait for the wanted item(s) to appear (loading, search). */
  timeoutMs?: number;
}

/**
 * Answers the next quick pick (which must be `step`): waits until the item
 * matching `choice` is listed (labels for a multi-select pick), makes it the
 * active (or selected) item and presses Enter through the workbench.
 * Returns the pick's items at the time of the answer.
 */
export async function answerPick(step: string, choice: ItemMatcher | string[], o: AnswerPickOptions = {}): Promise<readonly vscode.QuickPickItem[]> {
  const shown = await nextInput(step);
  if (shown.kind !== 'quickPick') throw new Error(`"${step}" is an input box, not a quick pick`);
  const qp = shown.input;
  if (o.value !== undefined) await typeInto(qp, o.value, `"${step}"`);
  const what = Array.isArray(choice) ? choice.join(', ') : typeof choice === 'string' ? choice : 'the matching item';
  if (Array.isArray(choice)) {
    const items = await waitFor(
      () => {
        if (qp.busy) return undefined;
        const found = choice.map((c) => qp.items.find(matcher(c)));
        return found.every(Boolean) ? (found as vscode.QuickPickItem[]) : undefined;
      },
      o.timeoutMs ?? 10000,
      `${what} in "${step}" (items: ${qp.items.map((i) => i.label).join(' | ')})`,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; items now: ${qp.items.map((i) => i.label).join(' | ')}`);
    });
    if (qp.canSelectMany) qp.selectedItems = items;
    else qp.activeItems = items.slice(0, 1);
  } else {
    const item = await waitFor(() => (qp.busy ? undefined : qp.items.find(matcher(choice))), o.timeoutMs ?? 10000, `${what} in "${step}"`).catch(
      (e: Error) => {
        throw new Error(`${e.message}; items now: ${qp.items.map((i) => i.label).join(' | ')}`);
      },
    );
    if (qp.canSelectMany) qp.selectedItems = [item];
    else qp.activeItems = [item];
  }
  const items = qp.items;
  await accept();
  return items;
}

/**
 * Types `text` into the next input box (which must be `step`) and presses
 * Enter. Throws when the box refuses the value (its validation message).
 */
export async function answerInput(step: string, text: string): Promise<vscode.InputBox> {
  const shown = await nextInput(step);
  if (shown.kind !== 'inputBox') throw new Error(`"${step}" is a quick pick, not an input box`);
  const box = shown.input;
  await sleep(FLUSH_MS);
  box.value = text;
  await accept();
  await sleep(FLUSH_MS);
  const msg = box.validationMessage;
  if (msg) throw new Error(`"${step}" refused ${JSON.stringify(text)}: ${typeof msg === 'string' ? msg : msg.message}`);
  return box;
}

/** The quick input's Back button. */
export async function pressBack(): Promise<void> {
  await sleep(FLUSH_MS);
  await vscode.commands.executeCommand('workbench.action.quickInputBack');
}

/** Escape: closes the quick input. */
export async function pressEscape(): Promise<void> {
  await sleep(FLUSH_MS);
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
}

// ---- notifications -------------------------------------------------------------

export interface Message {
  kind: 'info' | 'warning' | 'error';
  text: string;
  actions: string[];
}

export interface MessageCapture extends vscode.Disposable {
  readonly messages: Message[];
  /** The first message (already shown or coming) whose text matches. */
  wait(match: RegExp, timeoutMs?: number): Promise<Message>;
}

type ShowFn = (message: string, ...rest: unknown[]) => Thenable<unknown>;

/**
 * Records the notifications the extension shows from now on (they are still
 * shown). Dispose to stop recording.
 */
export function captureMessages(): MessageCapture {
  const w = vscode.window as unknown as Record<string, ShowFn>;
  const names: Array<[string, Message['kind']]> = [
    ['showInformationMessage', 'info'],
    ['showWarningMessage', 'warning'],
    ['showErrorMessage', 'error'],
  ];
  const messages: Message[] = [];
  const originals = names.map(([name]) => [name, w[name]] as const);
  for (const [name, kind] of names) {
    const original = w[name];
    w[name] = function (this: unknown, message: string, ...rest: unknown[]) {
      const actions = rest.filter((r): r is string => typeof r === 'string');
      rest.forEach((r) => {
        if (r && typeof r === 'object' && 'title' in r) actions.push(String((r as { title: unknown }).title));
      });
      messages.push({ kind, text: message, actions });
      return original.call(this, message, ...rest);
    };
  }
  return {
    messages,
    wait: (match, timeoutMs = 10000) =>
      waitFor(() => messages.find((m) => match.test(m.text)), timeoutMs, `a notification matching ${match} (seen: ${JSON.stringify(messages.map((m) => m.text))})`),
    dispose: () => {
      for (const [name, original] of originals) w[name] = original;
    },
  };
}

/** Closes every notification, as the "Clear All Notifications" button does. */
export async function dismissNotifications(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
}

// ---- flows -----------------------------------------------------------------------

/**
 * Runs the real `Tracker: Sign In` command and answers its steps for `sb`
 * (Yandex 360 / Yandex Cloud with an OAuth token, or an IAM token when
 * `tokenKind` is 'iam'). Resolves with the command's result (true: signed in).
 */
export async function signInToSandbox(sb: SandboxServer, o: { tokenKind?: 'oauth' | 'iam'; token?: string } = {}): Promise<boolean> {
  await getTestApi();
  clearInputs();
  const done = vscode.commands.executeCommand<boolean>('tracker.signIn');
  await answerPick('signIn.orgKind', sb.orgKind === 'cloud' ? 'Yandex Cloud Organization' : 'Yandex 360 for Business');
  await answerInput('signIn.orgId', sb.orgId);
  if (sb.orgKind === 'cloud') await answerPick('signIn.tokenKind', o.tokenKind === 'iam' ? 'IAM token' : 'OAuth token');
  await answerInput('signIn.token', o.token ?? (o.tokenKind === 'iam' ? sb.iamToken : sb.token));
  return withTimeout(done, 20000, 'tracker.signIn');
}

/** Runs `Tracker: Sign Out` and waits until nothing is stored. */
export async function signOut(): Promise<void> {
  const t = await getTestApi();
  await vscode.commands.executeCommand('tracker.signOut');
  await waitFor(async () => !(await t.hasCredentials()), 5000, 'the credentials to be removed');
}

// ---- tree items and process checks ------------------------------------------------

/** A tree item's label as text. */
export const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
/** A tree item's codicon id, or '' when it has none. */
export const iconOf = (item: vscode.TreeItem): string => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '');

/** A tree item's Markdown tooltip as the reader sees it (appendText escapes spaces and punctuation). */
export const tooltipText = (item: vscode.TreeItem): string =>
  (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');

/** Records the unhandled promise rejections of the extension host (tests and extension share the process). */
export function recordRejections(): { list: unknown[]; dispose(): void } {
  const pending = new Map<Promise<unknown>, unknown>();
  const onUnhandled = (reason: unknown, promise: Promise<unknown>) => pending.set(promise, reason);
  // Handled a moment later (after a tick): not a leak.
  const onHandled = (promise: Promise<unknown>) => pending.delete(promise);
  process.on('unhandledRejection', onUnhandled);
  process.on('rejectionHandled', onHandled);
  return {
    get list() {
      return [...pending.values()];
    },
    dispose() {
      process.off('unhandledRejection', onUnhandled);
      process.off('rejectionHandled', onHandled);
    },
  };
}

// ---- the shared suite fixture ----------------------------------------------------

/** What a suite works with; `messages` is new for every test. */
export interface SandboxSuite {
  t: TrackerTestApi;
  sb: SandboxServer;
  messages: MessageCapture;
  /** A temporary folder of the suite (with `tempDir`), removed after it. */
  dir: string;
}

export interface SuiteOptions {
  sandbox?: SandboxOptions;
  /** `tracker.*` user settings for the whole suite (removed again after it). */
  settings?: Record<string, unknown>;
  /** Signed in to the sandbox before the first test (default true). */
  signIn?: boolean;
  /** The side bar view shown during the suite: the links view loads on its own, the Explorer keeps it hidden. */
  view?: 'links' | 'explorer';
  /** A temporary folder named after this prefix, in `dir`. */
  tempDir?: string;
  /** Unpin the current issue before each test (the branch or the test decides it). */
  unpinEachTest?: boolean;
  /** Fail a test that leaves an unhandled promise rejection behind, or shows the token in a message. */
  strict?: boolean;
  /** Receives the suite's state before the suite and before each test (assign it to the suite's variables). */
  bind(s: SandboxSuite): void;
}

/**
 * The set-up every extension-host suite shares: a sandbox Tracker, the
 * extension configured for it and signed in, a clean sandbox, store and
 * quick-input queue before each test, messages captured, dialogs and
 * notifications closed after it, and everything put back after the suite.
 */
export function useSandboxSuite(o: SuiteOptions): void {
  const s = {} as SandboxSuite;
  let rejections: ReturnType<typeof recordRejections> | undefined;
  const settingKeys = Object.keys(o.settings ?? {});

  before(async function () {
    this.timeout(60000);
    s.t = await getTestApi();
    s.sb = await startSandbox(o.sandbox);
    await configureForSandbox(s.sb);
    if (o.settings) await setUserSettings(o.settings);
    if (o.signIn !== false) assert.ok(await signInToSandbox(s.sb), 'signed in to the sandbox');
    if (o.view === 'links') await vscode.commands.executeCommand('tracker.links.focus');
    else if (o.view === 'explorer') await vscode.commands.executeCommand('workbench.view.explorer');
    if (o.tempDir) s.dir = fs.mkdtempSync(path.join(os.tmpdir(), o.tempDir));
    if (o.strict) rejections = recordRejections();
    o.bind(s);
  });

  beforeEach(async () => {
    s.sb.reset();
    s.t.services.store.invalidate();
    clearInputs();
    if (o.unpinEachTest) await s.t.services.current.unpin();
    s.messages = captureMessages();
    o.bind(s);
  });

  afterEach(async function () {
    s.messages?.dispose();
    s.sb?.resetFaults();
    await pressEscape();
    await dismissNotifications();
    if (!o.strict || !rejections) return;
    // Let a rejection of this test's work surface before it is checked.
    await sleep(100);
    const leaked = rejections.list.map((r) => (r instanceof Error ? (r.stack ?? r.message) : String(r)));
    rejections.list.splice(0);
    assert.deepStrictEqual(leaked, [], `unhandled promise rejections in "${this.currentTest?.title}"`);
    const shown = s.messages.messages.filter((m) => m.text.includes(s.sb.token));
    assert.deepStrictEqual(shown, [], 'a message showed the token');
  });

  after(async () => {
    rejections?.dispose();
    await s.t?.services.current.unpin();
    await signOut().catch(() => undefined);
    await setUserSettings({ ...Object.fromEntries(settingKeys.map((k) => [k, undefined])), baseUrl: undefined, orgKind: undefined, orgId: undefined });
    if (o.view) await vscode.commands.executeCommand('workbench.view.explorer');
    if (s.dir) fs.rmSync(s.dir, { recursive: true, force: true });
    await s.sb?.close();
  });
}

/** Reading the links view the way a user sees it: the root, its groups by label, a linked issue by key. */
export function linksTreeReader(api: () => TrackerTestApi) {
  const tree = () => api().views.links;
  const children = async (node?: LinksNode) => tree().getChildren(node) as Promise<LinksNode[]>;
  const item = (node: LinksNode) => tree().getTreeItem(node) as vscode.TreeItem;
  const root = async (): Promise<RootNode> => {
    const [r] = await children();
    assert.ok(r && r.kind === 'root', `expected the current issue at the root, got ${r ? labelOf(item(r)) : 'nothing'}`);
    return r;
  };
  /** Group label → linked nodes under it, in tree order. */
  const grouped = async (node: IssueNode): Promise<Array<[string, LinkedNode[]]>> => {
    const out: Array<[string, LinkedNode[]]> = [];
    for (const g of await children(node)) {
      assert.strictEqual(g.kind, 'group');
      out.push([labelOf(item(g)), (await children(g)) as LinkedNode[]]);
    }
    return out;
  };
  const linked = async (node: IssueNode, key: string): Promise<LinkedNode> => {
    const all = (await grouped(node)).flatMap(([, l]) => l);
    const found = all.find((n) => n.key === key);
    assert.ok(found, `${key} is not listed under ${node.key} (listed: ${all.map((n) => n.key).join(', ')})`);
    return found;
  };
  return { tree, children, item, root, grouped, linked };
}
