#!/usr/bin/env node
'use strict';
// Runs an extension's tests inside a real VS Code extension host: code-server
// (VS Code 1.100 server build, from .tools/) opened in headless Chromium on
//   /?folder=<ws>&payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]]
// The extension host's console (mocha's output) is printed to stdout and the
// process exits with the code VS Code reports (0 pass, non-zero fail).
//
// usage: node scripts/run-vscode.js <extensionDevelopmentPath> <extensionTestsPath> [workspaceFolder]
// env:   TEST_TIMEOUT_MS (default 600000)  whole-run limit; exit code 124 when hit
//        VERBOSE=1                         also print the browser's own console
//        KEEP=1                            keep the temp dirs
//        anything else is passed on to code-server, so the extension host sees it.
//
// Test driver: the extension host cannot type into the workbench (a value set
// on a QuickPick from the extension fires no onDidChangeValue, so live search
// would never run). The tests get TRACKER_TEST_DRIVER=http://127.0.0.1:P/<secret>
// and may POST {"text": "..."} to …/type or {"key": "Enter"} to …/press: real
// keystrokes sent to the page by playwright (see test/integration/helpers.ts),
// into the open quick input unless the body says "quickInput": false;
// {"selector": "..."} to …/text answers the text shown there (null when absent).

const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { startCodeServer, launchChromium, cleanupAll, onCleanup, signalled, withTimeout } = require('./lib/code-server');

const [devPath, testsPath, folderArg] = process.argv.slice(2).map((p) => (p ? path.resolve(p) : p));
if (!devPath || !testsPath) {
  console.error('usage: run-vscode.js <extensionDevelopmentPath> <extensionTestsPath> [workspaceFolder]');
  process.exit(2);
}
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 600000);

const WORKBENCH_NOISE =
  /open-vsx|ENOTFOUND|marketplace|Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Updating additional builtin extensions cache|ChatSessionStore|Overwriting extension <<|Creation of workbench contribution/;

/** One console message of the extension host, without VS Code's styling. */
function extensionHostLine(text) {
  if (!text.includes('[Extension Host]')) return undefined;
  return text
    .replace(/%c/g, '')
    .replace(/^\s*\[Extension Host\]\s?/, '')
    .replace(/\s*color:\s*[^\s;]*;?\s*/g, ' ')
    .replace(/^ +/, '')
    .trimEnd();
}

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-ext-tests-'));
let codeServer;
// Registered first, so it runs last: after Chromium and code-server are gone.
onCleanup(() => {
  if (!process.env.KEEP) fs.rmSync(base, { recursive: true, force: true, maxRetries: 3 });
});

/** The loopback endpoint through which the tests in the extension host drive the page's keyboard. */
async function startDriver(getPage) {
  const secret = crypto.randomBytes(16).toString('hex');
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const send = (status, obj) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      try {
        const page = getPage();
        const m = new RegExp(`^/${secret}/(type|press|text)$`).exec(req.url || '');
        if (req.method !== 'POST' || !m || !page) return send(404, { error: 'no such driver call' });
        const args = JSON.parse(body || '{}');
        if (m[1] === 'text') {
          // What the user reads in the workbench (e.g. a quick pick's "2 Selected" badge).
          const el = page.locator(String(args.selector)).first();
          return send(200, { text: (await el.count()) ? ((await el.textContent()) ?? '') : null });
        }
        // Keystrokes meant for a quick input must not land in an editor while
        // the workbench moves focus between two steps: wait for the widget
        // and give its input the focus first.
        if (args.quickInput !== false) {
          const input = page.locator('.quick-input-widget input.input').first();
          await input.waitFor({ state: 'visible', timeout: 5000 });
          const focused = await input.evaluate((el) => el === document.activeElement);
          if (!focused) await input.focus();
        }
        if (m[1] === 'type') await page.keyboard.type(String(args.text ?? ''), { delay: Number(args.delay ?? 10) });
        else await page.keyboard.press(String(args.key));
        send(200, { ok: true });
      } catch (e) {
        send(500, { error: e instanceof Error ? e.message : String(e) });
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  onCleanup(() => new Promise((r) => server.close(r)));
  server.unref();
  return `http://127.0.0.1:${server.address().port}/${secret}`;
}

async function run() {
  let page;
  const driverUrl = await startDriver(() => page);
  const folder = folderArg || (fs.mkdirSync(path.join(base, 'ws')), path.join(base, 'ws'));
  const cs = (codeServer = await startCodeServer({
    baseDir: path.join(base, 'code-server'),
    env: { TRACKER_TEST_DRIVER: driverUrl },
    onOutput: process.env.VERBOSE ? (s) => process.stderr.write(`[code-server] ${s}`) : undefined,
  }));
  ({ page } = await launchChromium({ profileDir: base }));

  let finish;
  const result = new Promise((r) => (finish = r));
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
  // In a test run the workbench sends the extension host's console (mocha's
  // output) to its log service, which reports here; so do the workbench's own
  // messages, of which the known start-up and offline-gallery noise is dropped.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = (Array.isArray(args) ? args : [args]).map(String).join(' ');
    if (process.env.VERBOSE) console.log(`[${type}]`, text);
    else if (!WORKBENCH_NOISE.test(text)) console.log(text);
  });
  page.on('console', (m) => {
    const line = extensionHostLine(m.text());
    if (line !== undefined) console.log(line);
    else if (process.env.VERBOSE) console.log('[browser]', m.text());
  });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  cs.exited.then((code) => finish(`code-server exited (${code})`));

  const payload = [
    ['extensionDevelopmentPath', cs.remoteUri(devPath)],
    ['extensionTestsPath', cs.remoteUri(testsPath)],
  ];
  await page.goto(cs.folderUrl(folder, payload));
  const code = await result;
  if (typeof code !== 'number') {
    if (!signalled()) console.error(`${code}; its log:\n${cs.output()}`);
    return 1;
  }
  console.log(`Extension tests finished with exit code ${code}`);
  return code;
}

(async () => {
  let code;
  try {
    code = await withTimeout(run(), timeoutMs, 'The extension test run');
  } catch (e) {
    code = /timed out/.test(String(e)) ? 124 : 1;
    if (!signalled()) {
      console.error(e instanceof Error ? e.message : e);
      if (codeServer) console.error(`code-server's log:\n${codeServer.output()}`);
    }
  }
  await cleanupAll();
  process.exit(signalled() ?? code);
})();
