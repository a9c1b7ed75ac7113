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

const root = path.resolve(__dirname, '..', '..', '..');
const codeServer = path.join(root, '.tools', 'code-server', 'node_modules', '.bin', 'code-server');

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=Tracker Links Tests', '-c', 'user.email=tests@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr || r.error}`);
}

/** A throwaway workspace: a git repo on a branch naming a sandbox issue, with a few files mentioning keys. */
export function createWorkspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-it-ws-'));
  const files: Record<string, string> = {
    'README.md': '# Integration workspace\n\nWork on TREK-12 (see also TREK-14).\n',
    'src/graph.ts': '// TODO(TREK-12): show linked issues in the sidebar\nexport const blocker = "TREK-99 is not a comment";\n',
    'scripts/sync.py': '# see TREK-14\nprint("MOB-4")\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  }
  git(ws, 'init', '-q', '-b', 'main');
  git(ws, 'add', '.');
  git(ws, 'commit', '-q', '-m', 'Initial commit');
  git(ws, 'checkout', '-q', '-b', 'feature/TREK-12-link-graph');
  return ws;
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
