import * as vscode from 'vscode';
import type { Services } from '../kernel/services';
import { normalizeKey } from '../keys/keys';
import { keyOfDiagnostic, STALE_KEY_CODE, STALE_KEY_SOURCE, StaleKeyDiagnostics } from './staleKeys';

/** Stale issue keys in comments: the diagnostics and their quick fixes. */
export function registerStatus(context: vscode.ExtensionContext, services: Services): StaleKeyDiagnostics {
  const diagnostics = new StaleKeyDiagnostics(services);
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new StaleKeyActions(services), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
  return diagnostics;
}

/** Open the issue, show its links, link it to the current issue: the three things to do about a stale key. */
class StaleKeyActions implements vscode.CodeActionProvider {
  constructor(private readonly s: Services) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== STALE_KEY_SOURCE || d.code !== STALE_KEY_CODE) continue;
      // Diagnostics come back as copies from some hosts: the key is read from the range's text then
      // (the message is translated, so it is no place to look for one).
      const key = keyOfDiagnostic.get(d) ?? normalizeKey(doc.getText(d.range));
      if (!key) continue;
      const current = this.s.current.current?.key.toUpperCase();
      const fix = (title: string, command: string): void => {
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.command = { command, title, arguments: [key] };
        out.push(a);
      };
      fix(vscode.l10n.t('Open {0} in Tracker', key), 'tracker.openInTracker');
      fix(vscode.l10n.t('Show Links of {0}', key), 'tracker.showLinks');
      if (current && current !== key) fix(vscode.l10n.t('Link {0} to the Current Issue {1}…', key, current), 'tracker.linkToCurrent');
    }
    return out;
  }
}
