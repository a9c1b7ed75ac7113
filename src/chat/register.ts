// Language-model tools for chat and agents: the link graph read and built
// the right way round, through the same services as the UI (the link store,
// the events, the log, the error words). Each tool is declared in
// package.json (`contributes.languageModelTools`, with its input schema) and
// registered here under the same name.

import * as vscode from 'vscode';
import type { Services } from '../kernel/services';
import { getLinksTool } from './getLinks';
import { linkIssuesTool } from './linkIssues';
import { removeLinkTool } from './removeLink';
import { linkEntitiesTool } from './linkEntities';
import { dependencyChainTool } from './dependencyChain';

/** The tools by their names (tests call `prepareInvocation` on them directly). */
export type ChatTools = Record<string, vscode.LanguageModelTool<object>>;

export function registerChatTools(context: vscode.ExtensionContext, services: Services): ChatTools {
  const tools: ChatTools = {
    tracker_getLinks: getLinksTool(services),
    tracker_linkIssues: linkIssuesTool(services),
    tracker_removeLink: removeLinkTool(services),
    tracker_linkEntities: linkEntitiesTool(services),
    tracker_getDependencyChain: dependencyChainTool(services),
  };
  // A host without the language-model API still gets the rest of the extension.
  if (typeof vscode.lm?.registerTool === 'function') {
    for (const [name, tool] of Object.entries(tools)) context.subscriptions.push(vscode.lm.registerTool(name, tool));
  }
  return tools;
}
