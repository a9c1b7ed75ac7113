// Items that are not data: an error with what to do next, "no links yet".
// Both trees use them so a failure always reads the same way and a tree is
// never silently empty after an error.

import * as vscode from 'vscode';
import { isCancelled, isTrackerError } from '../tracker/errors';
import { briefError, describeError } from '../kernel/errors';

type MessageRole = 'error' | 'stale' | 'retry' | 'signIn' | 'setCurrent' | 'noLinks';

export interface MessageNode<P> {
  readonly kind: 'message';
  readonly id: string;
  readonly role: MessageRole;
  /** The item it explains (undefined at the top level). */
  readonly parent?: P;
  readonly label: string;
  readonly icon: vscode.ThemeIcon;
  readonly tooltip?: string;
  readonly command?: vscode.Command;
}

/**
 * One item with the error in plain words, then what fixes it: Sign In after
 * a 401, else Retry (and Set Current Issue when the issue does not exist).
 */
export function errorNodes<P>(e: unknown, parent: P | undefined, parentId: string, retry: vscode.Command, offerSetCurrent = false): MessageNode<P>[] {
  const message = describeError(e);
  const kind = isTrackerError(e) ? e.kind : undefined;
  const nodes: MessageNode<P>[] = [
    {
      kind: 'message',
      id: `${parentId}/!error`,
      role: 'error',
      parent,
      label: message,
      tooltip: message,
      icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
    },
  ];
  const action = actionNode(parent, parentId);
  nodes.push(fixNode(e, parent, parentId, retry));
  if (offerSetCurrent && kind === 'notFound') {
    const setCurrent = vscode.l10n.t('Set Current Issue…');
    nodes.push(action('setCurrent', setCurrent, 'target', { command: 'tracker.setCurrentIssue', title: setCurrent }));
  }
  return nodes;
}

/**
 * Data kept after a failed refresh: one warning item saying since when the
 * data is old and why, then what fixes it (Sign In after a 401, else Retry).
 */
export function staleNodes<P>(stale: Stale, parent: P, parentId: string, retry: vscode.Command): MessageNode<P>[] {
  const label = staleText(stale);
  return [
    {
      kind: 'message',
      id: `${parentId}/!stale`,
      role: 'stale',
      parent,
      label,
      tooltip: label,
      icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
    },
    fixNode(stale.error, parent, parentId, retry),
  ];
}

/** A tree's root whose refresh failed: since when its data is old, and why. */
export interface Stale {
  readonly since: number;
  readonly error: unknown;
}

/** "Showing data from 14:05 — Could not reach Tracker…": the stale item's words, and the root's tooltip line. */
export function staleText(stale: Stale): string {
  return vscode.l10n.t('Showing data from {0} — {1}', formatTime(stale.since), describeError(stale.error));
}

/** "stale: no connection": the root's description while its data is stale. */
export function staleDescription(stale: Stale): string {
  return vscode.l10n.t('stale: {0}', briefError(stale.error));
}

/**
 * The last data a tree loaded, kept so that a failed refresh shows it marked
 * stale instead of replacing it with the error. Both trees use it.
 */
export class LastLoaded<T> {
  private last: { id: string; value: T; at: number } | undefined;

  /** `id` names what was loaded ("TREK-12", "project:5"): data of something else is never shown for it. */
  remember(id: string, value: T, at = Date.now()): void {
    this.last = { id, value, at };
  }

  /** Another account, organisation or server: its data is not shown as this one's. */
  forget(): void {
    this.last = undefined;
  }

  /**
   * What to keep showing after the refresh of `id` failed with `e`, and since
   * when; undefined when the failure itself must be shown: nothing loaded for
   * `id` yet, a cancel (no failure), or a 404 (the thing itself is gone).
   */
  staleAfter(id: string, e: unknown): { value: T; since: number } | undefined {
    const last = this.last;
    if (!last || last.id !== id || isCancelled(e) || (isTrackerError(e) && e.kind === 'notFound')) return undefined;
    return { value: last.value, since: last.at };
  }
}

/** "14:05": when data was loaded, for the stale marker. */
export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** The action that fixes a failure: Sign In after a 401, else Retry. */
function fixNode<P>(e: unknown, parent: P | undefined, parentId: string, retry: vscode.Command): MessageNode<P> {
  const action = actionNode(parent, parentId);
  if (isTrackerError(e) && e.kind === 'unauthorized') {
    const signIn = vscode.l10n.t('Sign In…');
    return action('signIn', signIn, 'sign-in', { command: 'tracker.signIn', title: signIn });
  }
  return action('retry', vscode.l10n.t('Retry'), 'refresh', retry);
}

function actionNode<P>(parent: P | undefined, parentId: string) {
  return (role: MessageRole, label: string, icon: string, command: vscode.Command): MessageNode<P> => ({
    kind: 'message',
    id: `${parentId}/!${role}`,
    role,
    parent,
    label,
    icon: new vscode.ThemeIcon(icon),
    command,
  });
}

export function messageItem<P>(node: MessageNode<P>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = node.icon;
  item.tooltip = node.tooltip;
  item.command = node.command;
  item.contextValue = `message.${node.role}`;
  return item;
}

/** Shows the view's own progress bar while `work` runs. */
export function withViewProgress<T>(viewId: string, work: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: { viewId } }, work));
}
