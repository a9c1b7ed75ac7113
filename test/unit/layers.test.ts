// The layer rules of eslint.config.mjs fire: each deliberate violation below
// (written as a file in the folder it would live in) is an error, and the
// allowed directions are not. Without this, a typo in a glob would silently
// allow upward imports.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');

async function layerErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers: imports run downwards only (core ← kernel ← features ← extension.ts)', function () {
  this.timeout(60_000);

  const violations: Array<[string, string, RegExp]> = [
    ['src/links/violation.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n", /free of VS Code/],
    ['src/tracker/violation.ts', "import { Settings } from '../kernel/settings';\nexport const v = Settings;\n", /core may not import/],
    ['src/keys/violation.ts', "import { registerHover } from '../editor/register';\nexport const v = registerHover;\n", /core may not import/],
    ['src/kernel/violation.ts', "import { registerAuth } from '../auth/signIn';\nexport const v = registerAuth;\n", /kernel may not import a feature/],
    ['src/kernel/violation.ts', "import { activate } from '../extension';\nexport const v = activate;\n", /kernel may not import/],
    ['src/views/violation.ts', "import { addLink } from '../linking/addLink';\nexport const v = addLink;\n", /not another feature/],
    ['src/linking/violation.ts', "import { activate } from '../extension';\nexport const v = activate;\n", /not the composition root/],
  ];
  for (const [file, code, message] of violations) {
    it(`refuses ${file}: ${code.split('\n')[0]}`, async () => {
      const errors = await layerErrors(file, code);
      assert.equal(errors.length, 1, `expected one layer error, got ${JSON.stringify(errors)}`);
      assert.match(errors[0], message);
    });
  }

  const allowed: Array<[string, string]> = [
    ['src/views/allowed.ts', "import { LinkStore } from '../links/store';\nimport { Settings } from '../kernel/settings';\nexport const v = [LinkStore, Settings];\n"],
    ['src/kernel/allowed.ts', "import { TrackerClient } from '../tracker/client';\nexport const v = TrackerClient;\n"],
    ['src/links/allowed.ts', "import { parseKey } from '../keys/keys';\nexport const v = parseKey;\n"],
  ];
  for (const [file, code] of allowed) {
    it(`allows ${file}: ${code.split('\n')[0]}`, async () => {
      assert.deepEqual(await layerErrors(file, code), []);
    });
  }
});
