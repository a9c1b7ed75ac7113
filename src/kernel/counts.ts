// Sentences with a count. English says a counted noun one way for exactly 1
// and another way for every other number ("1 link", "0 links", "2 links").
// l10n.t takes literal strings only, so each caller spells out both
// sentences and byCount picks one. A language with more forms words its
// "other" sentence so that it reads for any number (Russian: "связей: {0}").

import * as vscode from 'vscode';

/** `one` when `n` is 1, else `other`: the English choice, written once. */
export function byCount(n: number, one: string, other: string): string {
  return n === 1 ? one : other;
}

/** "1 issue", "7 issues": a count inside a longer sentence (the graph's progress, the chat tool's headline). */
export function issueCountText(n: number): string {
  return byCount(n, vscode.l10n.t('{0} issue', n), vscode.l10n.t('{0} issues', n));
}

/** "1 link", "6 links". */
export function linkCountText(n: number): string {
  return byCount(n, vscode.l10n.t('{0} link', n), vscode.l10n.t('{0} links', n));
}
