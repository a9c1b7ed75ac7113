// In-memory state of the sandbox Tracker and the domain rules for links.
// Everything here is transport-free: rules throw ApiError, the HTTP layer
// (routes.ts) renders results and errors.

import {
  ENTITY_RELATIONSHIPS,
  RELATIONSHIPS,
  findRelationship,
  type Direction,
  type RelationshipDef,
} from './catalog';
import { forbidden, invalidField, notFound, unprocessable } from './errors';
import {
  READ_ONLY_QUEUE,
  createSeed,
  type EntityKind,
  type EntityLinkRec,
  type EntityRec,
  type IssueRec,
  type LinkRec,
  type SeedData,
  type UserRec,
} from './seed';

/** A stored link as seen from one of its issues. */
export interface LinkSide {
  link: LinkRec;
  direction: Direction;
  other: IssueRec;
}

/** Authorship of an imported link (already resolved and range-checked). */
export interface LinkMeta {
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
}

export interface EntityLinkSide {
  relationship: string;
  other: EntityRec;
}

export class Store {
  data: SeedData;

  constructor(private readonly seeded: boolean) {
    this.data = createSeed(seeded);
  }

  reset(): void {
    this.data = createSeed(this.seeded);
  }

  // ---- users -------------------------------------------------------------

  user(login: string): UserRec | undefined {
    return this.data.users.find((u) => u.login === login);
  }

  /** By login, case-insensitive. */
  userByLogin(login: string): UserRec | undefined {
    const l = login.trim().toLowerCase();
    return this.data.users.find((u) => u.login.toLowerCase() === l);
  }

  /** A login string, a numeric uid or a uid in a string → a seed user (filters accept either). */
  resolveUser(value: unknown): UserRec | undefined {
    if (typeof value === 'number') return this.data.users.find((u) => u.uid === value);
    if (typeof value !== 'string') return undefined;
    const v = value.trim();
    if (/^\d+$/.test(v)) return this.data.users.find((u) => String(u.uid) === v);
    return this.userByLogin(v);
  }

  // ---- issues ------------------------------------------------------------

  /** By key (case-insensitive), by 24-hex id, or by an old key in `aliases`. */
  findIssue(ref: string): IssueRec | undefined {
    const r = ref.trim().toLowerCase();
    const issues = this.data.issues;
    return (
      issues.find((i) => i.key.toLowerCase() === r) ??
      issues.find((i) => i.id === r) ??
      issues.find((i) => i.aliases.some((a) => a.toLowerCase() === r))
    );
  }

  issueOrThrow(ref: string): IssueRec {
    const issue = this.findIssue(ref);
    if (!issue) throw notFound(`Issue ${ref} not found`);
    return issue;
  }

  issueById(id: string): IssueRec {
    const issue = this.data.issues.find((i) => i.id === id);
    if (!issue) throw new Error(`dangling issue id ${id}`);
    return issue;
  }

  assertEditable(issue: IssueRec): void {
    if (issue.queue === READ_ONLY_QUEUE) throw forbidden('You do not have permission to edit this issue');
  }

  // ---- issue links -------------------------------------------------------

  linksOfIssue(issue: IssueRec): LinkSide[] {
    const sides: LinkSide[] = [];
    for (const link of this.data.links) {
      if (link.outward === issue.id) sides.push({ link, direction: 'outward', other: this.issueById(link.inward) });
      else if (link.inward === issue.id) sides.push({ link, direction: 'inward', other: this.issueById(link.outward) });
    }
    return sides;
  }

  /** Validates a relationship value; `clone`/`original` only when importing. */
  relationshipDef(value: unknown, importing: boolean): RelationshipDef {
    const allowed = RELATIONSHIPS.filter((r) => importing || !r.importOnly).map((r) => r.relationship);
    const def = typeof value === 'string' ? findRelationship(value) : undefined;
    if (def && def.importOnly && !importing) {
      throw invalidField('relationship', `Relationship "${def.relationship}" can only be set by import`);
    }
    if (!def) {
      throw invalidField('relationship', `Unknown relationship ${JSON.stringify(value)}; expected one of: ${allowed.join(', ')}`);
    }
    return def;
  }

  /**
   * Creates a link from `x` to `y` after checking the structural rules; the
   * caller has already checked permissions and the body's shape.
   */
  createLink(x: IssueRec, def: RelationshipDef, y: IssueRec, meta: LinkMeta): LinkSide {
    this.checkLinkRules(x, def, y);
    const link: LinkRec = {
      id: this.data.nextLinkId++,
      type: def.type,
      outward: def.direction === 'outward' ? x.id : y.id,
      inward: def.direction === 'outward' ? y.id : x.id,
      ...meta,
    };
    this.data.links.push(link);
    this.touch(x, y);
    return { link, direction: def.direction, other: y };
  }

  deleteLink(x: IssueRec, linkId: number): void {
    const idx = this.data.links.findIndex((l) => l.id === linkId && (l.outward === x.id || l.inward === x.id));
    if (idx < 0) throw notFound(`Link ${linkId} not found in issue ${x.key}`);
    const [link] = this.data.links.splice(idx, 1);
    if (link) this.touch(this.issueById(link.outward), this.issueById(link.inward));
  }

