import * as vscode from 'vscode';
import { keyAt } from '../keys/keys';
import type { HoverScope } from '../kernel/settings';
import type { Services } from '../kernel/services';
import { describeError } from '../kernel/errors';
import { type CommentKeyCache, scannable } from '../kernel/scanCache';
import { hoverLabels } from './labels';
import { loadIssueCard, type IssueCard } from './load';
import { buildIssueHover, buildMessageHover, HOVER_COMMANDS, type HoverCommand } from './markdown';

interface LocatedKey {
  key: string;
  range: vscode.Range;
}

/**
 * The key of a known queue under the position: inside a comment (from the
 * per-version scan cache) or, with scope "everywhere", anywhere on the line
 * (only the line is read, so this costs nothing even in huge files).
 */
function locateKey(
  doc: vscode.TextDocument,
  pos: vscode.Position,
  scope: HoverScope,
  known: ReadonlySet<string>,
  scans: CommentKeyCache,
): LocatedKey | undefined {
  if (scope === 'off') return undefined;
  if (scope === 'everywhere') {
    const m = keyAt(doc.lineAt(pos.line).text, pos.character, { knownQueues: known });
    // A hover is over a character: the one just after the key does not count.
    if (!m || pos.character >= m.end) return undefined;
    return { key: m.key, range: new vscode.Range(pos.line, m.start, pos.line, m.end) };
  }
  const offset = doc.offsetAt(pos);
  const m = scans.keyAt(scannable(doc), offset, known);
  if (!m || offset >= m.end) return undefined;
  return { key: m.key, range: new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end)) };
}

/** A Markdown card whose only runnable links are the hover's own commands. */
function trustedMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

/**
 * Hover card of an issue key. Quiet by design: when signed out, when the
 * known-queue set is unknown, or over a key of an unknown queue, there is no
 * hover and no request. Errors become one line in the card, never a popup.
 */
export class IssueHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly services: Services,
    private readonly scans: CommentKeyCache,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const s = this.services;
    const scope = s.settings.hoverScope;
    if (scope === 'off') return undefined;
    // Signed out: no hover rather than a "Sign in" card on every key-like word.
    if (!(await s.connection.isSignedIn())) return undefined;
    const known = s.queues.current ?? (await s.queues.get());
    if (!known || token.isCancellationRequested) return undefined;
    const found = locateKey(doc, pos, scope, known, this.scans);
    if (!found) return undefined;

    // The link store shares one request among concurrent hovers; aborting only drops this wait.
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    let card: IssueCard;
    try {
      // The status list is read once per connection, beside the first card's requests.
      [card] = await Promise.all([loadIssueCard(s.store, found.key, abort.signal), s.statuses.ready()]);
    } finally {
      sub.dispose();
    }
    if (card.kind === 'cancelled' || token.isCancellationRequested) return undefined;
    return new vscode.Hover(trustedMarkdown(this.render(found.key, card)), found.range);
  }

  private render(key: string, card: Exclude<IssueCard, { kind: 'cancelled' }>): string {
    const s = this.services;
    const url = (k: string) => s.settings.issueUrl(k);
    switch (card.kind) {
      case 'notFound':
        return buildMessageHover(key, vscode.l10n.t('not found'));
      case 'error':
        s.errors.logDetails(card.error, `Hover ${key}`);
        return buildMessageHover(key, describeError(card.error), url(key));
      case 'issue': {
        if (card.linksError !== undefined) s.errors.logDetails(card.linksError, `Hover links of ${key}`);
        return buildIssueHover(
          {
            issue: card.issue,
            links: card.links,
            linksError: card.linksError === undefined ? undefined : vscode.l10n.t('Links could not be loaded: {0}', describeError(card.linksError)),
            actions: this.actions(card.issue.key),
            url,
            categoryOf: (l) => s.statuses.categoryOf(l.status),
          },
          hoverLabels(),
        );
      }
    }
  }

  private actions(key: string): HoverCommand[] {
    const current = this.services.current.current?.key.toUpperCase();
    const isCurrent = current === key.toUpperCase();
    return HOVER_COMMANDS.filter((c) => {
      if (c === 'tracker.linkToCurrent') return !!current && !isCurrent;
      if (c === 'tracker.setCurrentIssue') return !isCurrent;
      return true;
    });
  }
}
