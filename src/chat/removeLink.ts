// tracker_removeLink: the link named by its two keys and its relationship
// (read from the first issue) is found in the first issue's links and
// removed through the link store, after a confirmation in the same words as
// the view's Remove Link. When there is no such link, the result lists the
// links there are between the two issues: a model that got the direction
// wrong sees the right one.

import * as vscode from 'vscode';
import { findIssueLink } from '../links/outcome';
import { isIssueRelationship, RELATIONSHIPS } from '../links/relationships';
import { describeError } from '../kernel/errors';
import { linkNotRemovedText, linkRemovedText, removeLinkQuestion } from '../kernel/prompts';
import { selfLinkText } from '../kernel/linkOutcome';
import { linkSentence, relationshipSentence } from '../kernel/linkWords';
import type { Services } from '../kernel/services';
import type { IssueLink, IssueRelationship } from '../tracker/types';
import { asInput, BadInput, confirmation, readKey, requireString, signalOf, signInProblem, textResult, gateAndRead, readForConfirmation, notARelationship, checkingRequestText, linksNotReadResult } from './common';

interface RemoveLinkInput {
  issueKey: string;
  relationship: string;
  otherKey: string;
}

interface Request {
  from: string;
  relationship: IssueRelationship;
  to: string;
}

function readRemoveLink(raw: unknown): Request {
  const input = asInput(raw);
  const from = readKey(input, 'issueKey');
  const value = requireString(input, 'relationship');
  if (!isIssueRelationship(value)) {
    throw notARelationship(value, RELATIONSHIPS.map((r) => r.value));
  }
  const to = readKey(input, 'otherKey');
  if (to === from) throw new BadInput(selfLinkText(from));
  return { from, relationship: value, to };
}

/** The links listed on `from` whose other side is `to`. */
function between(links: readonly IssueLink[], to: string): IssueLink[] {
  return links.filter((l) => l.object?.key?.toUpperCase() === to);
}

export function removeLinkTool(s: Services): vscode.LanguageModelTool<RemoveLinkInput> {
  const find = async (r: Request, signal: AbortSignal) => {
    const links = await s.store.getLinks(r.from, { signal });
    return { links, link: findIssueLink(links, r.relationship, r.to) };
  };

  return {
    async prepareInvocation(options, token) {
      const r = readForConfirmation(() => readRemoveLink(options.input));
      if (!r) return { invocationMessage: checkingRequestText() };
      const sentence = relationshipSentence(r.relationship, r.from, r.to);
      const invocationMessage = vscode.l10n.t('Removing the link "{0}"…', sentence);
      if (await signInProblem(s)) return { invocationMessage };
      try {
        // No such link: nothing will be sent, nothing to confirm.
        if (!(await find(r, signalOf(token))).link) return { invocationMessage };
      } catch {
        return { invocationMessage };
      }
      const question = removeLinkQuestion(sentence, 'issues');
      return {
        invocationMessage,
        confirmationMessages: confirmation(vscode.l10n.t('Remove a link in Tracker?'), [question.message, question.detail]),
      };
    },

    async invoke(options, token) {
      const read = await gateAndRead(s, () => readRemoveLink(options.input));
      if (read.result) return read.result;
      const r = read.request;
      const sentence = relationshipSentence(r.relationship, r.from, r.to);
      let found: Awaited<ReturnType<typeof find>>;
      try {
        found = await find(r, signalOf(token));
      } catch (e) {
        s.errors.logDetails(e, `Chat tool: links of ${r.from}`);
        return linksNotReadResult(r.from, e);
      }
      if (!found.link) {
        const others = between(found.links, r.to).map((l) => linkSentence(l, r.from, r.to));
        return textResult(
          vscode.l10n.t('There is no link "{0}": nothing was removed.', sentence),
          others.length
            ? vscode.l10n.t('The links between {0} and {1}: {2}.', r.from, r.to, others.join('; '))
            : vscode.l10n.t('{0} and {1} are not linked at all.', r.from, r.to),
        );
      }
      try {
        // No signal: a DELETE once sent is not cut off.
        await s.store.remove(r.from, found.link);
      } catch (e) {
        s.errors.logDetails(e, `Chat tool: remove link ${found.link.id} of ${r.from}`);
        return textResult(`${linkNotRemovedText()} ${describeError(e)}`);
      }
      s.log.info(`Removed (chat tool): ${r.from} ${r.relationship} ${r.to}`);
      return textResult(linkRemovedText(sentence));
    },
  };
}
