// Small pieces the linking flows share: reading command arguments, the
// sign-in gate, opening an issue, and the issue-key suggestions.

import * as vscode from 'vscode';
import type { Services } from '../kernel/services';

export { keyOfArgument as keyFromArg } from '../keys/keys';

/** Nothing can be sent without an account: say so once, with the way out. */
export async function ensureSignedIn(s: Services): Promise<boolean> {
  const problem = s.connection.baseUrlProblem();
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return false;
  }
  if (await s.connection.isSignedIn()) return true;
  const signIn = vscode.l10n.t('Sign In');
  void vscode.window.showErrorMessage(vscode.l10n.t('Sign in to Tracker first.'), signIn).then((c) => {
    if (c === signIn) void vscode.commands.executeCommand('tracker.signIn');
  });
  return false;
}

export function openIssue(s: Services, key: string): void {
  void vscode.env.openExternal(vscode.Uri.parse(s.settings.issueUrl(key)));
}

/** "Open TREK-15" buttons, at most three; the chosen one opens in the browser. */
export function showWithOpenButtons(
  s: Services,
  show: (message: string, ...items: string[]) => Thenable<string | undefined>,
  message: string,
  keys: readonly string[],
  extra: readonly string[] = [],
): Thenable<string | undefined> {
  const buttons = keys.slice(0, 3).map((k) => ({ k, label: vscode.l10n.t('Open {0}', k) }));
  return show(message, ...buttons.map((b) => b.label), ...extra).then((choice) => {
    const b = buttons.find((x) => x.label === choice);
    if (b) openIssue(s, b.k);
    return choice;
  });
}

/** Keys offered first in target pickers: recent picks, then keys in the editor, then the current issue. */
export function suggestedKeys(s: Services, ...skip: string[]): Array<{ key: string; why: string }> {
  const out: Array<{ key: string; why: string }> = [];
  const seen = new Set(skip.map((k) => k.toUpperCase()));
  const add = (key: string, why: string) => {
    const k = key.toUpperCase();
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ key: k, why });
  };
  for (const k of s.current.recent) add(k, vscode.l10n.t('recent'));
  for (const k of s.editorKeys()) add(k, vscode.l10n.t('in the editor'));
  const cur = s.current.current?.key;
  if (cur) add(cur, vscode.l10n.t('current issue'));
  return out.slice(0, 15);
}

/** Runs `fn` under a cancellable notification; the signal aborts reads (never a POST already sent). */
export function withCancellableProgress<T>(
  title: string,
  fn: (progress: vscode.Progress<{ message?: string; increment?: number }>, signal: AbortSignal, token: vscode.CancellationToken) => Promise<T>,
  extraToken?: vscode.CancellationToken,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const ctl = new AbortController();
    const subs = [token.onCancellationRequested(() => ctl.abort())];
    if (extraToken) {
      if (extraToken.isCancellationRequested) ctl.abort();
      subs.push(extraToken.onCancellationRequested(() => ctl.abort()));
    }
    const either: vscode.CancellationToken = {
      get isCancellationRequested() {
        return ctl.signal.aborted;
      },
      onCancellationRequested: (listener, thisArg, disposables) => {
        const h = () => listener.call(thisArg, undefined);
        ctl.signal.addEventListener('abort', h);
        const d = new vscode.Disposable(() => ctl.signal.removeEventListener('abort', h));
        disposables?.push(d);
        return d;
      },
    };
    return fn(progress, ctl.signal, either).finally(() => subs.forEach((d) => d.dispose()));
  });
}
