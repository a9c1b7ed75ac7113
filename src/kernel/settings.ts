import * as vscode from 'vscode';
import type { OrgKind } from '../tracker/types';

export type HoverScope = 'comments' | 'everywhere' | 'off';
export type StaleKeysLevel = 'off' | 'hint' | 'information' | 'warning';
type LinkTarget = 'browser' | 'tree';

const SECTION = 'tracker';
/** Settings that decide where the token goes: read from user settings only. */
const MACHINE_ONLY = new Set(['baseUrl', 'webUrl', 'apiVersion', 'orgKind', 'orgId', 'requestTimeoutSeconds']);

/**
 * Typed access to the extension's settings. Settings that decide where the
 * token is sent are declared `application`-scoped, and are also read here
 * from the user (global) value only, so a workspace `settings.json` can never
 * redirect the token even if a host ignored the scope.
 */
export class Settings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Any `tracker.*` setting changed. */
  readonly onDidChange = this.changed.event;
  private readonly connectionChanged = new vscode.EventEmitter<void>();
  /** Only a setting that decides where and how requests go (server, organisation, timeout) changed. */
  readonly onDidChangeConnection = this.connectionChanged.event;
  private readonly sub: vscode.Disposable;

  constructor() {
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if ([...MACHINE_ONLY].some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) this.connectionChanged.fire();
      this.changed.fire();
    });
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
    this.connectionChanged.dispose();
  }

  private get<T>(key: string, fallback: T): T {
    const cfg = vscode.workspace.getConfiguration(SECTION);
    if (MACHINE_ONLY.has(key)) {
      const i = cfg.inspect<T>(key);
      return (i?.globalValue ?? i?.defaultValue ?? fallback) as T;
    }
    return cfg.get<T>(key, fallback);
  }

  get baseUrl(): string {
    return this.get('baseUrl', 'https://api.tracker.yandex.net').trim();
  }
  get webUrl(): string {
    return this.get('webUrl', 'https://tracker.yandex.ru').trim().replace(/\/+$/, '');
  }
  get apiVersion(): 'v2' | 'v3' {
    return this.get<'v2' | 'v3'>('apiVersion', 'v2') === 'v3' ? 'v3' : 'v2';
  }
  get orgKind(): OrgKind {
    return this.get<OrgKind>('orgKind', 'yandex360') === 'cloud' ? 'cloud' : 'yandex360';
  }
  get orgId(): string {
    return String(this.get('orgId', '')).trim();
  }
  get timeoutMs(): number {
    const s = Number(this.get('requestTimeoutSeconds', 15));
    return Number.isFinite(s) && s > 0 ? s * 1000 : 15000;
  }
  get branchDetection(): boolean {
    return this.get('branchDetection', true);
  }
  get refreshOnFocusAfterMs(): number {
    const s = Number(this.get('refreshOnFocusAfterSeconds', 60));
    return Number.isFinite(s) && s >= 0 ? s * 1000 : 60000;
  }
  get queues(): string[] {
    const q = this.get<unknown>('queues', []);
    return Array.isArray(q) ? q.filter((x): x is string => typeof x === 'string' && /^[A-Za-z]+$/.test(x)).map((x) => x.toUpperCase()) : [];
  }
  get hoverScope(): HoverScope {
    const v = this.get<string>('hover.scope', 'comments');
    return v === 'everywhere' || v === 'off' ? v : 'comments';
  }
  get staleKeysLevel(): StaleKeysLevel {
    const v = this.get<string>('diagnostics.staleKeys', 'hint');
    return v === 'off' || v === 'information' || v === 'warning' ? v : 'hint';
  }
  get documentLinksTarget(): LinkTarget {
    return this.get<string>('documentLinks.target', 'browser') === 'tree' ? 'tree' : 'browser';
  }

  /** Organisation settings are written to user settings, never a workspace. */
  async setOrganisation(kind: OrgKind, id: string): Promise<void> {
    const cfg = vscode.workspace.getConfiguration(SECTION);
    await cfg.update('orgKind', kind, vscode.ConfigurationTarget.Global);
    await cfg.update('orgId', id, vscode.ConfigurationTarget.Global);
  }

  issueUrl(key: string): string {
    return `${this.webUrl}/${encodeURIComponent(key)}`;
  }
}
