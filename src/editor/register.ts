import * as vscode from 'vscode';
import { keyOfArgument } from '../keys/keys';
import { pickIssues } from '../kernel/issuePicker';
import { BACK } from '../kernel/quickInput';
import type { Services } from '../kernel/services';
import { IssueDocumentLinkProvider } from './documentLinks';
import { IssueHoverProvider } from './hoverProvider';
import { CommentKeyCache } from './scanCache';

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
  if (!key) {
    if (!(await services.connection.isSignedIn())) {
      void vscode.commands.executeCommand('tracker.signIn');
      return;
    }
    const picked = await pickIssues(services.inputs, services.api, {
      id: 'hover.showLinks',
      title: vscode.l10n.t('Show Links of Issue'),
      suggested: [
        ...services.editorKeys().map((k) => ({ key: k, why: vscode.l10n.t('in the editor') })),
        ...services.current.recent.map((k) => ({ key: k, why: vscode.l10n.t('recent') })),
      ],
    });
    if (!picked || picked === BACK) return;
    key = picked.key;
  }
  await services.current.pin(key);
  await vscode.commands.executeCommand('tracker.links.focus');
}
