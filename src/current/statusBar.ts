import * as vscode from 'vscode';
import type { CurrentIssue } from '../kernel/currentIssue';
import type { Services } from '../kernel/services';
import { deadlineConflictText } from '../kernel/linkWords';
import { unassignedText, wasKeyText } from '../kernel/issueWords';
import { markdownLinkTarget } from '../kernel/markdownTarget';
import { deadlineConflict, deadlinePartners, openBlockers, resolvedBlockers } from '../links/statuses';
import type { Issue, IssueLink } from '../tracker/types';

/** What the status bar knows about the current issue. */
interface StatusBarState {
  key: string;
  summary?: string;
  /** The issues it depends on that are not done; undefined until its links are known. */
  blockers?: IssueLink[];
  /** Open blockers due after the current issue (their deadline is later than its own). */
  conflicts?: Array<{ key: string; deadline: string }>;
  deadline?: string;
}

/**
 * Shows the current issue's key (and summary once known) in the status bar
 * and, while it depends on issues that are not done, how many: "TREK-12 ·
 * blocked by 2", with the blockers in the tooltip. The issue and its links
 * come through the link store (the links view reads the same ones); only a
 * deadline check of open blockers asks for their fields, in one search.
 * Clicking it reveals the links view.
 */
export class CurrentIssueStatusBar implements vscode.Disposable {
  /** Read by the tests: what the user sees. */
  readonly item: vscode.StatusBarItem;
  private readonly subs: vscode.Disposable[] = [];
  private ctl: AbortController | undefined;
  private focusTimer: ReturnType<typeof setTimeout> | undefined;
  /** The current issue's links as last seen, to tell when an open blocker became done. */
  private seen: { key: string; links: IssueLink[] } | undefined;
  private readonly rendered = new vscode.EventEmitter<StatusBarState>();
  /** The item was drawn (tests read what it says). */
  readonly onDidRender = this.rendered.event;
  state: StatusBarState | undefined;

