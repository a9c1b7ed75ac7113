import * as vscode from 'vscode';
import { Settings } from './kernel/settings';
import { CredentialStore } from './kernel/credentials';
import { registerAuth } from './auth/signIn';
import { seedDemoCredentials } from './auth/demo';
import { Connection } from './kernel/connection';
import { LinkEvents } from './kernel/events';
import { KnownQueues } from './kernel/queues';
import { StatusService } from './kernel/statuses';
import type { Services } from './kernel/services';
import { QuickInputs, type ShownInput } from './kernel/quickInput';
import { ErrorReporter } from './kernel/errors';
import { LinkStore } from './links/store';
import { BranchWatcher } from './kernel/git';
import { CurrentIssueService } from './kernel/currentIssue';
import { CurrentIssueStatusBar } from './current/statusBar';
import { registerCurrentIssue } from './current/register';
import { registerLinkCommands } from './linking/register';
import { registerHover } from './editor/register';
import { registerMigration } from './migration/register';
import { findKeys } from './keys/keys';
import { documentLength, MAX_SCANNED_LENGTH } from './kernel/scanCache';
import { Prompts } from './kernel/prompts';
import { registerViews, type Views } from './views/register';
import { registerChatTools, type ChatTools } from './chat/register';
import { registerGraphView, type GraphViews } from './graphView/register';
import { registerStatus } from './status/register';
import type { StaleKeyDiagnostics } from './status/staleKeys';
import type { DryRunDocuments } from './migration/dryRun';

/** What tests may observe; exported only when VS Code runs the extension's tests. */
export interface TrackerTestApi {
  onDidShowInput: vscode.Event<ShownInput>;
  hasCredentials(): Promise<boolean>;
  services: Services;
  /** The links and entity-links tree providers. */
  views: Views;
  /** The language-model tools by name (their prepareInvocation is called directly: the host confirms nothing in test mode). */
  chatTools: ChatTools;
  /** The link graph panels. */
  graph: GraphViews;
  /** The current issue's status bar item (what it says, when it is drawn). */
  statusBar: CurrentIssueStatusBar;
  /** The stale-key diagnostics (tests run a check and wait for it). */
  staleKeys: StaleKeyDiagnostics;
  /** The migration's dry run documents (tests read each version of one as it changes). */
  dryRuns: DryRunDocuments;
  /** How long activate() took, for the benchmarks. */
  activationMs: number;
  /** The file the "Tracker" log channel writes to (read-only use: the security checks read it). */
  logFile: string;
}

/**
 * The composition root: builds each service once and hands it to the
 * features through their register functions. Activation does no network
 * work; features load data when they are first shown or used.
 */
export async function activate(context: vscode.ExtensionContext): Promise<{ testing?: TrackerTestApi }> {
  const started = performance.now();
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0.0.0');
  const log = vscode.window.createOutputChannel('Tracker', { log: true });
  const settings = new Settings();
  const credentials = new CredentialStore(context.secrets);
  const connection = new Connection(settings, credentials, log, `TrackerLinks-VSCode/${version}`);
  const inputs = new QuickInputs();
  const errors = new ErrorReporter(log);
  const api = () => connection.api;
  const store = new LinkStore(api);
  const events = new LinkEvents();
  const prompts = new Prompts(context.extensionMode === vscode.ExtensionMode.Test);
  const queues = new KnownQueues(settings, connection, log);
  const statuses = new StatusService(connection, log);
  const branch = new BranchWatcher();
  // The branch key needs no queue list: peeking keeps start-up free of requests.
  const current = new CurrentIssueService(context.workspaceState, context.globalState, settings, branch, () => queues.peek(), (key) => store.movedTo(key));
  context.subscriptions.push(log, settings, credentials, connection, inputs, events, prompts, queues, statuses, branch, current);

  // Another account or server makes every stored answer stale.
  context.subscriptions.push(connection.onDidChange(() => store.invalidate()));
  // Every change of the store is news for the views.
  context.subscriptions.push(store.onDidChange((keys) => events.issueLinksChanged(...keys)));
  // An old key of a moved issue, once Tracker has answered it, stands for the issue's key now.
  context.subscriptions.push(store.onDidMove((from, to) => void current.learnMove(from, to)));

  await seedDemoCredentials(settings, credentials, log);

  const editorKeys = (): string[] => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || documentLength(doc) > MAX_SCANNED_LENGTH) return [];
    const seen = new Set<string>();
    for (const m of findKeys(doc.getText(), { knownQueues: queues.current })) {
      seen.add(m.key);
      if (seen.size >= 10) break;
    }
    return [...seen];
  };

  const services: Services = { settings, credentials, connection, api, inputs, errors, log, store, current, events, queues, statuses, prompts, editorKeys };

  registerAuth(context, services);
  registerCurrentIssue(context, services);
  registerLinkCommands(context, services);
  const views = registerViews(context, services);
  registerHover(context, services);
  const chatTools = registerChatTools(context, services);
  const dryRuns = registerMigration(context, services);
  const graph = registerGraphView(context, services);
  const staleKeys = registerStatus(context, services);
  const statusBar = new CurrentIssueStatusBar(services);
  context.subscriptions.push(statusBar);
  context.subscriptions.push(vscode.commands.registerCommand('tracker.showLog', () => log.show()));

  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return {};
  // A log output channel writes to `<logUri>/<channel name>.log`.
  const logFile = vscode.Uri.joinPath(context.logUri, 'Tracker.log').fsPath;
  return { testing: { onDidShowInput: inputs.onDidShow, hasCredentials: async () => !!(await credentials.get()), services, views, chatTools, graph, statusBar, staleKeys, dryRuns, activationMs, logFile } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
