// What git tracks: a worktree links node_modules and .tools to /work/main's; a
// commit that tracks those links replaces the real folders of every checkout it
// lands in (git treats ignored folders as expendable), which broke every build.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

describe('repository: installed tools are not tracked', () => {
  it('git tracks nothing named node_modules, .tools, out or dist at the top', () => {
    let tracked: string[];
    try {
      tracked = execFileSync('git', ['ls-files', '--', 'node_modules', '.tools', 'out', 'dist'], { cwd: root, encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
    } catch {
      return; // not a git checkout (e.g. an unpacked source archive): nothing to check
    }
    assert.deepStrictEqual(tracked, [], 'remove them from the index: git rm --cached node_modules .tools');
  });
});
