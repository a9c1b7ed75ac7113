// tracker_getLinks: an issue's links as sentences that read the right way
// round ("TREK-12 is blocked by TREK-14"), grouped and ordered like the
// links tree, each with its status (and the status's category from the
// organisation's status list) and assignee.
// Read through the link store: what the tree has read costs nothing again.

import * as vscode from 'vscode';
import { groupLinks } from '../links/grouping';
import { categoryOfType, type Classify } from '../links/statuses';
import { groupLabel, linkSentence } from '../kernel/linkWords';
import type { Services } from '../kernel/services';
import type { Issue, IssueLink } from '../tracker/types';
import { asInput, keyForMessage, dataNote, issueDetails, quoted, readIssueKeyOrCurrent, signalOf, textResult, gateAndRead, linksNotReadResult } from './common';

interface GetLinksInput {
  issueKey?: string;
}

function linkLine(link: IssueLink, from: string, classify: Classify): string {
  const to = link.object?.key ?? '?';
  const statusType = (link as IssueLink & { statusType?: { key?: string } }).statusType;
  const category = categoryOfType(statusType?.key) ?? classify(link.status);
  const summary = link.object?.display ? ` ${quoted(link.object.display)}` : '';
  return `- ${linkSentence(link, from, to)}${summary} (${issueDetails(link.status, category, link.assignee?.display)})`;
}

export function getLinksTool(s: Services): vscode.LanguageModelTool<GetLinksInput> {
  return {
    prepareInvocation(options) {
      const key = keyForMessage(options.input?.issueKey, s);
      return { invocationMessage: key ? vscode.l10n.t('Reading the links of {0}…', key) : vscode.l10n.t('Reading the links of the current issue…') };
    },

    async invoke(options, token) {
      const read = await gateAndRead(s, () => readIssueKeyOrCurrent(asInput(options.input ?? {}), s.current.current?.key));
      if (read.result) return read.result;
      const key = read.request;
      const signal = signalOf(token);
      let links: IssueLink[];
      let issue: Issue;
      try {
        // The organisation's status list (once per connection) gives the categories; it never fails, it guesses.
        [issue, links] = await Promise.all([s.store.getIssue(key, { signal }), s.store.getLinks(key, { signal }), s.statuses.ready()]);
      } catch (e) {
        s.errors.logDetails(e, `Chat tool: links of ${key}`);
        return linksNotReadResult(key, e);
      }
      const classify = s.statuses.categoryOf;
      const head = `${key} ${quoted(issue.summary)} (${issueDetails(issue.status, categoryOfType(issue.statusType?.key) ?? classify(issue.status), issue.assignee?.display)})`;
      if (!links.length) return textResult(head, vscode.l10n.t('{0} has no links.', key), dataNote());
      const lines = [head, vscode.l10n.t('Links: {0}, grouped as in the Issue Links view.', links.length)];
      for (const g of groupLinks(links)) {
        lines.push('', `${groupLabel(g.group.id)}:`);
        for (const link of g.links) lines.push(linkLine(link, key, classify));
      }
      lines.push('', dataNote());
      return textResult(...lines);
    },
  };
}
