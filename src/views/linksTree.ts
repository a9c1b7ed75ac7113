import * as vscode from 'vscode';
import type { Services } from '../kernel/services';
import type { CurrentIssue } from '../kernel/currentIssue';
import { assigneeText, statusText, wasKeyText } from '../kernel/issueWords';
import { groupLinks } from '../links/grouping';
import { deadlineConflict, deadlinePartners, progressOf } from '../links/statuses';
import { groupIdOfLink, serverLabel, type LinkGroupInfo } from '../links/relationships';
import type { Issue, IssueLink } from '../tracker/types';
import { isCancelled, isTrackerError } from '../tracker/errors';
import { linkedIssueContext } from './format';
import { parseTrackerDate } from '../tracker/values';
import { deadlineConflictText, formatDate, groupLabel, linkSentence, statusIcon } from './labels';
import { errorNodes, formatTime, LastLoaded, messageItem, staleDescription, staleNodes, staleText, withViewProgress, type MessageNode, type Stale } from './messages';

export const LINKS_VIEW = 'tracker.links';

/** The current issue, at the top of the tree. */
export interface RootNode {
  readonly kind: 'root';
  readonly id: string;
  readonly key: string;
  readonly summary: string;
  readonly issue: Issue;
  readonly links: IssueLink[];
  readonly current: CurrentIssue;
  /** Keys from the root down to this issue (cycle checks). */
  readonly path: readonly string[];
  /** Set when the last refresh failed and this is the data loaded before it. */
  readonly stale?: Stale;
  /** Fields (deadlines) of its blockers and dependents, asked only when it has a deadline itself. */
  readonly partners?: ReadonlyMap<string, Issue>;
}

export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly owner: IssueNode;
  readonly info: LinkGroupInfo;
  readonly links: IssueLink[];
}

/** An issue linked to its owner (the root or another linked issue). */
export interface LinkedNode {
  readonly kind: 'linked';
  readonly id: string;
  readonly key: string;
  readonly summary: string;
  readonly link: IssueLink;
  /** Key of the issue whose links list holds `link` (the side to delete from). */
  readonly from: string;
  readonly parent: GroupNode;
  readonly path: readonly string[];
  /** Already shown higher on the path: a leaf, never expanded again (cycles). */
  readonly repeated: boolean;
}

export type IssueNode = RootNode | LinkedNode;
type LinksMessage = MessageNode<IssueNode>;
export type LinksNode = IssueNode | GroupNode | LinksMessage;

export function isIssueNode(x: unknown): x is IssueNode {
  const k = (x as { kind?: unknown } | undefined)?.kind;
  return k === 'root' || k === 'linked';
}

export function isLinkedNode(x: unknown): x is LinkedNode {
  return (x as { kind?: unknown } | undefined)?.kind === 'linked';
}

/**
 * The links view: the current issue, its links grouped by relationship, and
 * each linked issue's own links on demand. Data comes through the link
 * store (services.store); nothing is loaded while the view is hidden.
 */
