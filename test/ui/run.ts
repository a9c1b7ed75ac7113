// Browser UI checks (`npm run test:ui`): the packaged extension
// (tracker-links.vsix) installed into code-server, pointed at an in-process
// sandbox Tracker, driven in headless Chromium (1400x900) by keyboard and
// mouse. Each flow of ./flows asserts on what is on screen and saves PNGs
// under .ui-shots/.
//
// --stable               only the flows that passed ten runs in a row (STABLE_FLOWS)
// env: UI_FLOWS=name,name  run only these flows (the ones before them still run when they are listed)
//      UI_TIMEOUT_MS       whole-run limit (default 600000)
//      VERBOSE=1           code-server's and the browser's logs
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { ROOT, tools, workspace } from '../harness/tools';
import { SHOTS_DIR, screenshot, type UiContext } from './ui';
import { STABLE_FLOWS, flows } from './flows';

const VSIX = path.join(ROOT, 'tracker-links.vsix');

async function run(): Promise<number> {
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run "npm run package" (npm run test:ui does).`);
  if (!fs.existsSync(tools.CODE_SERVER) || !fs.existsSync(tools.CHROMIUM)) {
    const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('scripts/install-tools.sh failed');
  }
  const only = process.argv.includes('--stable')
    ? [...STABLE_FLOWS]
    : (process.env.UI_FLOWS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const selected = only.length ? flows.filter((f) => only.includes(f.name)) : flows;
  if (!selected.length) throw new Error(`No UI flow named ${only.join(', ')}; there are: ${flows.map((f) => f.name).join(', ')}`);

  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-ui-'));
  tools.onCleanup(() => {
    if (!process.env.KEEP) fs.rmSync(base, { recursive: true, force: true, maxRetries: 3 });
  });
  const sandbox = await startSandbox();
  tools.onCleanup(() => sandbox.close());
  const ws = workspace.createDemoWorkspace(path.join(base, 'workspace'), { fresh: true });
  const codeServer = await tools.startCodeServer({
    baseDir: path.join(base, 'code-server'),
    vsix: [VSIX],
    settings: { 'tracker.baseUrl': sandbox.url, 'tracker.orgKind': sandbox.orgKind, 'tracker.orgId': sandbox.orgId },
    onOutput: process.env.VERBOSE ? (s) => process.stderr.write(`[code-server] ${s}`) : undefined,
  });
  const { page } = await tools.launchChromium({ viewport: { width: 1400, height: 900 }, profileDir: base });
  if (process.env.VERBOSE) page.on('console', (m) => console.log('[browser]', m.text()));
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));

  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  // A failure shot of an earlier run would tell a stale story.
  for (const f of selected) fs.rmSync(path.join(SHOTS_DIR, `FAILED-${f.name}.png`), { force: true });
  const ctx: UiContext = {
    page,
    sandbox,
    codeServer,
    workspace: ws,
    screenshot: async (name) => {
      const file = await screenshot(page, name);
      console.log(`    screenshot ${path.relative(ROOT, file)}`);
      return file;
    },
    log: (m) => console.log(`    ${m}`),
  };

  const t0 = Date.now();
  await page.goto(codeServer.folderUrl(ws));
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
  // The extension is loaded once its activity bar entry is there.
  await page.locator('.activitybar a.action-label[aria-label^="Tracker Links"]').first().waitFor({ state: 'visible', timeout: 60000 });
  console.log(`Workbench with Tracker Links ready in ${Date.now() - t0} ms (${codeServer.url}, sandbox ${sandbox.url})`);

  let failed = 0;
  for (const flow of selected) {
    const started = Date.now();
    console.log(`  ${flow.name}`);
    try {
      await tools.withTimeout(flow.run(ctx), flow.timeoutMs ?? 120000, `UI flow "${flow.name}"`);
      console.log(`  ✔ ${flow.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`  ✘ ${flow.name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      await ctx.screenshot(`FAILED-${flow.name}`).catch(() => undefined);
      break; // later flows rely on the earlier ones
    }
  }
  console.log(failed ? `\nUI checks: ${failed} failed` : `\nUI checks: ${selected.length} passed`);
  return failed ? 1 : 0;
}

(async () => {
  let code: number;
  try {
    code = await tools.withTimeout(run(), Number(process.env.UI_TIMEOUT_MS || 600000), 'The UI checks');
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    code = /timed out/.test(String(e)) ? 124 : 1;
  }
  await tools.cleanupAll();
  process.exit(tools.signalled() ?? code);
})();
