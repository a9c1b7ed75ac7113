import * as vscode from 'vscode';
import { BACK, type QuickInputs } from '../kernel/quickInput';
import { pickIssues } from '../kernel/issuePicker';
import type { CurrentIssueService } from '../kernel/currentIssue';
import type { Connection } from '../kernel/connection';
import type { TrackerApi } from '../tracker/types';

interface CurrentDeps {
  current: CurrentIssueService;
  inputs: QuickInputs;
  connection: Connection;
  api: () => TrackerApi;
  /** Issue keys found in the active editor, most relevant first. */
  editorKeys: () => string[];
}

/** `Tracker: Set Current Issue…` and `Tracker: Unpin Current Issue`. */
export function registerCurrentIssue(context: vscode.ExtensionContext, deps: CurrentDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('tracker.setCurrentIssue', async (key?: unknown) => {
      if (typeof key === 'string' && key) {
        await deps.current.pin(key);
        return;
      }
      if (!(await deps.connection.isSignedIn())) {
        void vscode.commands.executeCommand('tracker.signIn');
        return;
      }
      const recent = deps.current.recent.map((k) => ({ key: k, why: vscode.l10n.t('recent') }));
      const inEditor = deps.editorKeys().map((k) => ({ key: k, why: vscode.l10n.t('in the editor') }));
      const cur = deps.current.current;
      const picked = await pickIssues(deps.inputs, deps.api, {
        id: 'current.issue',
        title: vscode.l10n.t('Set Current Issue'),
        suggested: [...recent, ...inEditor],
        exclude: cur?.source === 'pinned' ? new Set([cur.key]) : undefined,
      });
      if (!picked || picked === BACK) return;
      await deps.current.pin(picked.key);
    }),
    vscode.commands.registerCommand('tracker.unpinCurrentIssue', () => deps.current.unpin()),
  );
}
