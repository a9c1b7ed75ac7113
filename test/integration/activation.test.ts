import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, getTestApi, waitFor } from './helpers';

interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands: Array<{ command: string }>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    views: Record<string, Array<{ id: string }>>;
  };
}

/** Commands declared in the manifest that VS Code does not know. */
export function missingCommands(declared: readonly string[], registered: readonly string[]): string[] {
  const known = new Set(registered);
  return declared.filter((c) => !known.has(c));
}

describe('Activation', () => {
  let ext: vscode.Extension<unknown>;
  let manifest: Manifest;

  before(() => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not loaded`);
    ext = found;
    // The package.json on disk, not VS Code's (possibly normalised) copy.
    manifest = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as Manifest;
  });

  it('activates on startup, without being asked, and exposes the test API', async () => {
    assert.ok(manifest.activationEvents?.includes('onStartupFinished'));
    await waitFor(() => ext.isActive, 30000, 'the extension to activate on startup');
    const api = await getTestApi();
    assert.strictEqual(typeof api.onDidShowInput, 'function');
    assert.strictEqual(typeof api.hasCredentials, 'function');
  });

  it('registers every command of contributes.commands', async () => {
    await getTestApi();
    const declared = manifest.contributes.commands.map((c) => c.command);
    assert.ok(declared.length > 0, 'package.json declares no commands');
    const registered = await vscode.commands.getCommands(true);
    assert.deepStrictEqual(missingCommands(declared, registered), [], 'declared in package.json but not registered by the extension');
  });

  it('the command check fails when a command is missing', async () => {
    const registered = await vscode.commands.getCommands(true);
    const declared = [...manifest.contributes.commands.map((c) => c.command), 'tracker.noSuchCommand'];
    assert.deepStrictEqual(missingCommands(declared, registered).slice(-1), ['tracker.noSuchCommand']);
  });

  it('contributes the Tracker Links view container and its views', async () => {
    const containers = manifest.contributes.viewsContainers.activitybar.map((c) => c.id);
    assert.deepStrictEqual(containers, ['trackerLinks']);
    const views = manifest.contributes.views.trackerLinks.map((v) => v.id);
    assert.deepStrictEqual(views, ['tracker.links', 'tracker.entities']);
    // The workbench registers a command per contributed container and view.
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of ['workbench.view.extension.trackerLinks', ...views.map((v) => `${v}.focus`)]) {
      assert.ok(registered.has(c), `the workbench has no ${c}: the view is not contributed`);
    }
    await vscode.commands.executeCommand('workbench.view.extension.trackerLinks');
    await vscode.commands.executeCommand('tracker.links.focus');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });
});
