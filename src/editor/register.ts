import * as vscode from 'vscode';
import { keyOfArgument } from '../keys/keys';
import { askForIssue } from '../kernel/issuePicker';
import { CommentKeyCache } from '../kernel/scanCache';
import type { Services } from '../kernel/services';
import { IssueDocumentLinkProvider } from './documentLinks';
import { IssueHoverProvider } from './hoverProvider';

/** File-based documents only: no hovers in output panes, diff views of git objects, etc. */
const HOVER_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

/** Hover cards and Ctrl-click links on issue keys, and `Tracker: Show Links of Issue…`. */
export function registerHover(context: vscode.ExtensionContext, services: Services): void {
  const scans = new CommentKeyCache();
  context.subscriptions.push(
    vscode.workspace.onDidCloseTextDocument((d) => scans.evict(d.uri.toString())),
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, new IssueHoverProvider(services, scans)),
    vscode.languages.registerDocumentLinkProvider(HOVER_SELECTOR, new IssueDocumentLinkProvider(services, scans)),
    vscode.commands.registerCommand('tracker.showLinks', (arg?: unknown) => showLinks(services, keyOfArgument(arg))),
  );
}

/** Pins the issue as current and reveals the links view; asks for the issue when none is given. */
async function showLinks(services: Services, key: string | undefined): Promise<void> {
  if (!key) key = await askForIssue(services, { id: 'hover.showLinks', title: vscode.l10n.t('Show Links of Issue') });
  if (!key) return;
  await services.current.pin(key);
  await vscode.commands.executeCommand('tracker.links.focus');
}
