'use strict';
// Runs the real VS Code here: code-server (VS Code's server build, installed
// into .tools/ by scripts/install-tools.sh) opened in headless Chromium
// through playwright-core. Shared by run-vscode.js (extension-host tests),
// demo.js (npm start) and test/ui (screenshots).
//
// Every process started here is killed on every exit path: code-server runs
// in a process group of its own and the whole group is killed; Chromium is
// closed through playwright (which kills its group too). Signals (SIGINT,
// SIGTERM, SIGHUP) run the same clean-up before the process exits.

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CODE_SERVER = process.env.CODE_SERVER || path.join(ROOT, '.tools', 'code-server', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** Without the networking flags Chromium floods a closed network with connection attempts. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** User settings every run starts with: quiet, no trust prompt, no update checks. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.autoRepositoryDetection': true,
  'git.openRepositoryInParentFolders': 'never',
};
/**
 * Environment variables that would change what code-server does: PORT
 * overrides --bind-addr, VSCODE_IPC_HOOK_CLI (set in a VS Code terminal)
 * makes it open the folder in the calling editor instead of starting.
 */
const STRIP_ENV = /^(PORT|PASSWORD|HASHED_PASSWORD|CODE_SERVER_.*|VSCODE_IPC_HOOK.*|VSCODE_CWD|VSCODE_PID|VSCODE_NLS_CONFIG|VSCODE_AMD_ENTRYPOINT|VSCODE_ESM_ENTRYPOINT|VSCODE_HANDLES_.*|VSCODE_CODE_CACHE_PATH|VSCODE_CRASH_REPORTER_.*|VSCODE_GIT_.*|VSCODE_PROXY_URI|ELECTRON_RUN_AS_NODE)$/;

const cleanups = new Set();
const groups = new Set();
let signalsInstalled = false;

