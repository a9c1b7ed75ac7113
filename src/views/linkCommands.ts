import * as vscode from 'vscode';
import type { Services } from '../kernel/services';
import { inertText } from '../kernel/errors';
import { copyWithNote } from '../kernel/clipboard';
import { linkNotRemovedText, linkNotRestoredText, showLinkRemoved } from '../kernel/prompts';
import { normalizeKey } from '../keys/keys';
import { importAuthor } from '../links/importRows';
import { relationshipInfo, relationshipOfLink } from '../links/relationships';
import type { IssueRelationship } from '../tracker/types';
import { markdownLink } from './format';
import { linkSentence } from './labels';
import { isIssueNode, isLinkedNode, type LinkedNode, type LinksTreeProvider } from './linksTree';

/** What `tracker.removeLink` resolves to once the link is gone: the Undo of its notification. */
export interface RemovedLink {
  from: string;
  to: string;
  relationship?: IssueRelationship;
  /** Re-creates the link from the same side; undefined when it cannot be (custom link type). */
  undo?: () => Promise<boolean>;
}

/** The commands on issues in the links view (also usable from the palette on the current issue). */
export function registerIssueItemCommands(context: vscode.ExtensionContext, s: Services, tree: LinksTreeProvider): void {
  const command = (id: string, run: (arg?: unknown) => unknown) => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    command('tracker.refreshLinks', (arg) => (isLinkedNode(arg) ? tree.reloadNode(arg) : tree.refresh(true))),
    command('tracker.openInTracker', async (arg) => {
      const target = issueOf(arg, s);
      if (target) await vscode.env.openExternal(vscode.Uri.parse(s.settings.issueUrl(target.key)));
    }),
    command('tracker.makeCurrent', async (arg) => {
      const target = issueOf(arg, s);
      if (target) await s.current.pin(target.key);
    }),
    command('tracker.copyKey', async (arg) => {
      const target = issueOf(arg, s);
      if (!target) return;
      await copyWithNote(target.key);
    }),
    command('tracker.copyLinkMarkdown', async (arg) => {
      const target = issueOf(arg, s);
      if (!target) return;
      let summary = target.summary;
      if (summary === undefined) {
        try {
          summary = (await s.store.getIssue(target.key)).summary;
        } catch (e) {
          s.errors.logDetails(e, 'Copy link'); // the key alone still makes a link
        }
      }
      const text = markdownLink(target.key, summary, s.settings.issueUrl(target.key));
      await copyWithNote(text);
    }),
    command('tracker.removeLink', (arg) => (isLinkedNode(arg) ? removeLink(s, arg) : undefined)),
  );
}

/** The issue a command acts on: a tree item, a key, or else the current issue; a string that is no key, none. */
function issueOf(arg: unknown, s: Services): { key: string; summary?: string } | undefined {
  if (typeof arg === 'string' && arg.trim()) {
    const key = normalizeKey(arg);
    if (key) return { key };
    void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" is not an issue key.', inertText(arg.trim())));
    return undefined;
  }
  if (isIssueNode(arg)) return { key: arg.key, summary: arg.summary };
  const current = s.current.current;
  if (current) return { key: current.key };
  void vscode.window.showInformationMessage(vscode.l10n.t('There is no current issue. Set one first.'));
  return undefined;
}

/**
 * Asks (modal, naming both keys and the relationship), deletes the link from
 * the side it was listed on, then offers Undo in a notification.
 */
async function removeLink(s: Services, node: LinkedNode): Promise<RemovedLink | undefined> {
  const { from, key: to, link } = node;
  const sentence = linkSentence(link, from, to);
  if (!(await s.prompts.confirmRemoveLink(sentence, 'issues'))) return undefined;
  try {
    await s.store.remove(from, link);
  } catch (e) {
    s.errors.show(e, `Remove link ${link.id} of ${from}`, linkNotRemovedText());
    return undefined;
  }

  const relationship = relationshipOfLink(link);
  const removed: RemovedLink = { from, to, relationship };
  if (relationship) removed.undo = () => restoreLink(s, node, relationship, sentence);
  showLinkRemoved(sentence, removed.undo);
  return removed;
}

/**
 * Re-creates a removed link with the same relationship from the same side.
 * Clone links can only be made by the import endpoint, which also keeps the
 * original author and date.
 */
async function restoreLink(s: Services, node: LinkedNode, relationship: IssueRelationship, sentence: string): Promise<boolean> {
  const { from, key: to, link } = node;
  try {
    if (relationshipInfo(relationship).importOnly) {
      const createdBy = importAuthor(link.createdBy);
      if (!link.createdAt || createdBy === undefined) throw new Error(vscode.l10n.t('The original author or date of the link is unknown.'));
      await s.store.importLink(from, { relationship, issue: to, createdAt: link.createdAt, createdBy });
    } else {
      await s.store.create(from, relationship, to);
    }
  } catch (e) {
    s.errors.show(e, `Undo removal of ${from} ${relationship} ${to}`, linkNotRestoredText(sentence));
    return false;
  }
  return true;
}
