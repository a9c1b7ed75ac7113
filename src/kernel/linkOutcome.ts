// What became of the links the user asked for, in one wording for the
// commands (Add Link, Link Entities) and the chat tools that make links:
// the progress line, linked, not linked, none made, where it stopped. The
// words after a lost answer are kernel/ambiguous.ts.

import * as vscode from 'vscode';

/** The progress line while links from `source` are made. */
export function linkingText(source: string): string {
  return vscode.l10n.t('Linking {0}…', source);
}

/** "Linked: TREK-3 relates to TREK-4, TREK-5." */
export function linkedText(sentence: string): string {
  return vscode.l10n.t('Linked: {0}.', sentence);
}

/** Beside what was linked: the targets that were not, with why. */
export function notLinkedText(failures: string): string {
  return vscode.l10n.t('Not linked: {0}', failures);
}

/** Nothing was made, for one reason (one request for every target). */
export function noLinkReasonText(reason: string): string {
  return vscode.l10n.t('No link was created: {0}', reason);
}

/** Nothing was made; each target failed with its own reason ("TREK-4: … TREK-5: …"). */
export function noLinkFailuresText(failures: string): string {
  return vscode.l10n.t('No link was created. {0}', failures);
}

/** Targets not attempted after a stop (a cancel, a refused sign-in). */
export function stoppedBeforeText(keys: readonly string[]): string {
  return vscode.l10n.t('Stopped before {0}.', keys.join(', '));
}

/** An issue named as both ends of a link. */
export function selfLinkText(key: string): string {
  return vscode.l10n.t('{0} cannot be linked to itself.', key);
}
