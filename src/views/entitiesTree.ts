import * as vscode from 'vscode';
import { entityName } from '../kernel/entityPicker';
import type { Services } from '../kernel/services';
import { statusText } from '../kernel/issueWords';
import { isCancelled } from '../tracker/errors';
import { ENTITY_RELATIONSHIPS, isKnownEntityRelationship } from '../links/relationships';
import { isEntityType, type Entity, type EntityLink, type EntityType } from '../tracker/types';
import { entityLinkContext } from './format';
import { entityIcon, entityLinkSentence, entityRelationshipLabel, entityStatusLabel, entityTypeLabel } from './labels';
import { errorNodes, formatTime, LastLoaded, messageItem, staleDescription, staleNodes, staleText, withViewProgress, type MessageNode, type Stale } from './messages';

export const ENTITIES_VIEW = 'tracker.entities';

/** Which entity the view shows (kept per workspace). */
export interface EntityRef {
  type: EntityType;
  /** Id or numeric short id, as the user gave it; the server accepts both. */
  id: string;
}

export interface EntityRootNode {
  readonly kind: 'entity';
  readonly id: string;
  readonly type: EntityType;
  readonly entity: Entity;
  readonly links: EntityLink[];
  /** Set when the last refresh failed and this is the data loaded before it. */
  readonly stale?: Stale;
}

interface EntityGroupNode {
  readonly kind: 'entityGroup';
  readonly id: string;
  readonly root: EntityRootNode;
  readonly relationship: string;
  readonly links: EntityLink[];
}

export interface EntityLinkNode {
  readonly kind: 'entityLink';
  readonly id: string;
  readonly parent: EntityGroupNode;
  readonly root: EntityRootNode;
  readonly relationship: string;
  /** The linked entity's id (what DELETE takes as `right`). */
  readonly otherId: string;
  /** Its own type (links may cross types); undefined when the server did not say. */
  readonly otherType?: EntityType;
  readonly summary: string;
  readonly status?: string;
  readonly shortId?: number;
}

type EntitiesMessage = MessageNode<EntityRootNode>;
export type EntitiesNode = EntityRootNode | EntityGroupNode | EntityLinkNode | EntitiesMessage;

export function isEntityLinkNode(x: unknown): x is EntityLinkNode {
  return (x as { kind?: unknown } | undefined)?.kind === 'entityLink';
}

const STATE_KEY = 'tracker.entitiesView.shown';

export { entityName };

/**
 * The entity links view: one project, portfolio or goal chosen by
 * `Tracker: Show Entity Links…`, with its links grouped by relationship.
 */