export class LinksTreeProvider implements vscode.TreeDataProvider<LinksNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LinksNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<{ key: string; ok: boolean }>();
  /** The root finished loading (data or an error item): the tree is ready to read. */
  readonly onDidLoadRoot = this.loaded.event;
  private readonly subs: vscode.Disposable[] = [];
  private view: vscode.TreeView<LinksNode> | undefined;
  /** Keys loaded since the root was last loaded; a link change to any of them reloads. */
  private shown = new Set<string>();
  /** A change arrived while the view was hidden: reload when it is shown. */
  private stale = false;
  /** When the tree last asked the server (or cache) for the current issue. */
  private loadedAt = 0;
  /**
   * Loads that skip the cache once ("links:TREK-12"): after a refresh the
   * user asked for, every issue is fetched fresh exactly once.
   */
  private fresh = { all: false, done: new Set<string>(), once: new Set<string>() };
  /** The last root that loaded and when: shown, marked stale, when a refresh fails. */
  private readonly last = new LastLoaded<RootNode>();
  /** A root was drawn (a later change of the status categories redraws it). */
  private drawn = false;
  /** A 401 of the tree was announced once; again only after the account changes. */
  private signInPrompted = false;

  constructor(private readonly s: Services) {
    this.subs.push(
      s.current.onDidChange(() => this.refresh()),
      s.connection.onDidChange(() => {
        // Data of another account, organisation or server is not shown as this one's.
        this.last.forget();
        this.signInPrompted = false;
        this.refresh();
      }),
      s.events.onDidChangeIssueLinks((e) => {
        if (e.keys.some((k) => this.shown.has(k))) this.refresh();
      }),
      vscode.window.onDidChangeWindowState((w) => {
        if (w.focused) this.refreshIfOld();
      }),
      // The server's status list arrived: counts and colours drawn from a guess may change (no request).
      s.statuses.onDidChange(() => {
        if (this.drawn) this.fire(undefined);
      }),
    );
  }

  attach(view: vscode.TreeView<LinksNode>): void {
    this.view = view;
    this.subs.push(
      view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) this.refresh();
      }),
    );
  }

  /** Reloads everything; `fromServer` bypasses the cache (manual refresh, Retry, focus). */
  refresh(fromServer = false): void {
    if (fromServer) this.fresh = { all: true, done: new Set(), once: new Set() };
    this.fire(undefined);
  }

  /** Reloads one linked issue's links from the server (its Retry item). */
  reloadNode(node: LinkedNode): void {
    this.fresh.done.delete(`links:${node.key}`);
    this.fresh.once.add(`links:${node.key}`);
    this.fire(node);
  }

  /** On window focus: reload when the data is older than the setting says (0 = never). */
  refreshIfOld(): void {
    const after = this.s.settings.refreshOnFocusAfterMs;
    if (!after || !this.loadedAt || !this.view?.visible) return;
    if (Date.now() - this.loadedAt > after) this.refresh(true);
  }

  private fire(node: LinksNode | undefined): void {
    // Hidden views load nothing; remember to reload once shown.
    if (this.view && !this.view.visible) {
      this.stale = true;
      return;
    }
    if (!node) this.stale = false;
    this.changed.fire(node);
  }

  // ---- TreeDataProvider ------------------------------------------------------

  getChildren(node?: LinksNode): Promise<LinksNode[]> | LinksNode[] {
    if (!node) return this.loadRoot();
    switch (node.kind) {
      case 'root': {
        const data = node.links.length ? this.groups(node, node.links) : [this.noLinks(node)];
        return node.stale ? [...staleNodes<IssueNode>(node.stale, node, node.id, this.retryCommand()), ...data] : data;
      }
      case 'group':
        return node.links.map((l) => this.linked(node, l));
      case 'linked':
        return node.repeated ? [] : this.loadLinked(node);
      case 'message':
        return [];
    }
  }

  getParent(node: LinksNode): LinksNode | undefined {
    switch (node.kind) {
      case 'root':
        return undefined;
      case 'group':
        return node.owner;
      case 'linked':
        return node.parent;
      case 'message':
        return node.parent;
    }
  }

  getTreeItem(node: LinksNode): vscode.TreeItem {
    switch (node.kind) {
      case 'root': {
        const item = new vscode.TreeItem(`${node.key} ${node.summary}`.trim(), vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = node.stale
          ? staleDescription(node.stale)
          : (node.issue.status?.display ?? node.issue.status?.key ?? '');
        // Pinned (or named in the branch) by an old key: say so beside the key Tracker uses now.
        if (node.current.was && node.current.was !== node.key) item.description = `${item.description} ${wasKeyText(node.current.was)}`.trim();
        item.iconPath = statusIcon(this.s.statuses.categoryOf(node.issue.status));
        item.contextValue = `issue.current.${node.current.source}`;
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(groupLabel(node.info.id), vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = this.groupCount(node);
        item.iconPath = new vscode.ThemeIcon(node.info.icon);
        item.contextValue = `group.${node.info.id}`;
        return item;
      }
      case 'linked': {
        const state = node.repeated ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed;
        const done = this.s.statuses.categoryOf(node.link.status) === 'done';
        // Finished work steps back: the key stays, the summary goes to the (dimmed) description.
        const item = new vscode.TreeItem(done ? node.key : `${node.key} ${node.summary}`.trim(), state);
        item.id = node.id;
        const status = node.link.status?.display ?? node.link.status?.key ?? '';
        // Under "Other", the server's own name of the organisation's link type says what the link is.
        const typeName = groupIdOfLink(node.link) === 'other' ? serverLabel(node.link) : '';
        const marks = this.marks(node, done);
        item.description = node.repeated
          ? vscode.l10n.t('↺ already shown above')
          : [typeName, done ? node.summary : '', status, ...marks].filter(Boolean).join(' · ');
        item.iconPath = statusIcon(this.s.statuses.categoryOf(node.link.status));
        item.contextValue = linkedIssueContext(node.link, node.repeated);
        item.accessibilityInformation = { label: [`${linkSentence(node.link, node.from, node.key)}. ${node.summary}. ${status}`, ...marks].join('. ') };
        return item;
      }
      case 'message':
        return messageItem(node);
    }
  }

  /** Tooltips are built only when hovered. */
  resolveTreeItem(item: vscode.TreeItem, node: LinksNode): vscode.TreeItem {
    if (node.kind === 'root') item.tooltip = this.rootTooltip(node);
    else if (node.kind === 'linked') item.tooltip = linkTooltip(node, this.conflict(node));
    return item;
  }

  // ---- loading ---------------------------------------------------------------

  private async loadRoot(): Promise<LinksNode[]> {
    const current = this.s.current.current;
    if (!current || !(await this.s.connection.isSignedIn())) {
      this.last.forget();
      this.showTitle(undefined, false);
      return []; // the welcome view explains
    }
    const key = current.key;
    this.loadedAt = Date.now();
    this.shown = new Set([key]);
    // A refresh re-reads the links (one request); the issue's own fields come
    // from the store while they are younger than its time to live.
    const issueOptions = this.s.store.peekIssue(key) ? {} : this.cacheOptions(`issue:${key}`);
    try {
      const [issue, links] = await withViewProgress(LINKS_VIEW, async () => {
        const [i, l] = await Promise.all([this.s.store.getIssue(key, issueOptions), this.s.store.getLinks(key, this.cacheOptions(`links:${key}`)), this.s.statuses.ready()]);
        return [i, l] as const;
      });
      const partners = await this.partners(issue, links);
      const root: RootNode = { kind: 'root', id: `root:${key}`, key, summary: issue.summary ?? '', issue, links, current, path: [key], partners };
      this.last.remember(key, root);
      this.drawn = true;
      this.loaded.fire({ key, ok: true });
      // No links: an empty tree lets the "no links yet" welcome offer Add Link; the title keeps the key.
      this.showTitle(key, links.length === 0);
      return links.length ? [root] : [];
    } catch (e) {
      this.loaded.fire({ key, ok: false });
      this.showTitle(key, false);
      this.promptSignIn(e);
      // A failed refresh must not wipe what the user was looking at: the last
      // data stays, marked stale. Not for a 404: the issue itself is gone.
      const kept = this.last.staleAfter(key, e);
      if (kept) {
        this.s.errors.logDetails(e, `Links view (showing the data from ${formatTime(kept.since)})`);
        return [{ ...kept.value, current, stale: { since: kept.since, error: e } }];
      }
      return this.failed(e, undefined, `root:${key}`);
    }
  }

  /**
   * Deadlines of the current issue's blockers and dependents: link objects
   * carry no deadline (get-links.md), so one search for their fields, asked
   * only when the current issue has a deadline to compare with. A failure
   * costs the deadline marks, not the tree.
   */
  private async partners(issue: Issue, links: IssueLink[]): Promise<ReadonlyMap<string, Issue> | undefined> {
    const keys = deadlinePartners(links);
    if (!issue.deadline || !keys.length) return undefined;
    try {
      return await this.s.store.getIssues(keys);
    } catch (e) {
      this.s.errors.logDetails(e, 'Deadlines of blockers and dependents');
      return undefined;
    }
  }

  /** "2 (1 open)" for blockers, "3/5 done" for sub-issues and epic issues, else the count. */
  private groupCount(node: GroupNode): string {
    const p = progressOf(node.links, this.s.statuses.categoryOf);
    switch (node.info.id) {
      case 'blockedBy':
        return vscode.l10n.t('{0} ({1} open)', p.total, p.open);
      case 'subIssues':
      case 'epicIssues':
        return vscode.l10n.t('{0}/{1} done', p.done, p.total);
      default:
        return String(p.total);
    }
  }

  /** What a row says beyond its status: an open blocker of its owner, a deadline conflict. */
  private marks(node: LinkedNode, done: boolean): string[] {
    const out: string[] = [];
    if (!done && node.parent.info.id === 'blockedBy') out.push(vscode.l10n.t('open blocker'));
    if (this.conflict(node)) out.push(vscode.l10n.t('⚠ deadline conflict'));
    return out;
  }

  /**
   * The deadline conflict a row of the current issue's blockers or
   * dependents shows: the dependent is due before its (open) blocker.
   */
  private conflict(node: LinkedNode): string | undefined {
    const owner = node.parent.owner;
    if (owner.kind !== 'root' || !owner.partners) return undefined;
    const other = owner.partners.get(node.key);
    if (!other) return undefined;
    const classify = this.s.statuses.categoryOf;
    if (node.parent.info.id === 'blockedBy' && deadlineConflict(owner.issue, other, classify)) {
      return deadlineConflictText({ key: owner.key, deadline: owner.issue.deadline }, { key: node.key, deadline: other.deadline });
    }
    if (node.parent.info.id === 'blocks' && deadlineConflict(other, owner.issue, classify)) {
      return deadlineConflictText({ key: node.key, deadline: other.deadline }, { key: owner.key, deadline: owner.issue.deadline });
    }
    return undefined;
  }

  /** The current issue's key beside the view's title, and the context key of the "no links" welcome. */
  private showTitle(key: string | undefined, noLinks: boolean): void {
    if (this.view) this.view.description = key;
    void vscode.commands.executeCommand('setContext', 'tracker.currentIssueHasNoLinks', noLinks);
  }

  /**
   * A token refused mid-session makes every feature fail until the user signs
   * in again; the tree's small marker is easy to miss, so say it once with
   * the Sign In button (again only after the account changes).
   */
  private promptSignIn(e: unknown): void {
    if (this.signInPrompted || !isTrackerError(e) || e.kind !== 'unauthorized') return;
    this.signInPrompted = true;
    this.s.errors.show(e, 'Links view');
  }

  private retryCommand(parent?: LinkedNode): vscode.Command {
    return { command: 'tracker.refreshLinks', title: vscode.l10n.t('Retry'), arguments: parent ? [parent] : [] };
  }

  private async loadLinked(node: LinkedNode): Promise<LinksNode[]> {
    try {
      const links = await withViewProgress(LINKS_VIEW, () => this.s.store.getLinks(node.key, this.cacheOptions(`links:${node.key}`)));
      return this.groups(node, links);
    } catch (e) {
      return this.failed(e, node, node.id);
    }
  }

  private failed(e: unknown, parent: LinkedNode | undefined, parentId: string): LinksNode[] {
    if (isCancelled(e)) return [];
    this.s.errors.logDetails(e, parent ? `Links of ${parent.key}` : 'Links view');
    return errorNodes<IssueNode>(e, parent, parentId, this.retryCommand(parent), !parent);
  }

  private cacheOptions(what: string): { maxAgeMs?: number } {
    const f = this.fresh;
    const skip = f.once.delete(what) || (f.all && !f.done.has(what));
    f.done.add(what);
    return skip ? { maxAgeMs: 0 } : {};
  }

  private groups(owner: IssueNode, links: IssueLink[]): GroupNode[] {
    return groupLinks(links, (l) => this.s.statuses.categoryOf(l.status)).map((g) => ({ kind: 'group', id: `${owner.id}/${g.group.id}`, owner, info: g.group, links: g.links }));
  }

  private linked(group: GroupNode, link: IssueLink): LinkedNode {
    const key = link.object.key.toUpperCase();
    this.shown.add(key);
    const path = group.owner.path;
    return {
      kind: 'linked',
      id: `${group.id}/${link.id}`,
      key,
      summary: link.object.display ?? '',
      link,
      from: group.owner.key,
      parent: group,
      path: [...path, key],
      repeated: path.includes(key),
    };
  }

  private noLinks(root: RootNode): LinksMessage {
    const label = vscode.l10n.t('No links yet. Add one…');
    return {
      kind: 'message',
      id: `${root.id}/!noLinks`,
      role: 'noLinks',
      parent: root,
      label,
      icon: new vscode.ThemeIcon('add'),
      command: { command: 'tracker.addLink', title: label, arguments: [root.key] },
    };
  }

  private rootTooltip(node: RootNode): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    heading(md, node.key, node.summary);
    if (node.stale) line(md, staleText(node.stale));
    line(md, statusAndAssignee(node.issue.status?.display ?? node.issue.status?.key, node.issue.assignee?.display));
    if (node.issue.deadline) line(md, vscode.l10n.t('Deadline: {0}', node.issue.deadline));
    line(
      md,
      node.current.source === 'pinned'
        ? vscode.l10n.t('Pinned as the current issue.')
        : vscode.l10n.t('Current issue from the git branch {0}.', node.current.branch ?? ''),
    );
    return md;
  }

  dispose(): void {
    this.subs.forEach((d) => d.dispose());
    this.changed.dispose();
    this.loaded.dispose();
  }
}

