// `Tracker: Link Entities…`: entity type → source → relationship → the kind
// of the targets (any: the body names an entity by its id alone) → one or
// more targets of that kind, all created in ONE request (the API takes an
// array body) so the server applies them together or not at all.

import * as vscode from 'vscode';
import { entitySearch, resolveTypedTargets, typedEntityItem, type EntityItem } from '../kernel/entityPicker';
import { BACK, runSteps, type Step } from '../kernel/quickInput';
import { ENTITY_RELATIONSHIPS, type EntityRelationshipInfo } from '../links/relationships';
import { ENTITY_TYPES, type Entity, type EntityLink, type EntityType } from '../tracker/types';
import type { Services } from '../kernel/services';
import { describeError, fixButtons, inertText } from '../kernel/errors';
import { answerLostText, settleEntityLinks, unknownOutcomeText } from '../kernel/ambiguous';
import { linkedText, linkingText, noLinkReasonText, notLinkedText } from '../kernel/linkOutcome';
import { ensureSignedIn, withCancellableProgress, type WriteOutcome } from './common';
import { entityRelationshipLabel, entityRelationshipSentence, entityTypeName, failureReason } from './text';

export interface LinkEntitiesResult extends WriteOutcome {
  type?: EntityType;
  source?: string;
  relationship?: string;
  /** The kind of the targets (may differ from the source's). */
  targetType?: EntityType;
  /** Ids (or shortIds typed for targets of the source's own kind) linked. */
  created: string[];
}

interface State {
  type?: EntityType;
  source?: EntityItem;
  relationship?: EntityRelationshipInfo;
  targetType?: EntityType;
  targets: EntityItem[];
}

