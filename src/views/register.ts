import * as vscode from 'vscode';
import type { Services } from '../kernel/services';
import { EntitiesTreeProvider, ENTITIES_VIEW } from './entitiesTree';
import { registerEntityCommands } from './entityCommands';
import { registerIssueItemCommands } from './linkCommands';
import { LinksTreeProvider, LINKS_VIEW } from './linksTree';

/** The tree providers, handed to tests through the test API. */
export interface Views {
  links: LinksTreeProvider;
  entities: EntitiesTreeProvider;
}

/** The links view, the entity links view and the commands on their items. */
export function registerViews(context: vscode.ExtensionContext, services: Services): Views {
  const links = new LinksTreeProvider(services);
  const linksView = vscode.window.createTreeView(LINKS_VIEW, { treeDataProvider: links, showCollapseAll: true });
  links.attach(linksView);

  const entities = new EntitiesTreeProvider(services, context.workspaceState);
  const entitiesView = vscode.window.createTreeView(ENTITIES_VIEW, { treeDataProvider: entities, showCollapseAll: true });
  entities.attach(entitiesView);

  context.subscriptions.push(links, linksView, entities, entitiesView);
  registerIssueItemCommands(context, services, links);
  registerEntityCommands(context, services, entities);
  return { links, entities };
}
