import * as vscode from 'vscode';
import type { QuickInputs } from '../kernel/quickInput';
import { askForIssue } from '../kernel/issuePicker';
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
      const cur = deps.current.current;
      const picked = await askForIssue(deps, {
        id: 'current.issue',
        title: vscode.l10n.t('Set Current Issue'),
        recentFirst: true,
        exclude: cur?.source === 'pinned' ? new Set([cur.key]) : undefined,
      });
      if (picked) await deps.current.pin(picked);
    }),
    vscode.commands.registerCommand('tracker.unpinCurrentIssue', () => deps.current.unpin()),
  );
}
