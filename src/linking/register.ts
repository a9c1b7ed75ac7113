// The linking flows' one entry point: registers the commands; each flow is a
// function of the shared services and resolves with what it did (tests read
// that; users see the summary notification).

import * as vscode from 'vscode';
import type { Services } from '../kernel/services';
import { addLink } from './addLink';
import { keyFromArg } from './common';
import { importLink } from './importLink';
import { importLinksFromFile } from './importFile';
import { linkEntities } from './linkEntities';

export function registerLinkCommands(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    // Palette: no argument. Tree / hover: a key or an item with `key` = the source.
    vscode.commands.registerCommand('tracker.addLink', (arg?: unknown) => addLink(services, { source: keyFromArg(arg) })),
    // Hover on another key: the current issue is the source, the hovered key the target.
    vscode.commands.registerCommand('tracker.linkToCurrent', (arg?: unknown) => addLink(services, { target: keyFromArg(arg) })),
    vscode.commands.registerCommand('tracker.linkEntities', () => linkEntities(services)),
    vscode.commands.registerCommand('tracker.importLink', (arg?: unknown) => importLink(services, { source: keyFromArg(arg) })),
    vscode.commands.registerCommand('tracker.importLinksFromFile', (uri?: unknown, options?: unknown) => importLinksFromFile(services, uri, options)),
  );
}
