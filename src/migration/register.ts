// The migration feature: `Tracker: Migrate Links from Jira Export…` (palette,
// Explorer on .json/.csv) and the read-only dry run documents it shows.

import * as vscode from 'vscode';
import type { Services } from '../kernel/services';
import { DRY_RUN_SCHEME, DryRunDocuments } from './dryRun';
import { migrateFromJira } from './migrate';

/** Returns the dry run documents (the tests read each version of one). */
export function registerMigration(context: vscode.ExtensionContext, services: Services): DryRunDocuments {
  const docs = new DryRunDocuments();
  context.subscriptions.push(
    docs,
    vscode.workspace.registerTextDocumentContentProvider(DRY_RUN_SCHEME, docs),
    vscode.commands.registerCommand('tracker.migrateFromJira', (uri?: unknown, options?: unknown) => migrateFromJira(services, docs, uri, options)),
  );
  return docs;
}
