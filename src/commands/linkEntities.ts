// `Tracker: Link Entities…`: entity type → source → relationship → one or
// more targets of the same type, all created in ONE request (the API takes
// an array body) so the server applies them together or not at all.

import * as vscode from 'vscode';
import { entitySearch, typedEntityItem, type EntityItem } from '../pick/entityPicker';
import { BACK, runSteps, type Step } from '../pick/quickInput';
import { ENTITY_RELATIONSHIPS, type EntityRelationshipInfo } from '../links/relationships';
import type { Entity, EntityType } from '../tracker/types';
import type { Services } from '../services/services';
import { describeError, inertText } from '../util/errors';
import { answerLostText, settleEntityLinks, unknownOutcomeText } from './ambiguous';
import { ensureSignedIn, withCancellableProgress } from './common';
import { entityRelationshipLabel, entityRelationshipSentence, entityTypeName, failureReason } from './text';

export interface LinkEntitiesResult {
  type?: EntityType;
  source?: string;
  relationship?: string;
  /** Ids (or typed shortIds) linked. */
  created: string[];
  /** Created although Tracker's answer was lost: found by reading the links again. */
  answerLost?: boolean;
  /** The answer was lost and the check failed too: maybe linked, maybe not. */
  unknown?: boolean;
  error?: string;
  cancelled: boolean;
  summary?: string;
}

interface State {
  type?: EntityType;
  source?: EntityItem;
  relationship?: EntityRelationshipInfo;
  targets: EntityItem[];
}

const TYPES: readonly EntityType[] = ['project', 'portfolio', 'goal'];
export async function linkEntities(s: Services): Promise<LinkEntitiesResult> {
  const result: LinkEntitiesResult = { created: [], cancelled: true };
  if (!(await ensureSignedIn(s))) return result;
  const title = vscode.l10n.t('Link Entities');
  const total = 4;
  const state: State = { targets: [] };

  const askType: Step<State> = async (st) => {
    const r = await s.inputs.pick({
      id: 'linkEntities.type',
      title,
      step: 1,
      totalSteps: total,
      placeholder: vscode.l10n.t('What do you want to link?'),
      items: TYPES.map((t) => ({ label: entityTypeName(t), type: t, picked: t === st.type })),
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
    return askTargets;
  };

  const askTargets: Step<State> = async (st) => {
    const type = st.type as EntityType;
    const source = st.source as EntityItem;
    const rel = st.relationship as EntityRelationshipInfo;
    // The server refuses a second link between the same two entities: hide those.
    const linked = new Set<string>([source.ref]);
    if (source.shortId !== undefined) linked.add(String(source.shortId));
    const skip = (e: Entity) => linked.has(e.id) || (e.shortId !== undefined && linked.has(String(e.shortId)));
    const find = entitySearch(s.api, type, skip);
    const r = await s.inputs.pick<EntityItem>({
      id: 'linkEntities.targets',
      title,
      step: 4,
      totalSteps: total,
      canSelectMany: true,
      placeholder: entityRelationshipSentence(rel, source.name, vscode.l10n.t('(choose one or more)')),
      describeError,
      load: async (signal) => {
        try {
          for (const l of await s.api().getEntityLinks(type, source.ref, { signal })) {
            linked.add(l.linkFieldValues.id);
            if (l.linkFieldValues.shortId !== undefined) linked.add(String(l.linkFieldValues.shortId));
          }
        } catch (e) {
          s.log.warn(`Link entities: could not list the links of ${type} ${source.ref}: ${describeError(e)}`);
        }
        return find.search!('', signal);
      },
      search: find.search,
      acceptValue: (v) => {
        const t = typedEntityItem(v);
        return t && !linked.has(t.ref) ? t : undefined;
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
  if (!completed || !state.type || !state.source || !state.relationship || !state.targets.length) return result;
  const { type, source, relationship: rel, targets } = state;
  Object.assign(result, { type, source: source.ref, relationship: rel.value, cancelled: false });

  // Entity names are typed by any member of the organisation; a notification
  // would turn "[x](command:…)" in one into a link that runs the command.
  const sentence = inertText(entityRelationshipSentence(rel, source.name, targets.map((t) => t.name).join(', ')));
  try {
    await withCancellableProgress(vscode.l10n.t('Linking {0}…', inertText(source.name)), async () => {
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
    const v = await settleEntityLinks(s, type, source.ref, rel.value, refs, e);
    const showLog = vscode.l10n.t('Show Log');
    const onChoice = (c: string | undefined) => c === showLog && s.log.show(true);
    if (v.kind === 'created') {
      const found = targets.filter((t) => v.found.includes(t.ref));
      const missing = targets.filter((t) => !v.found.includes(t.ref));
      result.created = found.map((t) => t.ref);
      result.answerLost = true;
      s.events.entityLinksChanged(type, source.ref, ...result.created);
      const lost = answerLostText(inertText(entityRelationshipSentence(rel, source.name, found.map((t) => t.name).join(', '))));
      if (missing.length) {
        result.error = failureReason(e, inertText(source.name));
        result.summary = `${lost} ${vscode.l10n.t('Not linked: {0}', `${inertText(missing.map((t) => t.name).join(', '))}: ${result.error}`)}`;
        void vscode.window.showWarningMessage(result.summary, showLog).then(onChoice);
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
      void vscode.window.showWarningMessage(result.summary, showLog).then(onChoice);
      return result;
    }
    result.error = failureReason(e, inertText(source.name));
    result.summary = vscode.l10n.t('No link was created: {0}', result.error);
    void vscode.window.showErrorMessage(result.summary, showLog).then(onChoice);
    return result;
  }
  result.created = targets.map((t) => t.ref);
  s.log.info(`Linked ${type} ${source.ref} ${rel.value} ${result.created.join(', ')}`);
  s.events.entityLinksChanged(type, source.ref, ...result.created);
  result.summary = vscode.l10n.t('Linked: {0}.', sentence);
  void vscode.window.showInformationMessage(result.summary);
  return result;
}
