// Starts the real VS Code (code-server in headless Chromium) with
// bench/host/index.ts as its "test" entry, and turns its BENCH_JSON line into
// table rows.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, workspace } from '../test/harness/tools';
import { fmtMs, type Row } from './util';

export async function hostBench(): Promise<Row[]> {
  const ws = workspace.createDemoWorkspace(fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-bench-ws-')), { fresh: true });
  const entry = path.join(ROOT, 'out', 'bench', 'host', 'index.js');
  let out = '';
  const code = await new Promise<number>((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'scripts', 'run-vscode.js'), ROOT, entry, ws], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (c) => resolve(c ?? 1));
  });
  fs.rmSync(ws, { recursive: true, force: true });
  out.split('\n').filter((l) => l.includes('idle requests:') || l.includes('add link requests:')).forEach((l) => console.log(l.trim()));
  const line = out.split('\n').find((l) => l.includes('BENCH_JSON '));
  if (!line) throw new Error(`the extension-host benchmark printed no result (exit ${code}):\n${out.slice(-3000)}`);
  const r = JSON.parse(line.slice(line.indexOf('BENCH_JSON ') + 11)) as Record<string, number>;
  const req = (n: number | undefined) => (n === undefined ? 'n/a' : `${n} requests`);
  return [
    { section: 'Extension host', metric: 'activate() (signed out, view closed)', value: fmtMs(r.activationMs), note: 'code-server 1.100.3' },
    { section: 'Extension host', metric: 'requests in 1.5 s idle, view closed', value: req(r.idleRequestsViewClosed), note: 'signed in, branch issue current' },
    { section: 'Extension host', metric: 'open the links view → tree ready', value: fmtMs(r.openViewMs), note: req(r.openViewRequests) },
    { section: 'Extension host', metric: 'refresh the links view', value: fmtMs(r.refreshMedianMs), note: 'median of 7' },
    { section: 'Requests per action', metric: 'refresh the links view (target 1)', value: req(r.refreshRequests), note: 'the links; the issue while fresh in the store' },
    { section: 'Requests per action', metric: 'hover a key, first time (target ≤ 2, parallel)', value: req(r.hoverFirstRequests), note: `${fmtMs(r.hoverFirstMs)}; the issue itself was read by the stale-key check when the file was shown` },
    { section: 'Requests per action', metric: 'hover the same key again (target 0)', value: req(r.hoverRepeatRequests), note: fmtMs(r.hoverRepeatMs) },
    { section: 'Requests per action', metric: 'add a link from the hover (target 1)', value: req(r.addLinkRequests), note: 'the POST; the tree updates from the store' },
    { section: 'Requests per action', metric: 'remove a link (target 1)', value: req(r.removeRequests) },
    { section: 'Requests per action', metric: 'undo the removal (target 1)', value: req(r.undoRequests) },
    {
      section: 'Link graph',
      metric: 'command → first painted graph, depth 3 (sandbox with 50 ms latency)',
      value: fmtMs(r.graphPaintMs),
      note: `${req(r.graphRequests)}, ${r.graphNodes} issues, at most 4 in flight`,
    },
  ];
}
