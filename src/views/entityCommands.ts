import * as vscode from 'vscode';
import type { Services } from '../services/services';
import { BACK, runSteps, type Step } from '../pick/quickInput';
import type { EntityType } from '../tracker/types';
import { entitySearch, type EntityItem } from '../pick/entityPicker';
import { entityIcon, entityLinkSentence, entityTypeLabel } from './labels';
import { ENTITIES_VIEW, entityName, isEntityLinkNode, type EntitiesTreeProvider, type EntityLinkNode, type EntityRef } from './entitiesTree';

const TYPES: readonly EntityType[] = ['project', 'portfolio', 'goal'];

/** `Tracker: Show Entity Links…`, its refresh and the removal of one entity link. */
export function registerEntityCommands(context: vscode.ExtensionContext, s: Services, tree: EntitiesTreeProvider): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('tracker.showEntityLinks', async (arg?: unknown) => {
      const ref = isEntityRef(arg) ? arg : await pickEntity(s);
      if (!ref) return;
      await tree.show(ref);
      await vscode.commands.executeCommand(`${ENTITIES_VIEW}.focus`);
    }),
    vscode.commands.registerCommand('tracker.refreshEntityLinks', () => tree.refresh()),
    vscode.commands.registerCommand('tracker.removeEntityLink', (arg?: unknown) => (isEntityLinkNode(arg) ? removeEntityLink(s, arg) : false)),
  );
}

function isEntityRef(x: unknown): x is EntityRef {
  const r = x as Partial<EntityRef> | undefined;
  return !!r && typeof r.id === 'string' && TYPES.includes(r.type as EntityType);
}

/** Two steps: the kind of entity, then the entity by live search (or a typed id / short id). */
async function pickEntity(s: Services): Promise<EntityRef | undefined> {
  const title = vscode.l10n.t('Show Entity Links');
  const state: { type?: EntityType; id?: string } = {};

  const askType: Step<typeof state> = async (st) => {
    const items = TYPES.map((type) => ({ label: `$(${entityIcon(type).id}) ${entityTypeLabel(type)}`, type }));
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

/** Modal confirmation, then DELETE …/links?right=<other id>; the view refreshes from the event. */
async function removeEntityLink(s: Services, node: EntityLinkNode): Promise<boolean> {
  const root = node.root;
  const sentence = entityLinkSentence(node.relationship, entityName(root.entity), node.summary);
  const remove = vscode.l10n.t('Remove');
  const answer = await s.prompts.ask(
    vscode.l10n.t('Remove the link "{0}"?', sentence),
    vscode.l10n.t('The link disappears in Tracker for both entities.'),
    remove,
  );
  if (answer !== remove) return false;
  try {
    await s.api().deleteEntityLink(root.type, root.entity.id, node.otherId);
  } catch (e) {
    s.errors.show(e, `Remove entity link ${root.entity.id} → ${node.otherId}`, vscode.l10n.t('Could not remove the link.'));
    return false;
  }
  s.events.entityLinksChanged(root.type, root.entity.id, node.otherId);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Removed: {0}.', sentence), 5000);
  return true;
}
