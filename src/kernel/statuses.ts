import * as vscode from 'vscode';
import { StatusCatalog, type Classify } from '../links/statuses';
import type { Connection } from './connection';
import { PerConnection } from './perConnection';

/**
 * The organisation's status categories, read once per connection from
 * `GET /v3/statuses` and kept until the account, organisation or server
 * changes. Until the list is in (or when it cannot be read) a status is
 * guessed from its key, and each guess is written to the log once.
 */
export class StatusService implements vscode.Disposable {
  private readonly list: PerConnection<StatusCatalog>;
  /** Used until the list is in, or after it could not be read on this connection. */
  private fallback: StatusCatalog;
  private readonly subs: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** The server's list arrived (or the connection changed): what was coloured by a guess may differ now. */
  readonly onDidChange = this.changed.event;

  constructor(
    connection: Connection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.fallback = this.guessing('not read yet');
    this.list = new PerConnection(
      connection,
      async () => new StatusCatalog(await connection.api.statuses(), (key, c) => this.log.info(`Status "${key}" is not in the server's status list: guessed "${c}" from its key.`)),
      {
        onLoaded: (catalog) => {
          this.log.info(`Status categories: ${catalog.size} statuses from the server.`);
          this.changed.fire();
        },
        onError: (e) => {
          this.log.warn(`Could not read the status list, status categories are guessed from the keys: ${e instanceof Error ? e.message : String(e)}`);
          this.fallback = this.guessing('the status list could not be read');
        },
        // Asked again on the next connection change; a failing list must not cost a request per render.
        retryAfterError: false,
      },
    );
    this.subs.push(
      this.list,
      connection.onDidChange(() => {
        this.fallback = this.guessing('not read yet');
        this.changed.fire();
      }),
    );
  }

  private get catalog(): StatusCatalog {
    return this.list.current ?? this.fallback;
  }

  /** The category of a status now (the server's list when in, else a guess). */
  readonly categoryOf: Classify = (status) => this.catalog.categoryOf(status);

  /** The catalogue, reading the list first when it has not been read on this connection (one request, shared). */
  async ready(): Promise<StatusCatalog> {
    await this.list.get();
    return this.catalog;
  }

  /** The catalogue at hand, without asking. */
  get current(): StatusCatalog {
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
