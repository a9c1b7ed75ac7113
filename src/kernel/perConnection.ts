import type * as vscode from 'vscode';
import type { Connection } from './connection';

interface PerConnectionOptions<T> {
  /** After a read lands on the connection it was started for. */
  onLoaded?(value: T): void;
  /** A read failed on the connection it was started for. */
  onError(e: unknown): void;
  /** Ask again on the next use after a failure (true), or only after the connection changes (false). */
  retryAfterError: boolean;
}

/**
 * A value read once per connection: one request shared by all who ask while
 * it is in flight, kept until the account, organisation or server changes,
 * dropped when the answer belongs to a connection that is gone. Not asked
 * while signed out.
 */
export class PerConnection<T> implements vscode.Disposable {
  private value: T | undefined;
  private loading: Promise<T | undefined> | undefined;
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly connection: Connection,
    private readonly read: () => Promise<T>,
    private readonly options: PerConnectionOptions<T>,
  ) {
    // Subscribed before the owner's own handlers, so they see the value already dropped.
    this.sub = connection.onDidChange(() => {
      this.value = undefined;
      this.loading = undefined;
    });
  }

  /** The value if read on this connection, without asking. */
  get current(): T | undefined {
    return this.value;
  }

  /** The value, reading it first when not read on this connection yet; undefined while signed out or after a failure. */
  get(): Promise<T | undefined> {
    if (!this.loading) this.loading = this.load();
    return this.loading;
  }

  private async load(): Promise<T | undefined> {
    if (!(await this.connection.isSignedIn())) {
      this.loading = undefined; // ask once signed in
      return undefined;
    }
    const identity = this.connection.identity;
    try {
      const value = await this.read();
      if (identity !== this.connection.identity) return undefined; // the account changed meanwhile
      this.value = value;
      this.options.onLoaded?.(value);
      return value;
    } catch (e) {
      if (identity !== this.connection.identity) return undefined;
      this.options.onError(e);
      if (this.options.retryAfterError) this.loading = undefined;
      return undefined;
    }
  }

  dispose(): void {
    this.sub.dispose();
  }
}
