import * as vscode from 'vscode';
import { Settings } from './settings/settings';
import { CredentialStore } from './auth/credentials';
import { registerAuth } from './auth/signIn';
import { Connection } from './services/connection';
import { QuickInputs, type ShownInput } from './pick/quickInput';
import { ErrorReporter } from './util/errors';
import { seedDemoCredentials } from './auth/demo';

/** What tests may observe; exported only when VS Code runs the extension's tests. */
export interface TrackerTestApi {
  onDidShowInput: vscode.Event<ShownInput>;
}

/**
 * The composition root: builds each service once and hands it to the
 * features through their register functions. Activation does no network
 * work; features load data when they are first shown or used.
 */
export async function activate(context: vscode.ExtensionContext): Promise<{ testing?: TrackerTestApi }> {
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0.0.0');
  const log = vscode.window.createOutputChannel('Tracker', { log: true });
  const settings = new Settings();
  const credentials = new CredentialStore(context.secrets);
  const connection = new Connection(settings, credentials, log, `TrackerLinks-VSCode/${version}`);
  const inputs = new QuickInputs();
  const errors = new ErrorReporter(log);
  context.subscriptions.push(log, settings, credentials, connection, inputs);

  await seedDemoCredentials(settings, credentials, log);

  const deps = { settings, credentials, connection, inputs, errors, log };
  registerAuth(context, deps);
  context.subscriptions.push(vscode.commands.registerCommand('tracker.showLog', () => log.show()));

  return context.extensionMode === vscode.ExtensionMode.Test ? { testing: { onDidShowInput: inputs.onDidShow } } : {};
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
