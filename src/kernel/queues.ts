import * as vscode from 'vscode';
import type { Settings } from './settings';
import type { Connection } from './connection';

/**
 * The queue keys that count as issue keys in code: the `tracker.queues`
 * setting when set, else learned once from `GET /queues` after sign-in, as
 * soon as an editor is visible, so keys of unknown queues (`UTF-8`,
 * `SHA-256`) never cause requests.
 */
export class KnownQueues implements vscode.Disposable {
  private learned: Set<string> | undefined;
  private loading: Promise<void> | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly settings: Settings,
    private readonly connection: Connection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs.push(
      connection.onDidChange(() => {
        this.learned = undefined;
        this.loading = undefined;
        this.changed.fire();
      }),
      settings.onDidChange(() => this.changed.fire()),
      // Learned as soon as code that could mention keys is on screen, so the
      // first hover asks only for the issue and its links (in parallel).
      vscode.window.onDidChangeVisibleTextEditors(() => this.warm()),
      connection.onDidChange(() => this.warm()),
    );
    this.warm();
  }

  private warm(): void {
    if (!this.learned && !this.settings.queues.length && vscode.window.visibleTextEditors.length) void this.load();
  }

  /** The known set now; undefined while unknown (not signed in or not loaded yet). */
  get current(): ReadonlySet<string> | undefined {
    const configured = this.settings.queues;
    if (configured.length) return new Set(configured);
    if (!this.learned) void this.load();
    return this.learned;
  }

  /** The known set if already at hand, without asking Tracker (for start-up paths). */
  peek(): ReadonlySet<string> | undefined {
    const configured = this.settings.queues;
    return configured.length ? new Set(configured) : this.learned;
  }

  /** Waits for the learned set (no request when the setting lists queues). */
  async get(): Promise<ReadonlySet<string> | undefined> {
    const now = this.current;
    if (now) return now;
    await this.load();
    return this.current;
  }

  private load(): Promise<void> {
    if (!this.loading) {
      this.loading = (async () => {
        if (!(await this.connection.isSignedIn())) {
          this.loading = undefined;
          return;
        }
        const identity = this.connection.identity;
        try {
          const queues = await this.connection.api.queues();
          if (identity !== this.connection.identity) return; // the account changed meanwhile
          this.learned = new Set(queues.map((q) => q.key.toUpperCase()));
          this.changed.fire();
        } catch (e) {
          this.log.warn(`Could not read the queue list: ${e instanceof Error ? e.message : String(e)}`);
          this.loading = undefined; // try again on the next use
        }
      })();
    }
    return this.loading;
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
