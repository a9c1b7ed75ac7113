#!/usr/bin/env node
'use strict';
// `npm start`: a real VS Code (code-server, in your browser) with the packaged
// extension installed, signed in to the sandbox Tracker running next to it,
// on a demo workspace (.demo/workspace, branch feature/TREK-12-link-graph).
//
// env: DEMO_PORT     VS Code's port (default 8080; another free one when busy)
//      SANDBOX_PORT  the sandbox Tracker's port (default 8788; another free one when busy)
//      DEMO_SKIP_BUILD=1  reuse the last build (dist, out, tracker-links.vsix)
// Ctrl-C stops everything.

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, CODE_SERVER, CHROMIUM, startCodeServer, onCleanup, cleanupAll, signalled } = require('./lib/code-server');
const { createDemoWorkspace, BRANCH } = require('./lib/workspace');

const VSIX = path.join(ROOT, 'tracker-links.vsix');
const SANDBOX_MAIN = path.join(ROOT, 'out', 'test', 'sandbox', 'main.js');
const step = (m) => console.log(`\n▶ ${m}`);

function sh(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status ?? r.signal})`);
}

function npmRun(script) {
  return spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' }).status === 0;
}

/** Starts `node out/test/sandbox/main.js` and reads its URL, token and organisation from what it prints. */
function startSandbox() {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.PORT;
    if (process.env.SANDBOX_PORT) env.PORT = process.env.SANDBOX_PORT;
    const proc = spawn(process.execPath, [SANDBOX_MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stop = () =>
      new Promise((done) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return done();
        proc.once('exit', () => done());
        try {
          process.kill(-proc.pid, 'SIGTERM');
        } catch {
          done();
        }
        setTimeout(() => {
          try {
            process.kill(-proc.pid, 'SIGKILL');
          } catch {
            // gone
          }
          done();
        }, 3000).unref();
      });
    onCleanup(stop);
    let out = '';
    const info = {};
    proc.stderr.on('data', (d) => (out += d));
    proc.stdout.on('data', (d) => {
      out += d;
      for (const [re, key] of [
        [/Sandbox Tracker: (\S+)/, 'url'],
        [/Demo token: (\S+)/, 'token'],
        [/Org id: (\S+)/, 'orgId'],
        [/Org kind: (\S+)/, 'orgKind'],
      ]) {
        const m = re.exec(out);
        if (m) info[key] = m[1];
      }
      if (info.url && info.token && info.orgId && info.orgKind) resolve({ ...info, proc, stop });
    });
    proc.once('exit', (code) => reject(new Error(`the sandbox exited (${code}):\n${out}`)));
    setTimeout(() => reject(new Error(`the sandbox did not start:\n${out}`)), 30000).unref();
  });
}

async function main() {
  if (!fs.existsSync(CODE_SERVER) || !fs.existsSync(CHROMIUM)) {
    step('Installing the tools (code-server, Chromium) into .tools/ — once, about a minute');
    sh('bash', [path.join(ROOT, 'scripts', 'install-tools.sh')], 'scripts/install-tools.sh');
  }
  if (process.env.DEMO_SKIP_BUILD !== '1') {
    step('Building the extension, the sandbox and the .vsix');
    if (!npmRun('build')) throw new Error('npm run build failed');
    if (!npmRun('compile-tests')) {
      if (!fs.existsSync(SANDBOX_MAIN)) throw new Error('npm run compile-tests failed');
      console.warn('compile-tests reported errors; the sandbox was still emitted, going on.');
    }
    if (!npmRun('package')) throw new Error('npm run package failed');
  }
  for (const f of [VSIX, SANDBOX_MAIN]) if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run without DEMO_SKIP_BUILD`);

  step('Starting the sandbox Tracker');
  const sandbox = await startSandbox();
  console.log(`  ${sandbox.url} (${sandbox.orgKind} organisation ${sandbox.orgId})`);

  const ws = createDemoWorkspace(path.join(ROOT, '.demo', 'workspace'));
  step(`Starting VS Code (code-server) with tracker-links.vsix on the demo workspace (${path.relative(ROOT, ws)}, branch ${BRANCH})`);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-demo-'));
  onCleanup(() => fs.rmSync(base, { recursive: true, force: true, maxRetries: 3 }));
  const cs = await startCodeServer({
    baseDir: path.join(base, 'code-server'),
    port: Number(process.env.DEMO_PORT || 8080),
    vsix: [VSIX],
    settings: {
      'tracker.baseUrl': sandbox.url,
      'tracker.orgKind': sandbox.orgKind,
      'tracker.orgId': sandbox.orgId,
    },
    // Seeded into SecretStorage by the extension, only for a loopback base URL (src/auth/demo.ts).
    env: { TRACKER_SANDBOX_TOKEN: sandbox.token },
    onOutput: process.env.VERBOSE ? (s) => process.stderr.write(`[code-server] ${s}`) : undefined,
  });

  const url = cs.folderUrl(ws);
  console.log(`
────────────────────────────────────────────────────────────────────────
 Tracker Links demo is running. Open in your browser:

   ${url}

 The extension is signed in to the sandbox Tracker (${sandbox.url}).
 Open the "Tracker Links" view in the activity bar: the branch
 ${BRANCH} makes TREK-12 the current issue.
 Try: hover a key in src/linkGraph.ts, "Tracker: Add Link…" from F1.
 Sandbox credentials, for "Tracker: Sign In": organisation ${sandbox.orgId}
 (Yandex 360), token ${sandbox.token}.
${hasCode() ? ' (Desktop VS Code: `code --install-extension tracker-links.vsix`, then set\n  tracker.baseUrl to the sandbox URL and sign in with the values above.)\n' : ''}
 Press Ctrl+C to stop.
────────────────────────────────────────────────────────────────────────`);

  const why = await Promise.race([
    cs.exited.then((c) => `code-server exited (${c})`),
    new Promise((r) => sandbox.proc.once('exit', (c) => r(`the sandbox exited (${c})`))),
  ]);
  if (!signalled()) throw new Error(`${why}\n${cs.output().slice(-4000)}`);
}

function hasCode() {
  return spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
}

main().then(
  async () => {
    await cleanupAll();
    process.exit(signalled() ?? 0);
  },
  async (e) => {
    if (!signalled()) console.error(`\nnpm start failed: ${e instanceof Error ? e.message : e}`);
    await cleanupAll();
    process.exit(signalled() ?? 1);
  },
);
