import * as vscode from 'vscode';
import { keyFromBranch } from '../keys/branch';
import type { Settings } from './settings';
import type { BranchWatcher } from './git';

type CurrentSource = 'pinned' | 'branch';
export interface CurrentIssue {
  key: string;
  source: CurrentSource;
  branch?: string;
  /** The old key the issue was pinned or named by in the branch, when it has moved since (an alias). */
  was?: string;
}

const PIN_KEY = 'tracker.pinnedIssue';
const RECENT_KEY = 'tracker.recentIssues';

/**
 * The issue the user works on: pinned by hand, else the key in the git
 * branch name (unless branch detection is off), else none. Keeps the
 * `tracker.hasCurrentIssue` / `tracker.currentIssuePinned` context keys true.
 */
export class CurrentIssueService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CurrentIssue | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];
  private lastKey: string | undefined;
  private lastSource: CurrentSource | undefined;
  /** The old key a pin was made with, when the pin was moved on to the issue's key now. */
  private pinnedWas: string | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly recentState: vscode.Memento,
    private readonly settings: Settings,
    private readonly branch: BranchWatcher,
    private readonly knownQueues: () => ReadonlySet<string> | undefined,
    /** The moved issue's key now for an old key, as the link store learned it from Tracker's answers. */
    private readonly movedTo: (key: string) => string | undefined = () => undefined,
  ) {
    this.subs.push(
      branch.onDidChange(() => this.update()),
      settings.onDidChange(() => this.update()),
    );
    void branch.ready.then(() => this.update());
    this.update();
  }

  get current(): CurrentIssue | undefined {
    const c = this.named();
    const moved = c && this.movedTo(c.key);
    return c && moved ? { ...c, key: moved, was: c.was ?? c.key } : c;
  }

  /** The key as pinned or found in the branch name. */
  private named(): CurrentIssue | undefined {
    const pinned = this.state.get<string>(PIN_KEY);
    if (pinned) return this.pinnedWas ? { key: pinned, source: 'pinned', was: this.pinnedWas } : { key: pinned, source: 'pinned' };
    if (!this.settings.branchDetection) return undefined;
    const b = this.branch.branch;
    const key = keyFromBranch(b, this.knownQueues());
    return key ? { key, source: 'branch', branch: b } : undefined;
  }

  /**
   * `from` is an old key of the issue now called `to`: the current issue is
   * shown under its key now; a pin and the recent list keep the new key.
   */
  async learnMove(from: string, to: string): Promise<void> {
    const f = from.toUpperCase();
    const t = to.toUpperCase();
    if (this.state.get<string>(PIN_KEY) === f) {
      // The pin keeps the key now (no second look-up after a restart); "was" lasts the session.
      this.pinnedWas = f;
      await this.state.update(PIN_KEY, t);
    }
    const recent = this.recent;
    if (recent.includes(f)) await this.recentState.update(RECENT_KEY, [...new Set(recent.map((k) => (k === f ? t : k)))]);
    this.update();
  }

  async pin(key: string): Promise<void> {
    const asked = key.toUpperCase();
    const k = this.movedTo(asked) ?? asked;
    this.pinnedWas = k === asked ? undefined : asked;
    await this.state.update(PIN_KEY, k);
    await this.remember(k);
    this.update();
  }

  async unpin(): Promise<void> {
    this.pinnedWas = undefined;
    await this.state.update(PIN_KEY, undefined);
    this.update();
  }

  /** Most recent first, at most 10. */
  get recent(): string[] {
    return this.recentState.get<string[]>(RECENT_KEY, []);
  }

  async remember(key: string): Promise<void> {
    const k = key.toUpperCase();
    const list = [k, ...this.recent.filter((x) => x !== k)].slice(0, 10);
    await this.recentState.update(RECENT_KEY, list);
  }

  /** Re-evaluates and fires only when the key or its source changed. */
  update(): void {
    const c = this.current;
    void vscode.commands.executeCommand('setContext', 'tracker.hasCurrentIssue', !!c);
    void vscode.commands.executeCommand('setContext', 'tracker.currentIssuePinned', c?.source === 'pinned');
    if (c?.key !== this.lastKey || c?.source !== this.lastSource) {
      this.lastKey = c?.key;
      this.lastSource = c?.source;
      this.changed.fire(c);
    }
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