  constructor(private readonly s: Services) {
    this.item = vscode.window.createStatusBarItem('tracker.currentIssue', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Tracker: Current Issue');
    this.item.command = { command: 'tracker.links.focus', title: vscode.l10n.t('Show Links') };
    this.subs.push(
      s.current.onDidChange(() => {
        this.seen = undefined;
        this.render();
      }),
      s.connection.onDidChange(() => {
        this.seen = undefined;
        this.render();
      }),
      s.statuses.onDidChange(() => this.render()),
      // Links added or removed here, and lists read by anyone (a refresh of the view, a hover).
      s.events.onDidChangeIssueLinks((e) => {
        if (this.key && e.keys.includes(this.key)) this.render();
      }),
      s.store.onDidLoadLinks((key, links) => {
        if (key !== this.key) return;
        this.clearFocusTimer();
        this.notifyResolved(key, links);
        this.render();
      }),
      vscode.window.onDidChangeWindowState((w) => {
        if (w.focused) this.refreshOnFocus();
      }),
      this.rendered,
    );
    this.render();
  }

  private get key(): string | undefined {
    return this.s.current.current?.key.toUpperCase();
  }

  render(): void {
    this.ctl?.abort();
    const c = this.s.current.current;
    if (!c) {
      this.state = undefined;
      this.item.hide();
      return;
    }
    const key = c.key.toUpperCase();
    const store = this.s.store;
    const cachedIssue = store.peekIssue(key);
    const cachedLinks = store.peekLinks(key);
    this.show(c, this.stateOf(key, cachedIssue, cachedLinks));
    const ctl = (this.ctl = new AbortController());
    const signal = ctl.signal;
    void (async () => {
      if (!(await this.s.connection.isSignedIn()) || signal.aborted) return;
      try {
        // What is in the store is used as it is: the view's refresh and the focus check bring news.
        const [issue, links] = await Promise.all([
          cachedIssue ?? store.getIssue(key, { signal }),
          cachedLinks ?? store.getLinks(key, { signal }),
          this.s.statuses.ready(),
        ]);
        if (signal.aborted) return;
        if (!this.seen || this.seen.key !== key) this.seen = { key, links };
        const state = this.stateOf(key, issue, links);
        this.show(c, state);
        const conflicts = await this.conflicts(issue, state.blockers ?? [], links, signal);
        if (!signal.aborted && conflicts.length) this.show(c, { ...state, conflicts });
      } catch {
        // The key alone is still useful; the view shows the error.
      }
    })();
  }

  private stateOf(key: string, issue: Issue | undefined, links: IssueLink[] | undefined): StatusBarState {
    return {
      key,
      summary: issue?.summary,
      deadline: issue?.deadline,
      blockers: links && openBlockers(links, this.s.statuses.categoryOf),
    };
  }

  /**
   * Open blockers due after the current issue: asked (one search) only when
   * it has a deadline and open blockers. The search takes its dependents too,
   * so the links view finds every deadline it shows in the store.
   */
  private async conflicts(issue: Issue, blockers: IssueLink[], links: IssueLink[], signal: AbortSignal): Promise<NonNullable<StatusBarState['conflicts']>> {
    if (!issue.deadline || !blockers.length) return [];
    const found = await this.s.store.getIssues(deadlinePartners(links), { signal });
    return blockers
      .map((b) => found.get(b.object.key.toUpperCase()))
      .filter((b): b is Issue => !!b && deadlineConflict(issue, b, this.s.statuses.categoryOf))
      .map((b) => ({ key: b.key, deadline: b.deadline ?? '' }));
  }

  private show(c: CurrentIssue, state: StatusBarState): void {
    const { key, summary } = state;
    const open = state.blockers ?? [];
    const short = summary && summary.length > 40 ? `${summary.slice(0, 39)}…` : summary;
    this.item.text = open.length
      ? `$(circle-slash) ${vscode.l10n.t('{0} · blocked by {1}', key, open.length)}`
      : `$(issues) ${key}${short ? ` ${short}` : ''}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown('**');
    md.appendText(key);
    md.appendMarkdown('**');
    if (c.was) md.appendText(` ${wasKeyText(c.was)}`);
    if (summary) md.appendText(` ${summary}`);
    if (open.length) {
      md.appendMarkdown('\n\n');
      md.appendText(vscode.l10n.t('Open blockers ({0}):', open.length));
      for (const b of open) {
        const status = b.status?.display ?? b.status?.key ?? '';
        const who = b.assignee?.display ?? unassignedText();
        md.appendMarkdown(`\n- [`);
        md.appendText(b.object.key);
        md.appendMarkdown(`](${markdownLinkTarget(this.s.settings.issueUrl(b.object.key))}) `);
        md.appendText([b.object.display ?? '', status, who].filter(Boolean).join(' · '));
      }
    }
    for (const x of state.conflicts ?? []) {
      md.appendMarkdown('\n\n$(warning) ');
      md.appendText(deadlineConflictText({ key, deadline: state.deadline }, x));
    }
    md.appendMarkdown('\n\n');
    md.appendText(
      c.source === 'pinned'
        ? vscode.l10n.t('Pinned by you. Run "Tracker: Unpin Current Issue" to follow the git branch again.')
        : vscode.l10n.t('From the git branch {0}.', c.branch ?? ''),
    );
    md.appendMarkdown('\n\n');
    md.appendText(vscode.l10n.t('Click to show its links.'));
    this.item.tooltip = md;
    this.item.accessibilityInformation = {
      label: open.length ? vscode.l10n.t('Current Tracker issue {0}, open blockers: {1}', key, open.length) : vscode.l10n.t('Current Tracker issue {0}', key),
    };
    this.item.show();
    this.state = state;
    this.rendered.fire(state);
  }

  /**
   * A refresh showed an open blocker of the current issue done: say so once,
   * quietly, and only while the window has the focus (nobody reads it otherwise).
   */
  private notifyResolved(key: string, links: IssueLink[]): void {
    const before = this.seen?.key === key ? this.seen.links : undefined;
    this.seen = { key, links };
    if (!before || !vscode.window.state.focused) return;
    const done = resolvedBlockers(before, links, this.s.statuses.categoryOf);
    if (!done.length) return;
    const left = openBlockers(links, this.s.statuses.categoryOf).length;
    const who = done.join(', ');
    const message = left
      ? vscode.l10n.t('{0} is done — {1} still has open blockers: {2}', who, key, left)
      : vscode.l10n.t('{0} is done — {1} has no open blockers left', who, key);
    this.s.log.info(message);
    void vscode.window.showInformationMessage(message);
  }

  /** On focus, links older than the setting are read again (the view does the same when it is shown). */
  private refreshOnFocus(): void {
    const key = this.key;
    const after = this.s.settings.refreshOnFocusAfterMs;
    if (!key || !after || !this.s.store.peekLinks(key)) return;
    // The view, when shown, reads them itself: wait a moment so one request serves both.
    this.clearFocusTimer();
    this.focusTimer = setTimeout(() => {
      this.focusTimer = undefined;
      void this.s.connection.isSignedIn().then(async (ok) => {
        if (ok) await this.s.store.getLinks(key, { maxAgeMs: after }).catch(() => undefined);
      });
    }, 1500);
  }

  private clearFocusTimer(): void {
    if (this.focusTimer) clearTimeout(this.focusTimer);
    this.focusTimer = undefined;
  }

  dispose(): void {
    this.ctl?.abort();
    this.clearFocusTimer();
    this.subs.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