/** Registers an async clean-up that runs on exit paths and signals; returns an unregister function. */
function onCleanup(fn) {
  installSignalHandlers();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

let cleaning;
let signalCode;

/** The exit code for the signal that stopped this process, if one did. */
function signalled() {
  return signalCode;
}

/**
 * Runs every registered clean-up once, newest first (at most `ms` in total).
 * A call while one is running waits for that one.
 */
function cleanupAll(ms = 20000) {
  if (!cleaning) cleaning = runCleanups(ms).finally(() => (cleaning = undefined));
  return cleaning;
}

async function runCleanups(ms) {
  const fns = [...cleanups].reverse();
  cleanups.clear();
  const all = (async () => {
    for (const f of fns) {
      try {
        await f();
      } catch (e) {
        process.stderr.write(`clean-up failed: ${e instanceof Error ? e.message : e}\n`);
      }
    }
  })();
  await Promise.race([all, new Promise((r) => setTimeout(r, ms).unref())]);
}

function installSignalHandlers() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  let stopping = 0;
  const handler = (sig) => {
    const code = sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : 129;
    // Ctrl-C reaches both this process and its parent (which may forward it):
    // a repeat does not cut the clean-up short; a third one forces the exit.
    if (stopping++) {
      if (stopping >= 3) process.exit(code);
      return;
    }
    signalCode = code;
    process.stderr.write(`\n${sig}: stopping…\n`);
    cleanupAll().finally(() => process.exit(code));
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, handler);
  // Last resort when the process exits without the async clean-up having run.
  process.on('exit', () => {
    for (const pid of groups) killGroup(pid, 'SIGKILL');
  });
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** `preferred` when it is free on 127.0.0.1, otherwise any free port. */
async function freePort(preferred) {
  if (preferred && (await isPortFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function ensureCodeServer() {
  if (!fs.existsSync(CODE_SERVER)) {
    throw new Error(`code-server is not installed at ${CODE_SERVER}: run "bash scripts/install-tools.sh" first.`);
  }
}

/**
 * Starts code-server on 127.0.0.1 with its own config, user data,
 * extensions and XDG directories under `baseDir` (a new temp dir by default).
 *
 * @param {object} [o]
 * @param {string} [o.baseDir] where the isolated dirs go (created; removed on stop unless keepDirs)
 * @param {boolean} [o.keepDirs]
 * @param {number} [o.port] preferred port; another free one is taken when it is busy
 * @param {Record<string, unknown>} [o.settings] user settings added to BASE_SETTINGS
 * @param {Record<string, string>} [o.env] extra environment for code-server and its extension host
 * @param {string[]} [o.vsix] .vsix files installed before start
 * @param {(chunk: string) => void} [o.onOutput] code-server's own stdout/stderr
 * @param {number} [o.startTimeoutMs]
 */
async function startCodeServer(o = {}) {
  ensureCodeServer();
  const baseDir = o.baseDir ? path.resolve(o.baseDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-vscode-'));
  const dirs = {
    base: baseDir,
    config: path.join(baseDir, 'config.yaml'),
    userData: path.join(baseDir, 'user-data'),
    extensions: path.join(baseDir, 'extensions'),
    xdg: path.join(baseDir, 'xdg'),
  };
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensions, { recursive: true });
  for (const d of ['config', 'data', 'cache', 'state']) fs.mkdirSync(path.join(dirs.xdg, d), { recursive: true });
  fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...(o.settings || {}) }, null, 2),
  );

  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!STRIP_ENV.test(k)) env[k] = v;
  Object.assign(env, {
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    XDG_STATE_HOME: path.join(dirs.xdg, 'state'),
    ...(o.env || {}),
  });
  const dirArgs = ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  for (const vsix of o.vsix || []) {
    const r = spawnSync(CODE_SERVER, [...dirArgs, '--install-extension', path.resolve(vsix), '--force'], {
      env,
      encoding: 'utf8',
      timeout: 120000,
      killSignal: 'SIGKILL',
    });
    if (r.status !== 0) {
      throw new Error(`code-server --install-extension ${vsix} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    }
  }

  const port = await freePort(o.port);
  const proc = spawn(
    CODE_SERVER,
    [
      ...dirArgs,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-file-downloads',
      ...(process.env.CS_EXTRA_ARGS || '').split(' ').filter(Boolean),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  groups.add(proc.pid);
  let output = '';
  let exited = false;
  const exitedP = new Promise((resolve) => proc.once('exit', (code, signal) => {
    exited = true;
    resolve(code ?? signal);
  }));
  const onData = (d) => {
    const s = d.toString();
    output = (output + s).slice(-200000);
    if (o.onOutput) o.onOutput(s);
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);

  let stopped;
  const stop = () => {
    if (!stopped) {
      stopped = (async () => {
        unregister();
        if (!exited) killGroup(proc.pid, 'SIGTERM');
        await Promise.race([exitedP, new Promise((r) => setTimeout(r, 5000).unref())]);
        // The server's children (extension host, pty host, file watcher) share the group.
        killGroup(proc.pid, 'SIGKILL');
        for (let i = 0; i < 40 && killGroup(proc.pid, 0); i++) await new Promise((r) => setTimeout(r, 50));
        groups.delete(proc.pid);
        if (!o.keepDirs && !process.env.KEEP) fs.rmSync(baseDir, { recursive: true, force: true });
      })();
    }
    return stopped;
  };
  const unregister = onCleanup(stop);

  const started = Date.now();
  const limit = o.startTimeoutMs || 60000;
  while (!/HTTP server listening/.test(output)) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited before listening:\n${output}`);
    }
    if (Date.now() - started > limit) {
      await stop();
      throw new Error(`code-server did not start within ${limit} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    port,
    url,
    dirs,
    proc,
    output: () => output,
    exited: exitedP,
    stop,
    /** The workbench URL for a folder, optionally with a test/dev payload. */
    folderUrl(folder, payload) {
      let u = `${url}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    /** A path on this machine as the workbench's remote URI. */
    remoteUri(p) {
      return `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
    },
  };
}

/**
 * Opens headless Chromium with a fresh profile. Close it with `close()`
 * (also run on signals and on exit paths that go through cleanupAll).
 *
 * @param {object} [o]
 * @param {{width: number, height: number}} [o.viewport]
 * @param {string} [o.profileDir] parent dir of the throwaway profile
 */
async function launchChromium(o = {}) {
  const { chromium } = require('playwright-core');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run "bash scripts/install-tools.sh" first.`);
  const parent = o.profileDir || os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  const profile = fs.mkdtempSync(path.join(parent, 'chromium-'));
  const context = await withTimeout(
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: o.viewport || { width: 1400, height: 900 },
      args: CHROMIUM_ARGS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 60000,
    }),
    90000,
    'Launching Chromium',
  );
  let closed;
  const close = () => {
    if (!closed) {
      closed = (async () => {
        unregister();
        await withTimeout(context.close(), 10000, 'Closing Chromium').catch(() => {
          const pid = context.browser()?.process?.()?.pid;
          if (pid) killGroup(pid, 'SIGKILL');
        });
        fs.rmSync(profile, { recursive: true, force: true });
      })();
    }
    return closed;
  };
  const unregister = onCleanup(close);
  const page = context.pages()[0] || (await context.newPage());
  return { context, page, close };
}

module.exports = {
  ROOT,
  CODE_SERVER,
  CHROMIUM,
  CHROMIUM_ARGS,
  BASE_SETTINGS,
  freePort,
  withTimeout,
  startCodeServer,
  launchChromium,
  onCleanup,
  cleanupAll,
  signalled,
};
