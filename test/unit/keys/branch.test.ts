import { strict as assert } from 'node:assert';
import { keyFromBranch } from '../../../src/keys/branch';
import { keyOfArgument } from '../../../src/keys/keys';

describe('keyFromBranch', () => {
  const cases: Array<[string | undefined, string | undefined]> = [
    ['feature/TREK-123-login', 'TREK-123'],
    ['TREK-7', 'TREK-7'],
    ['bugfix/web-42_fix-header', 'WEB-42'],
    ['users/anna/MOB-0012-crash', 'MOB-12'],
    ['main', undefined],
    ['release-2026', undefined],
    ['feature/utf-8-names', undefined],
    ['release/1.2.3', undefined],
    [undefined, undefined],
  ];
  for (const [branch, key] of cases) {
    it(`${branch} → ${key}`, () => assert.equal(keyFromBranch(branch), key));
  }
  it('keeps only known queues when they are known', () => {
    assert.equal(keyFromBranch('feature/ABC-1-then-TREK-5', new Set(['TREK'])), 'TREK-5');
    assert.equal(keyFromBranch('feature/ABC-1', new Set(['TREK'])), undefined);
  });
});

describe('keyOfArgument', () => {
  it('reads a key from a string or from anything with a key, and nothing else', () => {
    assert.equal(keyOfArgument('trek-12'), 'TREK-12');
    assert.equal(keyOfArgument({ key: 'WEB-7', summary: 'x' }), 'WEB-7');
    assert.equal(keyOfArgument({ key: 7 }), undefined);
    assert.equal(keyOfArgument(['TREK-1']), undefined);
    assert.equal(keyOfArgument('not a key'), undefined);
    assert.equal(keyOfArgument(undefined), undefined);
  });
});