function linkTooltip(node: LinkedNode, conflict: string | undefined): vscode.MarkdownString {
  const { link } = node;
  const md = new vscode.MarkdownString();
  heading(md, node.key, node.summary);
  line(md, linkSentence(link, node.from, node.key));
  line(md, statusAndAssignee(link.status?.display ?? link.status?.key, link.assignee?.display));
  const by = link.createdBy?.display;
  const at = parseTrackerDate(link.createdAt);
  if (by && at) line(md, vscode.l10n.t('Linked by {0} on {1}', by, formatDate(at)));
  else if (by) line(md, vscode.l10n.t('Linked by {0}', by));
  else if (at) line(md, vscode.l10n.t('Linked on {0}', formatDate(at)));
  if (conflict) line(md, conflict);
  if (node.repeated) line(md, vscode.l10n.t('Already shown above on this branch of the tree.'));
  return md;
}

function statusAndAssignee(status: string | undefined, assignee: string | undefined): string {
  const parts = [];
  if (status) parts.push(statusText(status));
  parts.push(assignee ? assigneeText(assignee) : vscode.l10n.t('Unassigned'));
  return parts.join(' · ');
}

/** Server text goes through appendText, which escapes Markdown. */
function heading(md: vscode.MarkdownString, key: string, summary: string): void {
  md.appendMarkdown('**');
  md.appendText(key);
  md.appendMarkdown('** ');
  md.appendText(summary);
}

function line(md: vscode.MarkdownString, text: string): void {
  md.appendMarkdown('\n\n');
  md.appendText(text);
}
