import * as vscode from 'vscode';
import type { Settings } from './settings';
import type { Connection } from './connection';
import { PerConnection } from './perConnection';

/**
 * The queue keys that count as issue keys in code: the `tracker.queues`
 * setting when set, else learned once from `GET /queues` after sign-in, as
 * soon as an editor is visible, so keys of unknown queues (`UTF-8`,
 * `SHA-256`) never cause requests.
 */
export class KnownQueues implements vscode.Disposable {
  private readonly learned: PerConnection<Set<string>>;
  private readonly subs: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly settings: Settings,
    connection: Connection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.learned = new PerConnection(connection, async () => new Set((await connection.api.queues()).map((q) => q.key.toUpperCase())), {
      onLoaded: () => this.changed.fire(),
      onError: (e) => this.log.warn(`Could not read the queue list: ${e instanceof Error ? e.message : String(e)}`),
      retryAfterError: true, // try again on the next use
    });
    this.subs.push(
      this.learned,
      connection.onDidChange(() => this.changed.fire()),
      settings.onDidChange(() => this.changed.fire()),
      // Learned as soon as code that could mention keys is on screen, so the
      // first hover asks only for the issue and its links (in parallel).
      vscode.window.onDidChangeVisibleTextEditors(() => this.warm()),
      connection.onDidChange(() => this.warm()),
    );
    this.warm();
  }

  private warm(): void {
    if (!this.learned.current && !this.settings.queues.length && vscode.window.visibleTextEditors.length) void this.learned.get();
  }

  /** The known set now; undefined while unknown (not signed in or not loaded yet). */
  get current(): ReadonlySet<string> | undefined {
    const configured = this.settings.queues;
    if (configured.length) return new Set(configured);
    if (!this.learned.current) void this.learned.get();
    return this.learned.current;
  }

  /** The known set if already at hand, without asking Tracker (for start-up paths). */
  peek(): ReadonlySet<string> | undefined {
    const configured = this.settings.queues;
    return configured.length ? new Set(configured) : this.learned.current;
  }

  /** Waits for the learned set (no request when the setting lists queues). */
  async get(): Promise<ReadonlySet<string> | undefined> {
    const now = this.current;
    if (now) return now;
    await this.learned.get();
    return this.current;
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