export class EntitiesTreeProvider implements vscode.TreeDataProvider<EntitiesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EntitiesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];
  private view: vscode.TreeView<EntitiesNode> | undefined;
  private stale = false;
  /** Ids of the root and every linked entity, as last loaded. */
  private shownIds = new Set<string>();
  /** The last entity that loaded and when: shown, marked stale, when a refresh fails. */
  private readonly last = new LastLoaded<EntityRootNode>();

  constructor(
    private readonly s: Services,
    private readonly state: vscode.Memento,
  ) {
    this.subs.push(
      s.events.onDidChangeEntityLinks((e) => {
        if (e.ids.some((id) => this.shownIds.has(id))) this.refresh();
      }),
      s.connection.onDidChange(() => {
        // Data of another account, organisation or server is not shown as this one's.
        this.last.forget();
        this.refresh();
      }),
    );
  }

  attach(view: vscode.TreeView<EntitiesNode>): void {
    this.view = view;
    this.subs.push(
      view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) this.refresh();
      }),
    );
  }

  get shown(): EntityRef | undefined {
    return this.state.get<EntityRef>(STATE_KEY);
  }

  async show(ref: EntityRef | undefined): Promise<void> {
    await this.state.update(STATE_KEY, ref);
    this.refresh();
  }

  refresh(): void {
    if (this.view && !this.view.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.changed.fire(undefined);
  }

  getChildren(node?: EntitiesNode): Promise<EntitiesNode[]> | EntitiesNode[] {
    if (!node) return this.load();
    switch (node.kind) {
      case 'entity': {
        const groups = this.groups(node);
        return node.stale ? [...staleNodes<EntityRootNode>(node.stale, node, node.id, this.retryCommand()), ...groups] : groups;
      }
      case 'entityGroup':
        return node.links.map((l) => linkNode(node, l));
      default:
        return [];
    }
  }

  getParent(node: EntitiesNode): EntitiesNode | undefined {
    switch (node.kind) {
      case 'entity':
        return undefined;
      case 'entityGroup':
        return node.root;
      case 'entityLink':
        return node.parent;
      case 'message':
        return node.parent;
    }
  }

  getTreeItem(node: EntitiesNode): vscode.TreeItem {
    switch (node.kind) {
      case 'entity': {
        const item = new vscode.TreeItem(entityName(node.entity), vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = node.stale ? staleDescription(node.stale) : entityStatusLabel(node.entity.fields?.entityStatus);
        item.iconPath = entityIcon(node.type);
        item.contextValue = `entity.${node.type}`;
        const stale = node.stale ? staleText(node.stale) : undefined;
        item.tooltip = entityTooltip(entityTypeLabel(node.type), entityName(node.entity), node.entity.shortId, node.entity.fields?.entityStatus, node.entity.fields?.lead?.display, stale);
        return item;
      }
      case 'entityGroup': {
        const item = new vscode.TreeItem(entityRelationshipLabel(node.relationship), vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = String(node.links.length);
        item.iconPath = new vscode.ThemeIcon(relationshipIcon(node.relationship));
        item.contextValue = 'entityGroup';
        return item;
      }
      case 'entityLink': {
        const item = new vscode.TreeItem(node.summary, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = entityStatusLabel(node.status);
        item.iconPath = entityIcon(node.otherType);
        item.contextValue = entityLinkContext(node.relationship, node.otherType ?? 'unknown');
        const sentence = entityLinkSentence(node.relationship, entityName(node.root.entity), node.summary);
        const type = node.otherType ? entityTypeLabel(node.otherType) : undefined;
        item.tooltip = entityTooltip(type, node.summary, node.shortId, node.status, undefined, sentence);
        return item;
      }
      case 'message':
        return messageItem(node);
    }
  }

  private async load(): Promise<EntitiesNode[]> {
    const ref = this.shown;
    if (!ref || !(await this.s.connection.isSignedIn())) {
      this.last.forget();
      return []; // the welcome view explains
    }
    const api = () => this.s.api();
    const id = `${ref.type}:${ref.id}`;
    try {
      const [entity, links] = await withViewProgress(ENTITIES_VIEW, () =>
        Promise.all([api().getEntity(ref.type, ref.id), api().getEntityLinks(ref.type, ref.id)]),
      );
      this.shownIds = new Set([entity.id, ref.id, ...links.map((l) => l.linkFieldValues.id)]);
      const root: EntityRootNode = { kind: 'entity', id: `entity:${ref.type}:${entity.id}`, type: ref.type, entity, links };
      this.last.remember(id, root);
      return [root];
    } catch (e) {
      if (isCancelled(e)) return [];
      // As in the links view: a failed refresh keeps the last data, marked stale
      // (not after a 404: the entity itself is gone).
      const kept = this.last.staleAfter(id, e);
      if (kept) {
        this.s.errors.logDetails(e, `Entity links view (showing the data from ${formatTime(kept.since)})`);
        return [{ ...kept.value, stale: { since: kept.since, error: e } }];
      }
      this.s.errors.logDetails(e, 'Entity links view');
      return errorNodes<EntityRootNode>(e, undefined, `entity:${ref.type}:${ref.id}`, this.retryCommand());
    }
  }

  private retryCommand(): vscode.Command {
    return { command: 'tracker.refreshEntityLinks', title: vscode.l10n.t('Retry') };
  }

  /** Groups in the catalogue's order for the entity type; values it does not know come last. */
  private groups(root: EntityRootNode): EntityGroupNode[] {
    const order = ENTITY_RELATIONSHIPS[root.type].map((r) => r.value);
    const rank = (v: string) => (order.includes(v) ? order.indexOf(v) : order.length);
    const byRel = new Map<string, EntityLink[]>();
    for (const l of root.links) byRel.set(l.type, [...(byRel.get(l.type) ?? []), l]);
    return [...byRel.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([relationship, links]) => ({ kind: 'entityGroup', id: `${root.id}/${relationship}`, root, relationship, links }));
  }

  dispose(): void {
    this.subs.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}

/** Relationships the catalogue does not know get a neutral icon (and their own name as the label). */
function relationshipIcon(relationship: string): string {
  if (!isKnownEntityRelationship(relationship)) return 'ellipsis';
  return relationship === 'relates' ? 'link' : 'arrow-swap';
}

function linkNode(group: EntityGroupNode, l: EntityLink): EntityLinkNode {
  const v = l.linkFieldValues;
  // Links may cross types (a project linked to a goal): the listing says
  // which when asked for `entityType`; a server that leaves it out leaves the
  // type unknown (resolved when the entity is opened), never guessed.
  const otherType = isEntityType(v.entityType) ? v.entityType : undefined;
  return {
    kind: 'entityLink',
    id: `${group.id}/${v.id}`,
    parent: group,
    root: group.root,
    relationship: group.relationship,
    otherId: v.id,
    otherType,
    summary: v.summary || (v.shortId !== undefined ? `#${v.shortId}` : v.id),
    status: v.entityStatus,
    shortId: v.shortId,
  };
}

function entityTooltip(type: string | undefined, name: string, shortId: number | undefined, status: string | undefined, lead: string | undefined, sentence?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  const heading = [type, shortId !== undefined ? `#${shortId}` : undefined].filter(Boolean).join(' ');
  if (heading) {
    md.appendMarkdown('**');
    md.appendText(heading);
    md.appendMarkdown('** ');
  }
  md.appendText(name);
  const lines = [
    sentence,
    status ? statusText(entityStatusLabel(status)) : undefined,
    lead ? vscode.l10n.t('Lead: {0}', lead) : undefined,
  ];
  for (const l of lines) {
    if (!l) continue;
    md.appendMarkdown('\n\n');
    md.appendText(l);
  }
  return md;
}
