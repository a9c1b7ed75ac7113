import * as vscode from 'vscode';
import { StatusCatalog, type Classify } from '../links/statuses';
import type { Connection } from './connection';

/**
 * The organisation's status categories, read once per connection from
 * `GET /v3/statuses` and kept until the account, organisation or server
 * changes. Until the list is in (or when it cannot be read) a status is
 * guessed from its key, and each guess is written to the log once.
 */
export class StatusService implements vscode.Disposable {
  private catalog: StatusCatalog;
  private loading: Promise<StatusCatalog> | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** The server's list arrived (or the connection changed): what was coloured by a guess may differ now. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly connection: Connection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.catalog = this.guessing('not read yet');
    this.subs.push(
      connection.onDidChange(() => {
        this.catalog = this.guessing('not read yet');
        this.loading = undefined;
        this.changed.fire();
      }),
    );
  }

  /** The category of a status now (the server's list when in, else a guess). */
  readonly categoryOf: Classify = (status) => this.catalog.categoryOf(status);

  /** The catalogue, reading the list first when it has not been read on this connection (one request, shared). */
  ready(): Promise<StatusCatalog> {
    if (!this.loading) this.loading = this.load();
    return this.loading;
  }

  /** The catalogue at hand, without asking. */
  get current(): StatusCatalog {
    return this.catalog;
  }

  private async load(): Promise<StatusCatalog> {
    if (!(await this.connection.isSignedIn())) {
      this.loading = undefined; // ask once signed in
      return this.catalog;
    }
    const identity = this.connection.identity;
    try {
      const list = await this.connection.api.statuses();
      if (identity !== this.connection.identity) return this.catalog; // the account changed meanwhile
      this.catalog = new StatusCatalog(list, (key, c) => this.log.info(`Status "${key}" is not in the server's status list: guessed "${c}" from its key.`));
      this.log.info(`Status categories: ${this.catalog.size} statuses from the server.`);
      this.changed.fire();
    } catch (e) {
      if (identity !== this.connection.identity) return this.catalog;
      this.log.warn(`Could not read the status list, status categories are guessed from the keys: ${e instanceof Error ? e.message : String(e)}`);
      this.catalog = this.guessing('the status list could not be read');
      // Asked again on the next connection change; a failing list must not cost a request per render.
    }
    return this.catalog;
  }

  private guessing(why: string): StatusCatalog {
    return new StatusCatalog(undefined, (key, c) => this.log.info(`Status "${key}": guessed "${c}" from its key (${why}).`));
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
