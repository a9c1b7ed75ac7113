// Entry point of the extension-host tests (`npm run test:integration`).
//
// Uses @vscode/test-electron's standard runTests(). This machine cannot
// download VS Code, so by default the "VS Code executable" is
// scripts/code-shim.sh, which runs the same tests in code-server (the real VS
// Code server build with its real extension host) in headless Chromium. On a
// desktop with VS Code installed, VSCODE_EXECUTABLE=/path/to/code runs them
// in that VS Code instead, unchanged.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT as root, workspace } from '../harness/tools';

const codeServer = path.join(root, '.tools', 'code-server', 'node_modules', '.bin', 'code-server');

/** A throwaway copy of the demo workspace: a git repo on feature/TREK-12-link-graph whose files mention sandbox keys. */
function createWorkspace(): string {
  return workspace.createDemoWorkspace(fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-it-ws-')), { fresh: true });
}

async function main(): Promise<number> {
  let executable = process.env.VSCODE_EXECUTABLE;
  if (!executable) {
    if (!fs.existsSync(codeServer)) {
      console.log('code-server is missing: running scripts/install-tools.sh');
      const r = spawnSync('bash', [path.join(root, 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`scripts/install-tools.sh failed (${r.status ?? r.signal})`);
    }
    executable = path.join(root, 'scripts', 'code-shim.sh');
  }
  const ws = createWorkspace();
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [ws],
    });
    return 0;
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Extension-host tests failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