  private checkLinkRules(x: IssueRec, def: RelationshipDef, y: IssueRec): void {
    if (x.id === y.id) throw invalidField('issue', `An issue cannot be linked to itself (${x.key})`);
    const samePair = this.data.links.find(
      (l) => l.type === def.type && ((l.outward === x.id && l.inward === y.id) || (l.outward === y.id && l.inward === x.id)),
    );
    if (samePair) throw unprocessable('Link already exists');
    if (def.type === 'epic') this.checkEpic(x, def, y);
    if (def.type === 'subtask') this.checkSingleParent(def.direction === 'outward' ? y : x);
  }

  /** Epic links need an Epic-type issue on the epic side, and an issue has at most one epic. */
  private checkEpic(x: IssueRec, def: RelationshipDef, y: IssueRec): void {
    // The epic is the main (outward) side: "is epic of" (outward) → x; "has epic" (inward) → y.
    const epic = def.direction === 'outward' ? x : y;
    const member = def.direction === 'outward' ? y : x;
    if (epic.type !== 'epic') {
      throw invalidField('relationship', `${epic.key} is not an epic: "${def.relationship}" needs an Epic-type issue`);
    }
    const current = this.data.links.find((l) => l.type === 'epic' && l.inward === member.id);
    if (current) {
      throw invalidField('relationship', `${member.key} is already in epic ${this.issueById(current.outward).key}`);
    }
  }

  private checkSingleParent(child: IssueRec): void {
    // The parent is the main (outward) side of a subtask link; the child sits in the inward slot.
    const current = this.data.links.find((l) => l.type === 'subtask' && l.inward === child.id);
    if (current) {
      throw invalidField('relationship', `${child.key} already has a parent issue ${this.issueById(current.outward).key}`);
    }
  }

  /** Link changes update both issues, like edits in a real tracker. */
  private touch(...issues: IssueRec[]): void {
    const now = Date.now();
    for (const i of issues) i.updatedAt = Math.max(i.updatedAt, now);
  }

  // ---- entities ----------------------------------------------------------

  /** By 24-hex id or numeric shortId; `type` restricts the match when given. */
  findEntity(ref: string | number, type?: EntityKind): EntityRec | undefined {
    const r = String(ref).trim().toLowerCase();
    const match = (e: EntityRec): boolean => e.id === r || (/^\d+$/.test(r) && e.shortId === Number(r));
    return this.data.entities.find((e) => match(e) && (!type || e.entityType === type));
  }

  entityOrThrow(type: EntityKind, ref: string): EntityRec {
    const e = this.findEntity(ref, type);
    if (!e) throw notFound(`Entity ${type} ${ref} not found`);
    return e;
  }

  entityLinksOf(entity: EntityRec): EntityLinkSide[] {
    const sides: EntityLinkSide[] = [];
    for (const l of this.data.entityLinks) {
      if (l.left === entity.id) sides.push({ relationship: l.relationship, other: this.entityById(l.right) });
      else if (l.right === entity.id) sides.push({ relationship: reverseEntityRelationship(l.relationship), other: this.entityById(l.left) });
    }
    return sides;
  }

  /** All-or-nothing: the caller validated shapes; this checks the rules of every item, then writes. */
  createEntityLinks(entity: EntityRec, items: Array<{ relationship: string; other: EntityRec }>): EntityLinkSide[] {
    const seen = new Set<string>();
    items.forEach(({ relationship, other }, n) => {
      const where = items.length > 1 ? `Item ${n + 1}: ` : '';
      const def = ENTITY_RELATIONSHIPS.find((d) => d.relationship === relationship);
      if (!def || !def.types.includes(entity.entityType) || !def.types.includes(other.entityType)) {
        const known = ENTITY_RELATIONSHIPS.filter((d) => d.types.includes(entity.entityType)).map((d) => d.relationship);
        throw invalidField(
          'relationship',
          `${where}relationship "${relationship}" is not allowed between ${entity.entityType} and ${other.entityType}; ${entity.entityType} accepts: ${known.join(', ')}`,
        );
      }
      if (other.id === entity.id) throw invalidField('entity', `${where}an entity cannot be linked to itself`);
      if (seen.has(other.id) || this.entityLinkBetween(entity, other)) {
        throw unprocessable(`${where}Link already exists`, { entity: `${where}already linked to ${other.id}` });
      }
      seen.add(other.id);
    });
    const created: EntityLinkSide[] = [];
    for (const { relationship, other } of items) {
      this.data.entityLinks.push({ left: entity.id, right: other.id, relationship });
      this.touchEntities(entity, other);
      created.push({ relationship, other });
    }
    return created;
  }

  deleteEntityLink(entity: EntityRec, other: EntityRec): void {
    const link = this.entityLinkBetween(entity, other);
    if (!link) throw notFound(`No link between ${entity.id} and ${other.id}`);
    this.data.entityLinks.splice(this.data.entityLinks.indexOf(link), 1);
    this.touchEntities(entity, other);
  }

  private entityLinkBetween(a: EntityRec, b: EntityRec): EntityLinkRec | undefined {
    return this.data.entityLinks.find((l) => (l.left === a.id && l.right === b.id) || (l.left === b.id && l.right === a.id));
  }

  private entityById(id: string): EntityRec {
    const e = this.data.entities.find((x) => x.id === id);
    if (!e) throw new Error(`dangling entity id ${id}`);
    return e;
  }

  private touchEntities(...entities: EntityRec[]): void {
    const now = Date.now();
    for (const e of entities) {
      e.version += 1;
      e.updatedAt = Math.max(e.updatedAt, now);
    }
  }
}

export function reverseEntityRelationship(relationship: string): string {
  return ENTITY_RELATIONSHIPS.find((d) => d.relationship === relationship)?.reverse ?? relationship;
}
