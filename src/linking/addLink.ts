// `Tracker: Add Link…` and `Link to Current Issue as…`: source → relationship
// → target(s), then one createIssueLink per target and one summary. Nothing
// is sent until every step is answered (Escape anywhere sends nothing).

import * as vscode from 'vscode';
import { BACK, runSteps, type Step } from '../kernel/quickInput';
import { pickIssues, type IssueItem } from '../kernel/issuePicker';
import { creatableRelationships, isEpicType, relationshipOfLink, SINGLE_TARGET_RELATIONSHIPS, type RelationshipInfo } from '../links/relationships';
import { cycleWarning, dependencyCycles } from '../kernel/cycleCheck';
import type { Issue, IssueLink } from '../tracker/types';
import type { Services } from '../kernel/services';
import { isCancelled } from '../tracker/errors';
import { describeError, fixButtons, needsSignIn } from '../kernel/errors';
import { byCount } from '../kernel/counts';
import { answerLostText, settleIssueLink, unknownOutcomeText } from '../kernel/ambiguous';
import { linkedText, noLinkFailuresText, notLinkedText, selfLinkText, stoppedBeforeText } from '../kernel/linkOutcome';
import { ensureSignedIn, showWithOpenButtons, pickSourceIssue, suggestedKeys, targetPlaceholder, withCancellableProgress } from './common';
import { failureReason, notEpicText, relationshipLabel, relationshipSentence } from './text';

/** What the command resolves with (tests read it; users see the summary). */
export interface AddLinkResult {
  source?: string;
  relationship?: string;
  /** Linked, including those in `answerLost`. */
  created: string[];
  /** Created although Tracker's answer was lost (a 5xx, drop or timeout): found by reading the links again. */
  answerLost: string[];
  failed: Array<{ key: string; reason: string }>;
  /** The answer was lost and the check failed too: maybe linked, maybe not. */
  unknown: Array<{ key: string; reason: string }>;
  /** Chosen but not attempted because the user stopped the progress. */
  notAttempted: string[];
  /** The user left before anything was sent. */
  cancelled: boolean;
  summary?: string;
}

interface State {
  source?: string;
  relationship?: RelationshipInfo;
  targets: string[];
}

interface RelItem extends vscode.QuickPickItem {
  rel: RelationshipInfo;
}


