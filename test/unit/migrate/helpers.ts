import * as fs from 'node:fs';
import * as path from 'node:path';

/** The fixtures stay in the source tree (tests run from out/). */
export const FIXTURES = path.resolve(__dirname, '../../../../test/unit/migrate/fixtures');

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}