export async function linkEntities(s: Services): Promise<LinkEntitiesResult> {
  const result: LinkEntitiesResult = { created: [], cancelled: true };
  if (!(await ensureSignedIn(s))) return result;
  const title = vscode.l10n.t('Link Entities');
  const total = 5;
  const state: State = { targets: [] };

  const askType: Step<State> = async (st) => {
    const r = await s.inputs.pick({
      id: 'linkEntities.type',
      title,
      step: 1,
      totalSteps: total,
      placeholder: vscode.l10n.t('What do you want to link?'),
      items: ENTITY_TYPES.map((t) => ({ label: entityTypeName(t), type: t, picked: t === st.type })),
    });
    if (r === undefined || r === BACK) return r;
    if (r.type !== st.type) st.source = undefined;
    st.type = r.type;
    return askSource;
  };

  const askSource: Step<State> = async (st) => {
    const type = st.type as EntityType;
    const r = await s.inputs.pick<EntityItem>({
      id: 'linkEntities.source',
      title,
      step: 2,
      totalSteps: total,
      placeholder: vscode.l10n.t('Which {0}? Type words from its name, or its number or id', entityTypeName(type).toLowerCase()),
      ...entitySearch(s.api, type),
    });
    if (r === undefined || r === BACK) return r;
    st.source = r;
    return askRelationship;
  };

  const askRelationship: Step<State> = async (st) => {
    const type = st.type as EntityType;
    const source = st.source as EntityItem;
    // Data, not a closed list: goals get their extra values from the catalogue.
    const r = await s.inputs.pick({
      id: 'linkEntities.relationship',
      title,
      step: 3,
      totalSteps: total,
      placeholder: vscode.l10n.t('How is "{0}" related to the others?', source.name),
      items: ENTITY_RELATIONSHIPS[type].map((rel) => ({
        label: entityRelationshipLabel(rel),
        description: entityRelationshipSentence(rel, source.name),
        rel,
      })),
    });
    if (r === undefined || r === BACK) return r;
    st.relationship = r.rel;
    return askTargetType;
  };

  // Links may cross types (add-links.md: `entity` is the other entity's id,
  // of whatever kind): the source's own kind comes first, so Enter keeps it.
  const askTargetType: Step<State> = async (st) => {
    const type = st.type as EntityType;
    const source = st.source as EntityItem;
    const r = await s.inputs.pick({
      id: 'linkEntities.targetType',
      title,
      step: 4,
      totalSteps: total,
      placeholder: vscode.l10n.t('Link "{0}" to what kind of entity?', source.name),
      items: [type, ...ENTITY_TYPES.filter((t) => t !== type)].map((t) => ({ label: entityTypeName(t), type: t })),
    });
    if (r === undefined || r === BACK) return r;
    st.targetType = r.type;
    return askTargets;
  };

  const askTargets: Step<State> = async (st) => {
    const type = st.type as EntityType;
    const targetType = st.targetType as EntityType;
    const source = st.source as EntityItem;
    const rel = st.relationship as EntityRelationshipInfo;
    // The server refuses a second link between the same two entities: hide those.
    const linked = new AlreadyLinked(type, source, targetType);
    const find = entitySearch(s.api, targetType, (e) => linked.hasEntity(e));
    const r = await s.inputs.pick<EntityItem>({
      id: 'linkEntities.targets',
      title,
      step: 5,
      totalSteps: total,
      canSelectMany: true,
      placeholder: entityRelationshipSentence(rel, source.name, vscode.l10n.t('(choose one or more)')),
      describeError,
      load: async (signal) => {
        try {
          linked.addLinks(await s.api().getEntityLinks(type, source.ref, { signal }));
        } catch (e) {
          s.log.warn(`Link entities: could not list the links of ${type} ${source.ref}: ${describeError(e)}`);
        }
        return find.search!('', signal);
      },
      search: find.search,
      acceptValue: (v) => {
        const t = typedEntityItem(v);
        return t && !linked.hasTyped(t.ref) ? t : undefined;
      },
    });
    if (r === undefined || r === BACK) return r;
    st.targets = r;
    return 'done';
  };

  let completed: boolean;
  try {
    completed = await runSteps(askType, state);
  } catch (e) {
    s.errors.show(e, 'Link entities');
    return result;
  }
  if (!completed || !state.type || !state.source || !state.relationship || !state.targetType || !state.targets.length) return result;
  const { type, source, relationship: rel, targetType } = state;
  Object.assign(result, { type, source: source.ref, relationship: rel.value, targetType, cancelled: false });

  // A number names an entity within its kind: one typed for a target of
  // another kind is turned into that entity's id first (nothing is created
  // when it is not found).
  let targets: EntityItem[];
  try {
    targets = await resolveTypedTargets(s.api(), type, targetType, state.targets);
  } catch (e) {
    s.errors.logDetails(e, `Link entities: find the ${targetType} to link`);
    result.error = failureReason(e, inertText(source.name));
    result.summary = noLinkReasonText(result.error);
    void vscode.window.showErrorMessage(result.summary);
    return result;
  }

  // Entity names are typed by any member of the organisation; a notification
  // would turn "[x](command:…)" in one into a link that runs the command.
  const sentence = inertText(entityRelationshipSentence(rel, source.name, targets.map((t) => t.name).join(', ')));
  try {
    await withCancellableProgress(linkingText(inertText(source.name)), async () => {
      // One request for all targets; no signal: a POST is never cut off once sent.
      await s.api().createEntityLinks(
        type,
        source.ref,
        targets.map((t) => ({ relationship: rel.value, entity: t.ref })),
      );
    });
  } catch (e) {
    s.errors.logDetails(e, `Link entities ${type} ${source.ref}`);
    // Never sent again: after a 5xx, drop or timeout, read whether they are there.
    const refs = targets.map((t) => t.ref);
    const v = await settleEntityLinks(s, type, source.ref, rel.value, refs, e, targetType);
    const fix = fixButtons(s.log);
    if (v.kind === 'created') {
      const found = targets.filter((t) => v.found.includes(t.ref));
      const missing = targets.filter((t) => !v.found.includes(t.ref));
      result.created = found.map((t) => t.ref);
      result.answerLost = true;
      s.events.entityLinksChanged(type, source.ref, ...result.created);
      const lost = answerLostText(inertText(entityRelationshipSentence(rel, source.name, found.map((t) => t.name).join(', '))));
      if (missing.length) {
        result.error = failureReason(e, inertText(source.name));
        result.summary = `${lost} ${notLinkedText(`${inertText(missing.map((t) => t.name).join(', '))}: ${result.error}`)}`;
        void vscode.window.showWarningMessage(result.summary, ...fix.buttons).then(fix.act);
      } else {
        result.summary = lost;
        void vscode.window.showInformationMessage(result.summary);
      }
      return result;
    }
    if (v.kind === 'unknown') {
      result.error = unknownOutcomeText(sentence, v);
      result.unknown = true;
      result.summary = result.error;
      void vscode.window.showWarningMessage(result.summary, ...fix.buttons).then(fix.act);
      return result;
    }
    result.error = failureReason(e, inertText(source.name));
    result.summary = noLinkReasonText(result.error);
    void vscode.window.showErrorMessage(result.summary, ...fix.buttons).then(fix.act);
    return result;
  }
  result.created = targets.map((t) => t.ref);
  s.log.info(`Linked ${type} ${source.ref} ${rel.value} ${result.created.join(', ')}`);
  s.events.entityLinksChanged(type, source.ref, ...result.created);
  result.summary = linkedText(sentence);
  void vscode.window.showInformationMessage(result.summary);
  return result;
}

/**
 * What the targets step hides or refuses: the source itself and the entities
 * already linked to it. By id; by number only within one kind (numbers are
 * per kind): the source's when the targets are of its kind, a linked one's
 * when the listing said its kind.
 */
class AlreadyLinked {
  private readonly ids = new Set<string>();
  private readonly numbers = new Set<string>();

  constructor(sourceType: EntityType, source: EntityItem, private readonly targetType: EntityType) {
    this.ids.add(source.ref.toLowerCase());
    if (sourceType === targetType) {
      if (source.shortId !== undefined) this.numbers.add(String(source.shortId));
      if (/^\d+$/.test(source.ref)) this.numbers.add(source.ref);
    }
  }

  addLinks(links: readonly EntityLink[]): void {
    for (const { linkFieldValues: v } of links) {
      this.ids.add(v.id.toLowerCase());
      if (v.shortId !== undefined && v.entityType === this.targetType) this.numbers.add(String(v.shortId));
    }
  }

  /** An entity found by the search (of the target kind). */
  hasEntity(e: Entity): boolean {
    return this.ids.has(e.id.toLowerCase()) || (e.shortId !== undefined && this.numbers.has(String(e.shortId)));
  }

  /** A typed id or number (of the target kind). */
  hasTyped(ref: string): boolean {
    return /^\d+$/.test(ref) ? this.numbers.has(ref) : this.ids.has(ref.toLowerCase());
  }
}
