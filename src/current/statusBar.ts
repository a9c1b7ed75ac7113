import * as vscode from 'vscode';
import type { CurrentIssue, CurrentIssueService } from '../kernel/currentIssue';
import type { LinkStore } from '../links/store';
import type { Connection } from '../kernel/connection';

/**
 * Shows the current issue's key (and summary once known) in the status bar;
 * clicking it reveals the links view. One request per change of issue.
 */
export class CurrentIssueStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subs: vscode.Disposable[] = [];
  private ctl: AbortController | undefined;

  constructor(
    private readonly current: CurrentIssueService,
    private readonly store: LinkStore,
    private readonly connection: Connection,
  ) {
    this.item = vscode.window.createStatusBarItem('tracker.currentIssue', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Tracker: Current Issue');
    this.item.command = { command: 'tracker.links.focus', title: vscode.l10n.t('Show Links') };
    this.subs.push(
      current.onDidChange(() => this.render()),
      connection.onDidChange(() => this.render()),
    );
    this.render();
  }

  render(): void {
    this.ctl?.abort();
    const c = this.current.current;
    if (!c) {
      this.item.hide();
      return;
    }
    const cached = this.store.peekIssue(c.key);
    this.show(c, cached?.summary);
    if (cached) return;
    const ctl = (this.ctl = new AbortController());
    void this.connection.isSignedIn().then((signedIn) => {
      if (!signedIn || ctl.signal.aborted) return;
      this.store.getIssue(c.key, { signal: ctl.signal }).then(
        (i) => !ctl.signal.aborted && this.show(c, i.summary),
        () => undefined, // the key alone is still useful; the tree shows the error
      );
    });
  }

  private show(c: CurrentIssue, summary?: string): void {
    const short = summary && summary.length > 40 ? `${summary.slice(0, 39)}…` : summary;
    this.item.text = `$(issues) ${c.key}${short ? ` ${short}` : ''}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${c.key}**`);
    if (c.was) md.appendText(` ${vscode.l10n.t('(was {0})', c.was)}`);
    if (summary) md.appendText(` ${summary}`);
    md.appendMarkdown('\n\n');
    md.appendText(
      c.source === 'pinned'
        ? vscode.l10n.t('Pinned by you. Run "Tracker: Unpin Current Issue" to follow the git branch again.')
        : vscode.l10n.t('From the git branch {0}.', c.branch ?? ''),
    );
    md.appendMarkdown('\n\n');
    md.appendText(vscode.l10n.t('Click to show its links.'));
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: vscode.l10n.t('Current Tracker issue {0}', c.key) };
    this.item.show();
  }

  dispose(): void {
    this.ctl?.abort();
    this.subs.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
