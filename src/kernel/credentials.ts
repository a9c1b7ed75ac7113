import * as vscode from 'vscode';
import { tokenProblem, type Credentials } from '../tracker/token';

const KEY = 'tracker.credentials';

/**
 * The token lives only in SecretStorage. It is cached in memory so each
 * request does not hit the OS keychain, and the cache follows changes made
 * by another window.
 */
export class CredentialStore implements vscode.Disposable {
  private cache: Promise<Credentials | undefined> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.sub = secrets.onDidChange(async (e) => {
      if (e.key !== KEY) return;
      // Our own store() also lands here: fire only for a change made elsewhere
      // (another window), so one sign-in is one change.
      const before = await this.cache;
      this.cache = this.read();
      const after = await this.cache;
      if (before?.token !== after?.token || before?.tokenKind !== after?.tokenKind) this.changed.fire();
    });
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }

  get(): Promise<Credentials | undefined> {
    if (!this.cache) this.cache = this.read();
    return this.cache;
  }

  private async read(): Promise<Credentials | undefined> {
    const raw = await this.secrets.get(KEY);
    if (!raw) return undefined;
    try {
      const v = JSON.parse(raw) as Partial<Credentials>;
      // A token that could not be sent (token.ts) is no sign-in: asking to sign in again is what helps.
      if (typeof v.token === 'string' && !tokenProblem(v.token) && (v.tokenKind === 'oauth' || v.tokenKind === 'iam')) {
        return { tokenKind: v.tokenKind, token: v.token };
      }
    } catch {
      // A corrupt entry is treated as signed out.
    }
    return undefined;
  }

  async set(c: Credentials): Promise<void> {
    // The cache first: the storage's change event may arrive before store() returns.
    this.cache = Promise.resolve(c);
    await this.secrets.store(KEY, JSON.stringify(c));
    this.changed.fire();
  }

  async clear(): Promise<void> {
    this.cache = Promise.resolve(undefined);
    await this.secrets.delete(KEY);
    this.changed.fire();
  }
}
