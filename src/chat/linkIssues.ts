// tracker_linkIssues: one source, one relationship, one or more targets —
// the Add Link flow without the quick picks. The confirmation states each
// link as it will read ("TREK-12 will be blocked by TREK-20") and warns of a
// dependency cycle before anything is sent; the creates go through the link
// store (the views refresh) one POST per target, never repeated after a lost
// answer (the links are read to find out instead).

import * as vscode from 'vscode';
import { findIssueLink } from '../links/outcome';
import { creatableRelationships, isEpicType, isIssueRelationship, relationshipInfo, SINGLE_TARGET_RELATIONSHIPS, type RelationshipInfo } from '../links/relationships';
import { answerLostText, settleIssueLink, unknownOutcomeText } from '../kernel/ambiguous';
import { linkedText, linkingText, noLinkFailuresText, notLinkedText, selfLinkText, stoppedBeforeText } from '../kernel/linkOutcome';
import { cycleWarning, dependencyCycles } from '../kernel/cycleCheck';
import { describeError, failureReason, needsSignIn } from '../kernel/errors';
import { notEpicText, plannedSentence, relationshipLabel, relationshipSentence } from '../kernel/linkWords';
import type { Services } from '../kernel/services';
import type { IssueLink } from '../tracker/types';
import { asInput, BadInput, badInputResult, confirmation, oneOf, readKey, readList, requireString, signalOf, signInProblem, textResult, toKey, gateAndRead, readForConfirmation, notARelationship, checkingRequestText } from './common';

interface LinkIssuesInput {
  sourceKey: string;
  relationship: string;
  targetKeys: string[];
}

interface Request {
  source: string;
  rel: RelationshipInfo;
  targets: string[];
}

/** Most targets taken in one call (one POST each). */
const MAX_TARGETS = 20;

/** The input checked: keys well-formed, a relationship the ordinary create takes, no link to itself. */
function readLinkIssues(raw: unknown): Request {
  const input = asInput(raw);
  const source = readKey(input, 'sourceKey');
  const value = requireString(input, 'relationship');
  const creatable = creatableRelationships().map((r) => r.value);
  if (!isIssueRelationship(value)) {
    throw notARelationship(value, creatable);
  }
  const rel = relationshipInfo(value);
  if (!rel.creatable) {
    throw new BadInput(vscode.l10n.t('"{0}" links can only be imported, not created. Use one of: {1}.', value, oneOf(creatable)));
  }
  const targets: string[] = [];
  for (const t of readList(input, 'targetKeys', MAX_TARGETS)) {
    const key = toKey(t);
    if (key === source) throw new BadInput(selfLinkText(source));
    if (!targets.includes(key)) targets.push(key);
  }
  if (targets.length > 1 && SINGLE_TARGET_RELATIONSHIPS.has(rel.value)) {
    throw new BadInput(vscode.l10n.t('an issue has one parent and one epic: give one target for "{0}".', relationshipLabel(rel.value)));
  }
  return { source, rel, targets };
}

/**
 * An epic relationship needs an Epic-type issue on its side (as the Add Link
 * flow checks before sending): the words when one is not, read through the
 * store; when the types cannot be read, Tracker judges.
 */
async function epicProblem(s: Services, r: Request, signal: AbortSignal): Promise<string | undefined> {
  const side = r.rel.epic === 'target' ? r.targets : r.rel.epic === 'source' ? [r.source] : [];
  if (!side.length) return undefined;
  try {
    const issues = await Promise.all(side.map((k) => s.store.getIssue(k, { signal })));
    const notEpics = issues.filter((i) => !isEpicType(i.type?.key)).map((i) => i.key);
    if (notEpics.length) return notEpicText(notEpics, r.rel.value);
  } catch (e) {
    s.log.warn(`Chat tool: could not read the issue types for ${r.rel.value}: ${describeError(e)}`);
  }
  return undefined;
}

/** Targets not sent because the link is there, in the confirmation and in the result alike. */
function alreadyLinkedText(rel: RelationshipInfo, source: string, keys: readonly string[]): string {
  return vscode.l10n.t('Already linked, not sent again: {0}.', relationshipSentence(rel, source, keys.join(', ')));
}

/** Targets already linked this way (from the stored list of the source; read when missing). */
async function alreadyLinked(s: Services, r: Request, signal: AbortSignal): Promise<string[]> {
  let links: IssueLink[];
  try {
    links = await s.store.getLinks(r.source, { signal });
  } catch (e) {
    // The creates will say what is wrong with the source.
    s.log.warn(`Chat tool: could not list the links of ${r.source}: ${describeError(e)}`);
    return [];
  }
  return r.targets.filter((t) => findIssueLink(links, r.rel.value, t));
}

