// `npm run bench`: prints the figures quoted in README "Performance".
// Benchmarks print numbers; tests never time things.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runScannerBench } from './scanner';
import { treeModelBench, hoverDataBench } from './core';
import { layoutBench } from './graph';
import { machine, printTable, fmtKb, type Row } from './util';

const root = path.resolve(__dirname, '../..');

function sizes(): Row[] {
  // The shipped bundle is the minified production build (vscode:prepublish).
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: root, stdio: 'inherit' });
  const bundle = fs.statSync(path.join(root, 'dist/extension.js')).size;
  const webview = fs.statSync(path.join(root, 'dist/graphView.js')).size;
  const vsix = path.join(root, 'tracker-links.vsix');
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: 'ignore' });
  const rows: Row[] = [
    { section: 'Size', metric: 'dist/extension.js (production)', value: fmtKb(bundle) },
    { section: 'Size', metric: 'dist/graphView.js (the graph webview, production)', value: fmtKb(webview) },
    { section: 'Size', metric: 'tracker-links.vsix', value: fmtKb(fs.statSync(vsix).size) },
  ];
  // Leave a development build behind for the tests and the demo (source maps, readable code).
  execFileSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'inherit' });
  return rows;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (s: string) => !only.length || only.includes(s);
  const rows: Row[] = [];
  if (want('size')) rows.push(...sizes());
  if (want('scanner')) rows.push(...(await runScannerBench()));
  if (want('tree')) rows.push(...(await treeModelBench()));
  if (want('hover')) rows.push(...(await hoverDataBench()));
  if (want('layout')) rows.push(...(await layoutBench()));
  if (want('host')) {
    const { hostBench } = await import('./host');
    rows.push(...(await hostBench()));
  }
  console.log(`\nMachine: ${machine()}\n`);
  printTable(rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
