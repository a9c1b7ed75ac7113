import * as vscode from 'vscode';
import { checkBaseUrl } from '../tracker/baseUrl';
import { HttpClient } from '../tracker/http';
import { TrackerClient } from '../tracker/client';
import { LinkOrientation } from '../links/orientation';
import type { OrgKind, TrackerApi } from '../tracker/types';
import type { Settings } from './settings';
import type { CredentialStore } from './credentials';
import type { Credentials } from '../tracker/token';

/**
 * Builds the Tracker client from the user's settings and stored credentials,
 * and rebuilds it when either changes. Also keeps the `tracker.signedIn`
 * context key true to what is stored.
 */
export class Connection implements vscode.Disposable {
  private client: TrackerApi | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the account, organisation or server changed. */
  readonly onDidChange = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];
  private signedIn = false;
  private generation = 0;
  private lastIdentity = '';
  /** What this server was seen to answer about link directions; forgotten with the connection. */
  private orientation: { identity: string; reader: LinkOrientation } | undefined;

  constructor(
    private readonly settings: Settings,
    private readonly credentials: CredentialStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly userAgent: string,
  ) {
    this.subs.push(
      // A hover or view setting must not drop the client, the caches and the queue list.
      settings.onDidChangeConnection(() => {
        this.client = undefined;
        this.fireIfChanged();
      }),
      credentials.onDidChange(() => {
        this.generation++;
        void this.updateSignedIn();
        this.fireIfChanged();
      }),
    );
    void this.updateSignedIn();
    this.lastIdentity = this.identity;
  }

  /** Writing the same organisation again (as sign-in does) is no change: caches stay. */
  private fireIfChanged(): void {
    const id = this.identity;
    if (id === this.lastIdentity) return;
    this.lastIdentity = id;
    this.changed.fire();
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.changed.dispose();
  }

  async updateSignedIn(): Promise<boolean> {
    this.signedIn = !!(await this.credentials.get());
    await vscode.commands.executeCommand('setContext', 'tracker.signedIn', this.signedIn);
    return this.signedIn;
  }

  /**
   * Who asks where: server, organisation and a counter of credential changes.
   * Lets caches tell a real account switch from a repeated settings write.
   */
  get identity(): string {
    return `${this.settings.baseUrl}|${this.settings.orgKind}|${this.settings.orgId}|${this.generation}`;
  }

  isSignedIn(): Promise<boolean> {
    return this.credentials.get().then((c) => !!c);
  }

  /** The problem with the configured base URL, if any, in the user's words. */
  baseUrlProblem(): string | undefined {
    const p = checkBaseUrl(this.settings.baseUrl);
    return p ? vscode.l10n.t('The "tracker.baseUrl" setting is refused: {0}', p) : undefined;
  }

  /** The client for the stored account. Throws when the base URL is refused. */
  get api(): TrackerApi {
    if (!this.client) {
      this.client = this.build(() => this.credentials.get(), this.settings.orgKind, this.settings.orgId);
    }
    return this.client;
  }

  /** A client for credentials not stored yet: used to check them at sign-in. */
  probe(c: Credentials, orgKind: OrgKind, orgId: string): TrackerApi {
    return this.build(() => Promise.resolve(c), orgKind, orgId, 0);
  }

  private build(creds: () => Promise<Credentials | undefined>, orgKind: OrgKind, orgId: string, maxRetries?: number): TrackerApi {
    const problem = this.baseUrlProblem();
    if (problem) throw new Error(problem);
    const http = new HttpClient({
      baseUrl: this.settings.baseUrl,
      apiVersion: this.settings.apiVersion,
      credentials: creds,
      org: () => ({ kind: orgKind, id: orgId }),
      language: () => (vscode.env.language.toLowerCase().startsWith('ru') ? 'ru' : 'en'),
      userAgent: this.userAgent,
      timeoutMs: this.settings.timeoutMs,
      retry: maxRetries === undefined ? undefined : { maxRetries },
      logger: {
        info: (m: string) => this.log.info(m),
        warn: (m: string) => this.log.warn(m),
        error: (m: string) => this.log.error(m),
        debug: (m: string) => this.log.debug(m),
        trace: (m: string) => this.log.trace(m),
      },
    });
    return new TrackerClient(http, this.linkOrientation());
  }

  private linkOrientation(): LinkOrientation {
    const identity = this.identity;
    if (this.orientation?.identity !== identity) {
      this.orientation = { identity, reader: new LinkOrientation((m) => this.log.warn(m)) };
    }
    return this.orientation.reader;
  }
}