export function linkIssuesTool(s: Services): vscode.LanguageModelTool<LinkIssuesInput> {
  return {
    async prepareInvocation(options, token) {
      const r = readForConfirmation(() => readLinkIssues(options.input));
      if (!r) return { invocationMessage: checkingRequestText() };
      const invocationMessage = linkingText(r.source);
      // Signed out: the tool sends nothing, so there is nothing to confirm.
      if (await signInProblem(s)) return { invocationMessage };
      const signal = signalOf(token);
      // Not an epic where one is needed: nothing will be sent, nothing to confirm.
      if (await epicProblem(s, r, signal)) return { invocationMessage };
      const skip = await alreadyLinked(s, r, signal);
      const fresh = r.targets.filter((t) => !skip.includes(t));
      if (!fresh.length) return { invocationMessage };
      const lines = fresh.map((t) => `${plannedSentence(r.rel, r.source, t)}.`);
      if (skip.length) lines.push(alreadyLinkedText(r.rel, r.source, skip));
      if (r.rel.isDependency) {
        try {
          const cycles = await dependencyCycles(s, r.source, fresh, r.rel.value, signal);
          if (cycles.length) {
            const w = cycleWarning(cycles);
            lines.push('', `⚠ ${w.title}`, ...w.cycles, w.meaning);
          }
        } catch (e) {
          // The check is advice: when it cannot run, the log says so.
          s.log.warn(`Cycle check failed: ${describeError(e)}`);
        }
      }
      return {
        invocationMessage,
        confirmationMessages: confirmation(vscode.l10n.t('Create links in Tracker?'), lines),
      };
    },

    async invoke(options, token) {
      const read = await gateAndRead(s, () => readLinkIssues(options.input));
      if (read.result) return read.result;
      const r = read.request;
      const { source, rel } = r;
      const signal = signalOf(token);
      const notEpic = await epicProblem(s, r, signal);
      if (notEpic) return badInputResult(new BadInput(notEpic));
      const skip = await alreadyLinked(s, r, signal);
      const targets = r.targets.filter((t) => !skip.includes(t));
      const created: string[] = [];
      const answerLost: string[] = [];
      const unknown: string[] = [];
      const failed: string[] = [];
      const notAttempted: string[] = [];
      let signInNeeded = false;
      // One piece of news for the views when all targets are done.
      await s.store.batch(async () => {
        for (let i = 0; i < targets.length; i++) {
          if (token.isCancellationRequested) {
            notAttempted.push(...targets.slice(i));
            break;
          }
          const target = targets[i];
          try {
            // No signal: a POST already sent is never cut off or repeated.
            await s.store.create(source, rel.value, target);
            created.push(target);
            s.log.info(`Linked (chat tool): ${source} ${rel.value} ${target}`);
          } catch (e) {
            s.errors.logDetails(e, `Chat tool: link ${source} ${rel.value} ${target}`);
            const v = await settleIssueLink(s, source, rel.value, target, e);
            if (v.kind === 'created') {
              created.push(target);
              answerLost.push(target);
            } else if (v.kind === 'unknown') {
              unknown.push(unknownOutcomeText(relationshipSentence(rel, source, target), v));
            } else {
              failed.push(`${target}: ${failureReason(e, source)}`);
              signInNeeded ||= needsSignIn(e);
            }
          }
        }
      });
      for (const k of [...created].reverse()) await s.current.remember(k);

      const lines: string[] = [];
      const normal = created.filter((k) => !answerLost.includes(k));
      if (normal.length) lines.push(linkedText(relationshipSentence(rel, source, normal.join(', '))));
      if (answerLost.length) lines.push(answerLostText(relationshipSentence(rel, source, answerLost.join(', '))));
      if (skip.length) lines.push(alreadyLinkedText(rel, source, skip));
      lines.push(...unknown);
      if (failed.length) lines.push(created.length ? notLinkedText(failed.join(' ')) : noLinkFailuresText(failed.join(' ')));
      if (notAttempted.length) lines.push(stoppedBeforeText(notAttempted));
      if (signInNeeded) lines.push(vscode.l10n.t('Ask the user to sign in again with the command "Tracker: Sign In" (tracker.signIn).'));
      return textResult(...lines);
    },
  };
}