export async function addLink(s: Services, preset: { source?: string; target?: string } = {}): Promise<AddLinkResult> {
  const result: AddLinkResult = { created: [], answerLost: [], failed: [], unknown: [], notAttempted: [], cancelled: true };
  if (!(await ensureSignedIn(s))) return result;

  const sourceGiven = preset.source ?? s.current.current?.key;
  const targetGiven = preset.target;
  if (sourceGiven && targetGiven && sourceGiven === targetGiven) {
    void vscode.window.showInformationMessage(selfLinkText(sourceGiven));
    return result;
  }
  const title = vscode.l10n.t('Add Link');
  const total = 1 + (sourceGiven ? 0 : 1) + (targetGiven ? 0 : 1);
  const relStep = sourceGiven ? 1 : 2;
  const state: State = { source: sourceGiven, targets: targetGiven ? [targetGiven] : [] };
  // Fetched once per source; the target step excludes what is linked already.
  let sourceLinks: { key: string; links: Promise<IssueLink[]> } | undefined;
  const linksOf = (key: string) => {
    if (sourceLinks?.key !== key) {
      const links = s.store.getLinks(key).catch((e: unknown) => {
        s.log.warn(`Add link: could not list the links of ${key}: ${describeError(e)}`);
        return [] as IssueLink[];
      });
      sourceLinks = { key, links };
    }
    return sourceLinks.links;
  };

  const askSource: Step<State> = async (st) => {
    const r = await pickSourceIssue(s, { id: 'addLink.source', title, totalSteps: total });
    if (r === undefined || r === BACK) return r;
    st.source = r.key;
    return askRelationship;
  };

  const askRelationship: Step<State> = async (st) => {
    const source = st.source as string;
    void linksOf(source);
    const r = await s.inputs.pick<RelItem>({
      id: 'addLink.relationship',
      title,
      step: relStep,
      totalSteps: total,
      placeholder: targetGiven
        ? vscode.l10n.t('How is {0} related to {1}?', source, targetGiven)
        : vscode.l10n.t('How is {0} related to the other issue(s)?', source),
      describeError,
      // Issue types decide which epic relationships make sense.
      load: async (signal) => {
        const [src, tgt] = await Promise.all([
          s.store.getIssue(source, { signal }),
          targetGiven ? s.store.getIssue(targetGiven, { signal }).catch(() => undefined) : Promise.resolve(undefined),
        ]);
        return creatableRelationships(typeKey(src), typeKey(tgt)).map((rel) => ({
          label: relationshipLabel(rel.value),
          description: relationshipSentence(rel, source, targetGiven),
          detail: rel.epic === 'target' && !targetGiven ? vscode.l10n.t('The other issue must be an epic.') : undefined,
          rel,
        }));
      },
    });
    if (r === undefined || r === BACK) return r;
    st.relationship = r.rel;
    return targetGiven ? 'done' : askTargets;
  };

  const askTargets: Step<State> = async (st) => {
    const source = st.source as string;
    const rel = st.relationship as RelationshipInfo;
    const linked = (await linksOf(source)).filter((l) => relationshipOfLink(l) === rel.value).map((l) => l.object.key.toUpperCase());
    const exclude = new Set([source.toUpperCase(), ...linked]);
    const single = SINGLE_TARGET_RELATIONSHIPS.has(rel.value);
    for (;;) {
      const o = {
        id: 'addLink.targets',
        title,
        step: total,
        totalSteps: total,
        placeholder: targetPlaceholder(rel, source),
        suggested: suggestedKeys(s, source).filter((x) => !exclude.has(x.key)),
        exclude,
      };
      const r = single ? await pickIssues(s.inputs, s.api, o) : await pickIssues(s.inputs, s.api, { ...o, canSelectMany: true });
      if (r === undefined || r === BACK) return r;
      const items: IssueItem[] = Array.isArray(r) ? r : [r];
      if (!items.length) continue;
      // `has epic` needs an epic on the other side: check before anything is sent.
      if (rel.epic === 'target') {
        const notEpics = await nonEpics(s, items);
        if (notEpics === undefined) return undefined;
        if (notEpics.length) {
          void vscode.window.showWarningMessage(notEpicText(notEpics, rel.value));
          continue;
        }
      }
      st.targets = items.map((i) => i.key.toUpperCase());
      return 'done';
    }
  };

  let completed: boolean;
  try {
    completed = await runSteps(sourceGiven ? askRelationship : askSource, state);
  } catch (e) {
    s.errors.show(e, 'Add link');
    return result;
  }
  if (!completed || !state.source || !state.relationship || !state.targets.length) return result;
  const source = state.source;
  const rel = state.relationship;
  result.source = source;
  result.relationship = rel.value;

  if (rel.isDependency && !(await confirmNoCycle(s, source, state.targets, rel))) return result;

  result.cancelled = false;
  const targets = state.targets;
  let signInNeeded = false;
  // One piece of news for the views when all targets are done, not one per target.
  // The notification reads "title: message": the title names the action, the message the link being made.
  const progressTitle = byCount(targets.length, vscode.l10n.t('Adding a link'), vscode.l10n.t('Adding links'));
  await s.store.batch(() => withCancellableProgress(progressTitle, async (progress, _signal, token) => {
    for (let i = 0; i < targets.length; i++) {
      if (token.isCancellationRequested) {
        result.notAttempted.push(...targets.slice(i));
        break;
      }
      const target = targets[i];
      const sentence = relationshipSentence(rel, source, target);
      progress.report({ message: targets.length > 1 ? `${sentence} (${i + 1}/${targets.length})` : sentence, increment: 100 / targets.length });
      try {
        // No signal: a POST already sent is never cut off or repeated by us.
        await s.store.create(source, rel.value, target);
        result.created.push(target);
        s.log.info(`Linked: ${source} ${rel.value} ${target}`);
      } catch (e) {
        s.errors.logDetails(e, `Add link ${source} ${rel.value} ${target}`);
        // Never sent again: after a 5xx, drop or timeout, read whether it is there.
        const v = await settleIssueLink(s, source, rel.value, target, e);
        if (v.kind === 'created') {
          result.created.push(target);
          result.answerLost.push(target);
        } else if (v.kind === 'unknown') {
          result.unknown.push({ key: target, reason: unknownOutcomeText(relationshipSentence(rel, source, target), v) });
        } else {
          result.failed.push({ key: target, reason: failureReason(e, source) });
          signInNeeded ||= needsSignIn(e);
        }
      }
    }
  }));

  if (result.created.length) {
    for (const k of [...result.created].reverse()) await s.current.remember(k);
  }
  result.summary = summarize(s, source, rel, result, signInNeeded);
  return result;
}

