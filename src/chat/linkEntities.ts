// tracker_linkEntities: a project, portfolio or goal linked to one or more
// others of one kind, all in ONE request (the API takes an array body, so
// Tracker applies them together or not at all), after a confirmation that
// names every entity. The entities are read first (their names for the
// confirmation, their ids for the body; a number names an entity only within
// its kind); what was read for the confirmation is used again by the invoke
// that follows it.

import * as vscode from 'vscode';
import { ENTITY_RELATIONSHIPS } from '../links/relationships';
import { typedEntityId } from '../tracker/values';
import { ENTITY_TYPES, isEntityType, type EntityType } from '../tracker/types';
import { answerLostText, settleEntityLinks, unknownOutcomeText } from '../kernel/ambiguous';
import { linkedText, linkingText, noLinkReasonText, notLinkedText } from '../kernel/linkOutcome';
import { entityName } from '../kernel/entityPicker';
import { failureReason } from '../kernel/errors';
import { entityRelationshipSentence, entityTypeLabel, plannedEntitySentence } from '../kernel/linkWords';
import type { Services } from '../kernel/services';
import { asInput, BadInput, confirmation, dataNote, oneOf, plain, quoted, readList, readString, requireString, signalOf, signInProblem, textResult, gateAndRead, readForConfirmation, notARelationship, checkingRequestText } from './common';

interface LinkEntitiesInput {
  entityType: string;
  entityId: string;
  relationship: string;
  targetType?: string;
  targetIds: string[];
}

interface Request {
  type: EntityType;
  ref: string;
  relationship: string;
  targetType: EntityType;
  targets: string[];
}

interface Named {
  id: string;
  name: string;
}

interface Resolved {
  source: Named;
  targets: Named[];
}

const MAX_TARGETS = 50;

function readType(value: string): EntityType {
  if (!isEntityType(value)) throw new BadInput(vscode.l10n.t('"{0}" is not an entity type. Use one of: {1}.', plain(value, 40), oneOf(ENTITY_TYPES)));
  return value;
}

function readRef(value: string): string {
  const id = typedEntityId(value);
  if (!id) throw new BadInput(vscode.l10n.t('"{0}" is not an entity id (24 hexadecimal digits) or number.', plain(value, 60)));
  return id.toLowerCase();
}

function readLinkEntities(raw: unknown): Request {
  const input = asInput(raw);
  const type = readType(requireString(input, 'entityType'));
  const ref = readRef(requireString(input, 'entityId'));
  const relationship = requireString(input, 'relationship');
  const allowed = ENTITY_RELATIONSHIPS[type].map((r) => r.value);
  if (!allowed.includes(relationship)) {
    throw notARelationship(relationship, allowed);
  }
  const targetType = readType(readString(input, 'targetType') ?? type);
  const targets: string[] = [];
  for (const t of readList(input, 'targetIds', MAX_TARGETS)) {
    const id = readRef(t);
    if (targetType === type && id === ref) throw new BadInput(vscode.l10n.t('an entity cannot be linked to itself ({0}).', `${entityTypeLabel(type)} ${id}`));
    if (!targets.includes(id)) targets.push(id);
  }
  return { type, ref, relationship, targetType, targets };
}

/** "Project "Alpha"". */
function named(type: EntityType, e: Named): string {
  return `${entityTypeLabel(type)} ${quoted(e.name, 120)}`;
}

export function linkEntitiesTool(s: Services): vscode.LanguageModelTool<LinkEntitiesInput> {
  // What the confirmation read, for the invoke right after it (same input, a minute at most).
  let last: { input: string; at: number; value: Promise<Resolved> } | undefined;

  const resolve = (r: Request, signal: AbortSignal): Promise<Resolved> => {
    const input = JSON.stringify(r);
    if (last && last.input === input && Date.now() - last.at < 60_000) return last.value;
    const read = async (type: EntityType, ref: string): Promise<Named> => {
      const e = await s.api().getEntity(type, ref, { signal });
      return { id: e.id, name: entityName(e) };
    };
    const value = Promise.all([read(r.type, r.ref), ...r.targets.map((t) => read(r.targetType, t))]).then(([source, ...targets]) => ({ source, targets }));
    last = { input, at: Date.now(), value };
    value.catch(() => (last = undefined));
    return value;
  };

  return {
    async prepareInvocation(options, token) {
      const r = readForConfirmation(() => readLinkEntities(options.input));
      if (!r) return { invocationMessage: checkingRequestText() };
      const invocationMessage = linkingText(`${entityTypeLabel(r.type)} ${r.ref}`);
      if (await signInProblem(s)) return { invocationMessage };
      let found: Resolved;
      try {
        found = await resolve(r, signalOf(token));
      } catch {
        // Not found or unreadable: nothing will be sent, the result says why.
        return { invocationMessage };
      }
      const lines = found.targets.map((t) => `${plannedEntitySentence(r.relationship, named(r.type, found.source), named(r.targetType, t))}.`);
      lines.push(vscode.l10n.t('All of them in one request: Tracker makes them together or not at all.'), dataNote());
      return {
        invocationMessage,
        confirmationMessages: confirmation(vscode.l10n.t('Link entities in Tracker?'), lines),
      };
    },

    async invoke(options, token) {
      const read = await gateAndRead(s, () => readLinkEntities(options.input));
      if (read.result) return read.result;
      const r = read.request;
      let found: Resolved;
      try {
        found = await resolve(r, signalOf(token));
      } catch (e) {
        s.errors.logDetails(e, `Chat tool: find the entities to link`);
        return textResult(noLinkReasonText(failureReason(e, `${entityTypeLabel(r.type)} ${r.ref}`)));
      }
      last = undefined;
      const { source, targets } = found;
      const sentence = (list: Named[]) => entityRelationshipSentence(r.relationship, named(r.type, source), list.map((t) => named(r.targetType, t)).join(', '));
      const ids = targets.map((t) => t.id);
      try {
        // One request for all targets; no signal: a POST is never cut off once sent.
        await s.api().createEntityLinks(r.type, source.id, ids.map((entity) => ({ relationship: r.relationship, entity })));
      } catch (e) {
        s.errors.logDetails(e, `Chat tool: link ${r.type} ${source.id}`);
        // Never sent again: after a 5xx, drop or timeout, read whether they are there.
        const v = await settleEntityLinks(s, r.type, source.id, r.relationship, ids, e, r.targetType);
        if (v.kind === 'created') {
          const made = targets.filter((t) => v.found.includes(t.id));
          const missing = targets.filter((t) => !v.found.includes(t.id));
          s.events.entityLinksChanged(r.type, source.id, ...made.map((t) => t.id));
          const lines = [answerLostText(sentence(made))];
          if (missing.length) lines.push(notLinkedText(`${missing.map((t) => named(r.targetType, t)).join(', ')}: ${failureReason(e, named(r.type, source))}`));
          return textResult(...lines, dataNote());
        }
        if (v.kind === 'unknown') return textResult(unknownOutcomeText(sentence(targets), v), dataNote());
        return textResult(noLinkReasonText(failureReason(e, named(r.type, source))), dataNote());
      }
      s.log.info(`Linked (chat tool): ${r.type} ${source.id} ${r.relationship} ${ids.join(', ')}`);
      s.events.entityLinksChanged(r.type, source.id, ...ids);
      return textResult(linkedText(sentence(targets)), dataNote());
    },
  };
}
