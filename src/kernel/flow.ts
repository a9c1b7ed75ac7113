// Pieces every flow that talks to Tracker shares: the sign-in gate and a
// cancellable progress notification whose Cancel aborts the reads.

import * as vscode from 'vscode';
import type { Services } from './services';
import { fixButtons } from './errors';

/** Nothing can be sent without an account: say so once, with the way out. */
export async function ensureSignedIn(s: Services): Promise<boolean> {
  const problem = s.connection.baseUrlProblem();
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return false;
  }
  if (await s.connection.isSignedIn()) return true;
  const fix = fixButtons(s.log, { signIn: true, showLog: false });
  void vscode.window.showErrorMessage(vscode.l10n.t('Sign in to Tracker first.'), ...fix.buttons).then(fix.act);
  return false;
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

/**
 * The cancellation token a test passes to an import command as
 * `{ cancellation }` (a progress notification's Cancel cannot be clicked from
 * the extension host); anything else passed as that argument is ignored.
 */
export function cancellationOf(options: unknown): vscode.CancellationToken | undefined {
  const c = (options as { cancellation?: vscode.CancellationToken } | undefined)?.cancellation;
  return c && typeof c.isCancellationRequested === 'boolean' && typeof c.onCancellationRequested === 'function' ? c : undefined;
}
