import * as vscode from 'vscode';
import type { Services } from '../kernel/services';
import { type CommentKeyCache, scannable } from '../kernel/scanCache';
import { commandUri } from './markdown';

/**
 * Ctrl-click on an issue key in a comment (or anywhere in prose documents):
 * opens the issue in Tracker, or with `tracker.documentLinks.target: "tree"`
 * shows its links in the sidebar. Asks Tracker nothing about issues: only
 * the scan cache and the known-queue set are used; with no known set (signed
 * out and no `tracker.queues` setting) there are no links.
 */
export class IssueDocumentLinkProvider implements vscode.DocumentLinkProvider {
  constructor(
    private readonly services: Services,
    private readonly scans: CommentKeyCache,
  ) {}

  async provideDocumentLinks(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    // Waits for the known queues (the tracker.queues setting, else the list read
    // once per connection by KnownQueues); no request of its own.
    const known = this.services.queues.current ?? (await this.services.queues.get());
    if (!known || token.isCancellationRequested) return [];
    const keys = this.scans.keys(scannable(doc), known);
    if (!keys) return [];
    const tree = this.services.settings.documentLinksTarget === 'tree';
    const links: vscode.DocumentLink[] = [];
    for (const m of keys) {
      const target = tree ? vscode.Uri.parse(commandUri('tracker.showLinks', m.key)) : this.webUri(m.key);
      if (!target) continue;
      const link = new vscode.DocumentLink(new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end)), target);
      link.tooltip = tree ? vscode.l10n.t('Show the links of {0}', m.key) : vscode.l10n.t('Open {0} in Tracker', m.key);
      links.push(link);
    }
    return links;
  }

  /** Only http(s): a misconfigured web URL must not become some other kind of link. */
  private webUri(key: string): vscode.Uri | undefined {
    const url = this.services.settings.issueUrl(key);
    return /^https?:\/\//i.test(url) ? vscode.Uri.parse(url) : undefined;
  }
}
