import * as vscode from 'vscode';
import type { Services } from '../kernel/services';
import { isCancelled } from '../tracker/errors';
import { BACK, runSteps, type Step } from '../kernel/quickInput';
import { findEntityByIdOnly } from '../tracker/client';
import { ENTITY_TYPES, isEntityType, type EntityType } from '../tracker/types';
import { entitySearch, type EntityItem } from '../kernel/entityPicker';
import { settleEntityLinks, answerLostText, unknownOutcomeText } from '../kernel/ambiguous';
import { inertText } from '../kernel/errors';
import { linkNotRemovedText, linkNotRestoredText, showLinkRemoved } from '../kernel/prompts';
import { entityIcon, entityLinkSentence, entityTypeLabel } from './labels';
import { withViewProgress } from './messages';
import { ENTITIES_VIEW, entityName, isEntityLinkNode, type EntitiesTreeProvider, type EntityLinkNode, type EntityRef } from './entitiesTree';

/** What `tracker.removeEntityLink` resolves to once the link is gone: the Undo of its notification. */
export interface RemovedEntityLink {
  type: EntityType;
  /** The entity the link was listed on, and the one it pointed to (ids). */
  from: string;
  to: string;
  relationship: string;
  /** Re-creates exactly the removed link: same side, same relationship, same entity. */
  undo: () => Promise<boolean>;
}

/** `Tracker: Show Entity Links…` (also on a linked entity), its refresh and the removal of one entity link. */
export function registerEntityCommands(context: vscode.ExtensionContext, s: Services, tree: EntitiesTreeProvider): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('tracker.showEntityLinks', async (arg?: unknown) => {
      const ref = isEntityRef(arg) ? arg : isEntityLinkNode(arg) ? await linkedEntityRef(s, arg) : await pickEntity(s);
      if (!ref) return;
      await tree.show(ref);
      await vscode.commands.executeCommand(`${ENTITIES_VIEW}.focus`);
    }),
    vscode.commands.registerCommand('tracker.refreshEntityLinks', () => tree.refresh()),
    vscode.commands.registerCommand('tracker.removeEntityLink', (arg?: unknown) => (isEntityLinkNode(arg) ? removeEntityLink(s, arg) : undefined)),
  );
}

function isEntityRef(x: unknown): x is EntityRef {
  const r = x as Partial<EntityRef> | undefined;
  return !!r && typeof r.id === 'string' && isEntityType(r.type);
}

/**
 * A linked entity opens as its own type. When the listing did not say which
 * (a server may leave `entityType` out), it is found by asking Tracker, the
 * root's type first.
 */
async function linkedEntityRef(s: Services, node: EntityLinkNode): Promise<EntityRef | undefined> {
  if (node.otherType) return { type: node.otherType, id: node.otherId };
  try {
    const found = await withViewProgress(ENTITIES_VIEW, () => findEntityByIdOnly(s.api(), node.otherId, node.root.type));
    return { type: found.entityType, id: found.id };
  } catch (e) {
    if (!isCancelled(e)) s.errors.show(e, `Find the type of entity ${node.otherId}`);
    return undefined;
  }
}

/** Two steps: the kind of entity, then the entity by live search (or a typed id / short id). */
async function pickEntity(s: Services): Promise<EntityRef | undefined> {
  const title = vscode.l10n.t('Show Entity Links');
  const state: { type?: EntityType; id?: string } = {};

  const askType: Step<typeof state> = async (st) => {
    const items = ENTITY_TYPES.map((type) => ({ label: `$(${entityIcon(type).id}) ${entityTypeLabel(type)}`, type }));
    const r = await s.inputs.pick({ id: 'entities.type', title, step: 1, totalSteps: 2, placeholder: vscode.l10n.t('What kind of entity?'), items });
    if (r === undefined || r === BACK) return r;
    st.type = r.type;
    return askEntity;
  };
  const askEntity: Step<typeof state> = async (st) => {
    const r = await s.inputs.pick<EntityItem>({
      id: 'entities.entity',
      title,
      step: 2,
      totalSteps: 2,
      placeholder: vscode.l10n.t('Type a name, an id or a number'),
      ...entitySearch(s.api, st.type as EntityType),
    });
    if (r === undefined || r === BACK) return r;
    st.id = r.ref;
    return 'done';
  };

  if (!(await runSteps(askType, state)) || !state.type || !state.id) return undefined;
  return { type: state.type, id: state.id };
}

/**
 * Modal confirmation, then DELETE …/links?right=<other id> from the side the
 * link was listed on; the view refreshes from the event, and a notification
 * offers Undo, as for issue links.
 */
async function removeEntityLink(s: Services, node: EntityLinkNode): Promise<RemovedEntityLink | undefined> {
  const root = node.root;
  const sentence = entityLinkSentence(node.relationship, entityName(root.entity), node.summary);
  if (!(await s.prompts.confirmRemoveLink(sentence, 'entities'))) return undefined;
  try {
    await s.api().deleteEntityLink(root.type, root.entity.id, node.otherId);
  } catch (e) {
    s.errors.show(e, `Remove entity link ${root.entity.id} → ${node.otherId}`, linkNotRemovedText());
    return undefined;
  }
  s.events.entityLinksChanged(root.type, root.entity.id, node.otherId);
  const removed: RemovedEntityLink = {
    type: root.type,
    from: root.entity.id,
    to: node.otherId,
    relationship: node.relationship,
    undo: () => restoreEntityLink(s, root.type, root.entity.id, node.relationship, node.otherId, sentence),
  };
  // Entity names are typed by any member of the organisation: inert in a notification.
  showLinkRemoved(inertText(sentence), removed.undo);
  return removed;
}

/**
 * Re-creates a removed entity link with the same relationship, from the same
 * entity, to the same entity id. Sent once: after a lost answer the links are
 * read to learn whether it happened.
 */
async function restoreEntityLink(s: Services, type: EntityType, from: string, relationship: string, to: string, sentence: string): Promise<boolean> {
  try {
    await s.api().createEntityLinks(type, from, [{ relationship, entity: to }]);
  } catch (e) {
    s.errors.logDetails(e, `Undo removal of ${type} ${from} ${relationship} ${to}`);
    const v = await settleEntityLinks(s, type, from, relationship, [to], e);
    if (v.kind === 'created') {
      s.events.entityLinksChanged(type, from, to);
      void vscode.window.showInformationMessage(answerLostText(inertText(sentence)));
      return true;
    }
    if (v.kind === 'unknown') {
      void vscode.window.showWarningMessage(unknownOutcomeText(inertText(sentence), v));
      return false;
    }
    s.errors.show(e, `Undo removal of ${type} ${from} ${relationship} ${to}`, linkNotRestoredText(inertText(sentence)));
    return false;
  }
  s.log.info(`Restored ${type} ${from} ${relationship} ${to}`);
  s.events.entityLinksChanged(type, from, to);
  return true;
}
