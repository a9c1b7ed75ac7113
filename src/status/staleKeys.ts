import * as vscode from 'vscode';
import { CommentKeyCache, documentLength, MAX_SCANNED_LENGTH, scannable } from '../kernel/scanCache';
import type { Services } from '../kernel/services';
import type { StaleKeysLevel } from '../kernel/settings';
import { isProse } from '../keys/scanner';
import type { KeyMatch } from '../keys/keys';

export const STALE_KEY_CODE = 'staleKey';
export const STALE_KEY_SOURCE = 'Tracker';

const SEVERITY: Record<Exclude<StaleKeysLevel, 'off'>, vscode.DiagnosticSeverity> = {
  hint: vscode.DiagnosticSeverity.Hint,
  information: vscode.DiagnosticSeverity.Information,
  warning: vscode.DiagnosticSeverity.Warning,
};

/** The key a stale-key diagnostic is about (kept beside it for the quick fixes). */
export const keyOfDiagnostic = new WeakMap<vscode.Diagnostic, string>();

/**
 * "TREK-12 is Closed — this comment may be out of date": issue keys in
 * comments whose issue is done. Only keys of known queues, only in the
 * documents on screen, checked when one is shown, opened or saved (never on
 * a keystroke), and not at all while signed out. The keys of all those
 * documents are resolved together through the link store's batched search
 * (`_search {keys}`, 100 a request), which the hover reads too.
 */
export class StaleKeyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tracker.staleKeys');
  private readonly subs: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private run = 0;
  /** Documents whose text changed since they were checked: their ranges wait for the save. */
  private readonly edited = new Set<string>();
  /** Its own cache, so a check and the hover never count or evict each other's scans. */
  private readonly scans = new CommentKeyCache();
  private readonly checked = new vscode.EventEmitter<readonly vscode.Uri[]>();
  /** A check finished (tests wait for it). */
  readonly onDidCheck = this.checked.event;

  constructor(private readonly s: Services) {
    this.subs.push(
      this.collection,
      this.checked,
      vscode.window.onDidChangeVisibleTextEditors(() => this.schedule()),
      vscode.workspace.onDidOpenTextDocument(() => this.schedule()),
      vscode.workspace.onDidSaveTextDocument((d) => {
        this.edited.delete(d.uri.toString());
        this.schedule();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.edited.add(e.document.uri.toString());
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.edited.delete(d.uri.toString());
        this.scans.evict(d.uri.toString());
        this.collection.delete(d.uri);
      }),
      // The level is a tracker.* setting.
      s.settings.onDidChange(() => this.schedule()),
      s.connection.onDidChange(() => this.schedule()),
      s.queues.onDidChange(() => this.schedule()),
      s.statuses.onDidChange(() => this.schedule()),
    );
    this.schedule();
  }

  /** Several triggers at once (a window opening many editors) make one check. */
  schedule(delayMs = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, delayMs);
  }

  /** Checks every document on screen; resolves when the diagnostics are set. */
  async check(): Promise<void> {
    const run = ++this.run;
    const docs = this.documents();
    const lvl = this.s.settings.staleKeysLevel;
    if (lvl === 'off' || !(await this.s.connection.isSignedIn())) {
      this.collection.clear();
      this.checked.fire([]);
      return;
    }
    // Nothing on screen: nothing to check, and no reason to learn the queue list yet.
    if (!docs.length) {
      this.checked.fire([]);
      return;
    }
    const known = this.s.queues.peek() ?? (await this.s.queues.get());
    if (!known || run !== this.run) return;
    const found = new Map<vscode.TextDocument, readonly KeyMatch[]>();
    for (const d of docs) {
      // A document edited since its last check keeps what it had until it is saved.
      if (this.edited.has(d.uri.toString())) continue;
      const matches = this.scans.keys(scannable(d), known);
      if (matches) found.set(d, matches);
    }
    const keys = [...new Set([...found.values()].flatMap((ms) => ms.map((m) => m.key.toUpperCase())))];
    let issues;
    try {
      [issues] = await Promise.all([keys.length ? this.s.store.getIssues(keys) : new Map(), this.s.statuses.ready()]);
    } catch (e) {
      // No squiggles rather than a popup: the log says why.
      this.s.errors.logDetails(e, 'Stale keys in comments');
      return;
    }
    if (run !== this.run) return;
    const classify = this.s.statuses.categoryOf;
    for (const [doc, matches] of found) {
      const diags: vscode.Diagnostic[] = [];
      // In Markdown or plain text a key is read anywhere, so "comment" would be wrong there.
      const prose = isProse(doc.languageId);
      for (const m of matches) {
        const issue = issues.get(m.key.toUpperCase());
        if (!issue || classify(issue.status) !== 'done') continue;
        const status = issue.status?.display ?? issue.status?.key ?? '';
        const range = new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end));
        const message = prose
          ? vscode.l10n.t('{0} is {1} — this text may be out of date', m.key, status)
          : vscode.l10n.t('{0} is {1} — this comment may be out of date', m.key, status);
        const d = new vscode.Diagnostic(range, message, SEVERITY[lvl]);
        d.source = STALE_KEY_SOURCE;
        d.code = STALE_KEY_CODE;
        if (lvl === 'hint') d.tags = [vscode.DiagnosticTag.Unnecessary];
        keyOfDiagnostic.set(d, m.key.toUpperCase());
        diags.push(d);
      }
      this.collection.set(doc.uri, diags);
    }
    this.checked.fire([...found.keys()].map((d) => d.uri));
  }

  /** The documents on screen that can hold code comments (files and untitled, not output panes). */
  private documents(): vscode.TextDocument[] {
    const seen = new Map<string, vscode.TextDocument>();
    for (const e of vscode.window.visibleTextEditors) {
      const d = e.document;
      if (d.uri.scheme !== 'file' && d.uri.scheme !== 'untitled') continue;
      // Too long for the hover's scan, too long for a check.
      if (documentLength(d) > MAX_SCANNED_LENGTH) continue;
      seen.set(d.uri.toString(), d);
    }
    return [...seen.values()];
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subs.forEach((s) => s.dispose());
  }
}
