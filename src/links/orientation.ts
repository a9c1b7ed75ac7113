// The link model checking itself against the server it talks to. The
// catalogue says which side of each link type is the main (outward) one, as
// the documentation gives it; every create and import answers with the link
// object, so each answer is a free check. When a server answers a type the
// other way round, that is logged once and the observed orientation is used
// for that type on that server from then on: listed links are normalized to
// the catalogue's reading, so grouping, sentences and Undo stay right.
// Also keeps the server's link types (GET /linktypes, asked at most once),
// used only to name types the catalogue does not know. Pure: no VS Code.

import type { IssueLink, IssueRelationship, LinkAnswerReader, LinkType } from '../tracker/types';
import { isKnownLinkType, relationshipInfo } from './relationships';

type Direction = IssueLink['direction'];

function opposite(d: Direction): Direction {
  return d === 'outward' ? 'inward' : 'outward';
}

export class LinkOrientation implements LinkAnswerReader {
  /** Type ids this server answers the other way round from the documentation. */
  private readonly flipped = new Set<string>();
  private types: Promise<Map<string, LinkType>> | undefined;

  constructor(private readonly warn: (message: string) => void = () => undefined) {}

  /** True when `typeId` was seen answered against the catalogue on this server. */
  isFlipped(typeId: string): boolean {
    return this.flipped.has(typeId);
  }

  /**
   * Checks the link Tracker answered to a create or import of `relationship`
   * (as seen from the issue in the request) and returns it normalized.
   */
  observe(relationship: IssueRelationship, answered: IssueLink): IssueLink {
    const info = relationshipInfo(relationship);
    const typeId = answered?.type?.id;
    // `relates` is symmetric; an answer of another type says nothing about this one.
    if (info.typeId === 'relates' || typeId !== info.typeId) return this.normalize(answered);
    const asDocumented = answered.direction === info.direction;
    const believedFlipped = this.flipped.has(typeId);
    if (asDocumented === !believedFlipped) return this.normalize(answered);
    if (asDocumented) {
      this.flipped.delete(typeId);
      this.warn(`Link type "${typeId}": this server now answers "${relationship}" as documented (${answered.direction}); using the documented orientation again.`);
    } else {
      this.flipped.add(typeId);
      this.warn(
        `Link type "${typeId}": "${relationship}" was answered "${answered.direction}", the documentation says "${info.direction}". ` +
          'Reading this type the observed way round on this server from now on.',
      );
    }
    return this.normalize(answered);
  }

  /** A listed link as the catalogue reads it (direction swapped for a flipped type). */
  normalize(link: IssueLink): IssueLink {
    const id = link?.type?.id;
    if (!id || !this.flipped.has(id)) return link;
    return { ...link, direction: opposite(link.direction) };
  }

  normalizeAll(links: IssueLink[]): IssueLink[] {
    return this.flipped.size ? links.map((l) => this.normalize(l)) : links;
  }

  /**
   * Fills in the names of link types the catalogue does not know and the
   * answer left unnamed, from the server's own list (asked once, on first need).
   */
  async nameUnknownTypes(links: IssueLink[], load: () => Promise<LinkType[]>): Promise<IssueLink[]> {
    const unnamed = (l: IssueLink): boolean => !!l.type?.id && !isKnownLinkType(l.type.id) && !(l.type.inward && l.type.outward);
    if (!links.some(unnamed)) return links;
    if (!this.types) {
      const loading = load().then((list) => new Map(list.map((t) => [t.id, t])));
      // A failed load is not remembered: the next listing may try again.
      loading.catch(() => (this.types = undefined));
      this.types = loading;
    }
    let known: Map<string, LinkType>;
    try {
      known = await this.types;
    } catch {
      return links; // the list itself is still worth showing; the type's id stands in for its name
    }
    return links.map((l) => {
      const t = unnamed(l) ? known.get(l.type.id) : undefined;
      return t ? { ...l, type: { ...l.type, inward: l.type.inward || t.inward, outward: l.type.outward || t.outward } } : l;
    });
  }
}
