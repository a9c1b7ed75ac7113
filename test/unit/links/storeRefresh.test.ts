import { strict as assert } from 'node:assert';
import { startSandbox, type SandboxServer } from '../../sandbox/server';
import { sandboxClient } from '../sandboxClient';
import { LinkStore } from '../../../src/links/store';

describe('LinkStore: a manual refresh (maxAgeMs 0)', () => {
  let sb: SandboxServer;
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());

  it('asks again for a key remembered as "not found" (the tree\'s Retry)', async () => {
    const client = sandboxClient(sb, { retry: { maxRetries: 0 } });
    const cache = new LinkStore(() => client, { notFoundTtlMs: 60_000 });
    const miss = (o?: { maxAgeMs: number }) => cache.getIssue('TREK-99999', o).then(() => assert.fail('expected 404'), () => undefined);
    await miss();
    await miss();
    assert.equal(sb.countRequests({ method: 'GET', path: '/issues/TREK-99999' }), 1);
    await miss({ maxAgeMs: 0 });
    assert.equal(sb.countRequests({ method: 'GET', path: '/issues/TREK-99999' }), 2);
  });
});
