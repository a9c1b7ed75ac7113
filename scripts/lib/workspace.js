'use strict';
// The demo workspace (npm start, UI checks, extension-host tests): a small git
// repository on the branch feature/TREK-12-link-graph whose files, in several
// languages, mention issues of the sandbox Tracker in comments.

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const BRANCH = 'feature/TREK-12-link-graph';

const FILES = {
  'README.md': [
    '# Link graph demo',
    '',
    'Work in progress on TREK-12 (show linked issues in the sidebar tree).',
    'It is blocked by TREK-11 and TREK-14; the mobile side is MOB-4.',
    '',
  ].join('\n'),
  'src/linkGraph.ts': [
    "import { layout } from './layout';",
    '',
    '// TODO(TREK-12): group the links by relationship before drawing them.',
    'export function drawLinks(keys: string[]): string[] {',
    '  // see TREK-14: the API answers links of one issue per request',
    '  return layout(keys);',
    '}',
    '',
    'export const note = "TREK-99 is not a comment";',
    '',
  ].join('\n'),
  'src/layout.ts': [
    '/* TREK-15: the layout must not loop on cycles (TREK-12 → TREK-14 → TREK-15). */',
    'export function layout(keys: string[]): string[] {',
    '  return [...new Set(keys)].sort();',
    '}',
    '',
  ].join('\n'),
  'scripts/sync_links.py': [
    '#!/usr/bin/env python3',
    '# see TREK-14 for the import format; WEB-7 has the web side of it',
    'import json',
    '',
    '',
    'def main():',
    '    print(json.dumps({"issue": "TREK-12"}))  # TREK-12 is the showcase issue',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ].join('\n'),
  'server/links.go': [
    'package server',
    '',
    '// LinkTypes lists the relationships; TREK-16 adds the "epic" ones.',
    'func LinkTypes() []string {',
    '\treturn []string{"relates", "depends on"} // MOB-4: keep in sync with the app',
    '}',
    '',
  ].join('\n'),
  'deploy/pipeline.yaml': [
    '# OPS-4: back up the queue settings every night',
    'stages:',
    '  - build',
    '  - test',
    '',
  ].join('\n'),
};

function git(cwd, ...args) {
  const r = spawnSync(
    'git',
    ['-c', 'user.name=Tracker Links Demo', '-c', 'user.email=demo@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args],
    { cwd, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${r.stderr || r.error}`);
  return r.stdout.trim();
}

/**
 * Creates the demo workspace in `dir` (a git repo on BRANCH). An existing
 * workspace is kept as it is unless `fresh` is set, so demo edits survive a
 * restart.
 *
 * @param {string} dir
 * @param {{ fresh?: boolean }} [o]
 * @returns {string} the absolute path
 */
function createDemoWorkspace(dir, o = {}) {
  const ws = path.resolve(dir);
  if (fs.existsSync(path.join(ws, '.git')) && !o.fresh) return ws;
  fs.rmSync(ws, { recursive: true, force: true });
  for (const [rel, text] of Object.entries(FILES)) {
    const file = path.join(ws, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  git(ws, 'init', '-q');
  git(ws, 'add', '.');
  git(ws, 'commit', '-q', '-m', 'Link graph: first sketch');
  git(ws, 'checkout', '-q', '-b', BRANCH);
  return ws;
}

module.exports = { createDemoWorkspace, BRANCH, FILES };
