// Loaded by VS Code inside the extension host (extensionTestsPath): runs every
// out/test/integration/**/*.test.js with mocha and rejects when a test fails,
// which makes VS Code exit with a non-zero code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findTests(p));
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

export async function run(): Promise<void> {
  // The extension host forwards console.log to the workbench unformatted, so
  // mocha's "%d passing" would arrive as a raw format string: format it here.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.MOCHA_TIMEOUT_MS || 30000),
    grep: process.env.MOCHA_GREP || undefined,
  });
  for (const f of findTests(__dirname)) mocha.addFile(f);
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run((n) => resolve(n));
    } catch (e) {
      reject(e);
    }
  });
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed.`);
}
