// Small pieces the linking flows share: reading command arguments, what a
// one-write flow resolves with, opening an issue, the issue-key suggestions;
// and, re-exported, the kernel's sign-in gate and cancellable progress.

import * as vscode from 'vscode';
import type { Services } from '../kernel/services';
import type { Back } from '../kernel/quickInput';
import { pickIssues, pickReason, type IssueItem } from '../kernel/issuePicker';
import type { RelationshipInfo } from '../links/relationships';
import { relationshipSentence } from './text';

/** How a flow that makes one write ended, besides what it made (tests read it; users see the summary). */
export interface WriteOutcome {
  /** Created although Tracker's answer was lost: found by reading the links again. */
  answerLost?: boolean;
  /** The answer was lost and the check failed too: maybe made, maybe not. */
  unknown?: boolean;
  error?: string;
  cancelled: boolean;
  summary?: string;
}

export { keyOfArgument as keyFromArg } from '../keys/keys';
// The sign-in gate and the cancellable progress are the kernel's (the migration flow uses them too).
export { ensureSignedIn, withCancellableProgress } from '../kernel/flow';

function openIssue(s: Services, key: string): void {
  void vscode.env.openExternal(vscode.Uri.parse(s.settings.issueUrl(key)));
}

/** "Open TREK-15" buttons, at most three; the chosen one opens in the browser. */
export function showWithOpenButtons(
  s: Services,
  show: (message: string, ...items: string[]) => Thenable<string | undefined>,
  message: string,
  keys: readonly string[],
  extra: readonly string[] = [],
): Thenable<string | undefined> {
  const buttons = keys.slice(0, 3).map((k) => ({ k, label: vscode.l10n.t('Open {0}', k) }));
  return show(message, ...buttons.map((b) => b.label), ...extra).then((choice) => {
    const b = buttons.find((x) => x.label === choice);
    if (b) openIssue(s, b.k);
    return choice;
  });
}

/** Keys offered first in target pickers: recent picks, then keys in the editor, then the current issue. */
export function suggestedKeys(s: Services, ...skip: string[]): Array<{ key: string; why: string }> {
  const out: Array<{ key: string; why: string }> = [];
  const seen = new Set(skip.map((k) => k.toUpperCase()));
  const add = (key: string, why: string) => {
    const k = key.toUpperCase();
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ key: k, why });
  };
  for (const k of s.current.recent) add(k, pickReason('recent'));
  for (const k of s.editorKeys()) add(k, pickReason('inEditor'));
  const cur = s.current.current?.key;
  if (cur) add(cur, pickReason('current'));
  return out.slice(0, 15);
}

/** The target step's placeholder (Add Link, Import Link): the link to be made, its target still to type. */
export function targetPlaceholder(rel: RelationshipInfo, source: string): string {
  return relationshipSentence(rel, source, vscode.l10n.t('(type a key or words from a summary)'));
}

/**
 * The first step of a flow that makes an issue link: which issue gets it.
 * The key chosen before (when the flow asks again) comes first, then the
 * recent, editor and current keys.
 */
export function pickSourceIssue(
  s: Services,
  o: { id: string; title: string; totalSteps: number; chosenBefore?: string },
): Promise<IssueItem | Back | undefined> {
  const before = o.chosenBefore ? [{ key: o.chosenBefore, why: pickReason('chosenBefore') }] : [];
  return pickIssues(s.inputs, s.api, {
    id: o.id,
    title: o.title,
    step: 1,
    totalSteps: o.totalSteps,
    placeholder: vscode.l10n.t('Which issue gets the link? Type a key or words from its summary'),
    suggested: [...before, ...(o.chosenBefore ? suggestedKeys(s, o.chosenBefore) : suggestedKeys(s))],
  });
}