function typeKey(issue: Issue | undefined): string | undefined {
  return issue?.type?.key;
}

/** Keys among `items` that are not epics; undefined when they could not be checked. */
async function nonEpics(s: Services, items: IssueItem[]): Promise<string[] | undefined> {
  try {
    const issues = await Promise.all(items.map((i) => (i.issue?.type ? Promise.resolve(i.issue) : s.store.getIssue(i.key))));
    return issues.filter((i) => !isEpicType(i.type?.key)).map((i) => i.key);
  } catch (e) {
    s.errors.show(e, 'Add link: checking the epic');
    return undefined;
  }
}

/**
 * A new dependency that would close a cycle is worth a second look: spell
 * the cycle out and let the user decide. True = go on.
 */
async function confirmNoCycle(s: Services, source: string, targets: string[], rel: RelationshipInfo): Promise<boolean> {
  let cycles: string[][];
  try {
    cycles = await withCancellableProgress(vscode.l10n.t('Checking for dependency cycles…'), (_p, signal) =>
      dependencyCycles(s, source, targets, rel.value, signal),
    );
  } catch (e) {
    if (isCancelled(e)) return false;
    // The check is advice: when it cannot run, say so in the log and go on.
    s.log.warn(`Cycle check failed: ${describeError(e)}`);
    return true;
  }
  if (!cycles.length) return true;
  const linkAnyway = vscode.l10n.t('Link anyway');
  const w = cycleWarning(cycles);
  const answer = await s.prompts.ask(w.title, w.cycles.join('\n') + '\n\n' + w.meaning, linkAnyway);
  return answer === linkAnyway;
}

function summarize(s: Services, source: string, rel: RelationshipInfo, r: AddLinkResult, signInNeeded: boolean): string {
  const failures = r.failed.map((f) => `${f.key}: ${f.reason}`).join(' ');
  const stopped = r.notAttempted.length ? ' ' + stoppedBeforeText(r.notAttempted) : '';
  // A token refused mid-session: the button that fixes it, not just the log.
  const { buttons: fixes, act } = fixButtons(s.log, { signIn: signInNeeded });
  let text: string;
  if (r.answerLost.length || r.unknown.length) {
    // Some answers were lost: what was checked and found, what failed, what nobody knows.
    const normal = r.created.filter((k) => !r.answerLost.includes(k));
    const parts: string[] = [];
    if (normal.length) parts.push(linkedText(relationshipSentence(rel, source, normal.join(', '))));
    if (r.answerLost.length) parts.push(answerLostText(relationshipSentence(rel, source, r.answerLost.join(', '))));
    parts.push(...r.unknown.map((u) => u.reason));
    if (r.failed.length) parts.push(notLinkedText(failures));
    text = parts.join(' ') + stopped;
    const warn = r.failed.length > 0 || r.unknown.length > 0;
    const show = (m: string, ...i: string[]) => (warn ? vscode.window.showWarningMessage(m, ...i) : vscode.window.showInformationMessage(m, ...i));
    void showWithOpenButtons(s, show, text, r.created, warn ? fixes : []).then(act);
  } else if (r.created.length && !r.failed.length) {
    text = linkedText(relationshipSentence(rel, source, r.created.join(', '))) + stopped;
    void showWithOpenButtons(s, (m, ...i) => vscode.window.showInformationMessage(m, ...i), text, r.created);
  } else if (r.created.length) {
    text = vscode.l10n.t('Linked: {0}. Not linked: {1}', relationshipSentence(rel, source, r.created.join(', ')), failures) + stopped;
    void showWithOpenButtons(s, (m, ...i) => vscode.window.showWarningMessage(m, ...i), text, r.created, fixes).then(act);
  } else if (r.failed.length) {
    text = noLinkFailuresText(failures) + stopped;
    void vscode.window.showErrorMessage(text, ...fixes).then(act);
  } else {
    text = vscode.l10n.t('No link was created.') + stopped;
    void vscode.window.showInformationMessage(text);
  }
  return text;
}
