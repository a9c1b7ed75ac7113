import * as path from 'node:path';
import * as vscode from 'vscode';

/** The small part of the built-in git extension's API we use. */
interface GitRepository {
  rootUri: vscode.Uri;
  state: { HEAD?: { name?: string }; onDidChange: vscode.Event<void> };
}
interface GitApi {
  state: 'uninitialized' | 'initialized';
  onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  repositories: GitRepository[];
  onDidOpenRepository: vscode.Event<GitRepository>;
  onDidCloseRepository: vscode.Event<GitRepository>;
}

/**
 * Follows the branch of the workspace's git repository through the built-in
 * `vscode.git` extension, and tells when it changes.
 */
export class BranchWatcher implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];
  private repoSubs = new Map<GitRepository, vscode.Disposable>();
  private api: GitApi | undefined;
  private last: string | undefined;

  /** Resolves once the git extension is ready (or known to be absent). */
  readonly ready: Promise<void>;

  constructor() {
    this.ready = this.init();
  }

  private async init(): Promise<void> {
    const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
    if (!ext) return;
    try {
      const exports = ext.isActive ? ext.exports : await ext.activate();
      this.api = exports.getAPI(1);
    } catch {
      return; // git disabled: branch detection simply finds nothing
    }
    const api = this.api;
    this.subs.push(
      api.onDidOpenRepository((r) => this.watch(r)),
      api.onDidCloseRepository((r) => {
        this.repoSubs.get(r)?.dispose();
        this.repoSubs.delete(r);
        this.update();
      }),
      api.onDidChangeState(() => this.update()),
      // With several repositories the branch follows the active editor.
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    api.repositories.forEach((r) => this.watch(r));
    this.update();
  }

  private watch(r: GitRepository): void {
    if (this.repoSubs.has(r)) return;
    this.repoSubs.set(r, r.state.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const b = this.branch;
    if (b !== this.last) {
      this.last = b;
      this.changed.fire(b);
    }
  }

  /** The branch of the repository of the active editor, else of the first one. */
  get branch(): string | undefined {
    const repos = this.api?.repositories ?? [];
    if (!repos.length) return undefined;
    const active = vscode.window.activeTextEditor?.document.uri;
    // The innermost repository holding the file (a submodule before its parent).
    const holding = active ? repos.filter((r) => isInside(active.fsPath, r.rootUri.fsPath)) : [];
    const repo =
      holding.sort((a, b) => b.rootUri.fsPath.length - a.rootUri.fsPath.length)[0] ||
      repos.find((r) => vscode.workspace.workspaceFolders?.some((f) => f.uri.fsPath === r.rootUri.fsPath)) ||
      repos[0];
    return repo.state.HEAD?.name;
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.repoSubs.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

/** `/ws/app/x.ts` is inside `/ws/app`, `/ws/app2/x.ts` is not. */
function isInside(file: string, root: string): boolean {
  return file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
