// tracker_getLinks: an issue's links as sentences that read the right way
// round ("TREK-12 is blocked by TREK-14"), grouped and ordered like the
// links tree, each with its status (and the status's category) and assignee.
// Read through the link store: what the tree has read costs nothing again.

import * as vscode from 'vscode';
import { groupLinks, statusCategory, type StatusCategory } from '../links/grouping';
import { describeError } from '../kernel/errors';
import { groupLabel, linkSentence } from '../kernel/linkWords';
import type { Services } from '../kernel/services';
import type { IssueLink } from '../tracker/types';
import { asInput, BadInput, badInputResult, dataNote, plain, quoted, readKey, readString, signalOf, signInProblem, textResult } from './common';

export interface GetLinksInput {
  issueKey?: string;
}

/** The category of a status in words; undefined when unknown. */
function categoryWord(c: StatusCategory): string | undefined {
  switch (c) {
    case 'new':
      return vscode.l10n.t('not started');
    case 'inProgress':
      return vscode.l10n.t('in progress');
    case 'paused':
      return vscode.l10n.t('paused');
    case 'done':
      return vscode.l10n.t('done');
    case 'unknown':
      return undefined;
  }
}

/** "In review (in progress)", or the status alone when the category adds nothing. */
export function statusText(status: { key?: string; display?: string } | undefined, statusType?: { key?: string }): string | undefined {
  if (!status?.key && !status?.display) return undefined;
  const name = plain(status.display || status.key, 60);
  const cat = categoryWord(statusCategory(status.key ? { key: status.key } : undefined, statusType));
  return cat && cat.toLowerCase() !== name.toLowerCase() ? vscode.l10n.t('{0} ({1})', name, cat) : name;
}

function linkLine(link: IssueLink, from: string): string {
  const to = link.object?.key ?? '?';
  const details: string[] = [];
  const status = statusText(link.status, (link as IssueLink & { statusType?: { key?: string } }).statusType);
  if (status) details.push(status);
  details.push(link.assignee?.display ? vscode.l10n.t('assigned to {0}', plain(link.assignee.display, 80)) : vscode.l10n.t('unassigned'));
  const summary = link.object?.display ? ` ${quoted(link.object.display)}` : '';
  return `- ${linkSentence(link, from, to)}${summary} (${details.join(', ')})`;
}

export function getLinksTool(s: Services): vscode.LanguageModelTool<GetLinksInput> {
  return {
    prepareInvocation(options) {
      const key = typeof options.input?.issueKey === 'string' ? options.input.issueKey.trim().toUpperCase() : s.current.current?.key;
      return { invocationMessage: key ? vscode.l10n.t('Reading the links of {0}…', key) : vscode.l10n.t('Reading the links of the current issue…') };
    },

    async invoke(options, token) {
      const problem = await signInProblem(s);
      if (problem) return textResult(problem);
      let key: string;
      try {
        const input = asInput(options.input ?? {});
        if (readString(input, 'issueKey') !== undefined) key = readKey(input, 'issueKey');
        else if (s.current.current?.key) key = s.current.current.key;
        else throw new BadInput(vscode.l10n.t('no issue key was given and there is no current issue: ask the user which issue.'));
      } catch (e) {
        if (e instanceof BadInput) return badInputResult(e);
        throw e;
      }
      const signal = signalOf(token);
      let links: IssueLink[];
      let summary: string | undefined;
      try {
        const [issue, list] = await Promise.all([s.store.getIssue(key, { signal }), s.store.getLinks(key, { signal })]);
        links = list;
        summary = issue.summary;
      } catch (e) {
        s.errors.logDetails(e, `Chat tool: links of ${key}`);
        return textResult(vscode.l10n.t('Could not read the links of {0}: {1}', key, describeError(e)));
      }
      const issue = s.store.peekIssue(key);
      const head = [key, summary ? quoted(summary) : '', statusText(issue?.status, issue?.statusType) ?? ''].filter(Boolean).join(' ');
      if (!links.length) return textResult(head, vscode.l10n.t('{0} has no links.', key), dataNote());
      const lines = [head, vscode.l10n.t('Links: {0}, grouped as in the Issue Links view.', links.length)];
      for (const g of groupLinks(links)) {
        lines.push('', `${groupLabel(g.group.id)}:`);
        for (const link of g.links) lines.push(linkLine(link, key));
      }
      lines.push('', dataNote());
      return textResult(...lines);
    },
  };
}
