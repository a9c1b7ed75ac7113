import { strict as assert } from 'node:assert';
import { startSandbox, type SandboxServer } from '../../sandbox/server';
import { sandboxClient } from '../sandboxClient';
import { TrackerClient } from '../../../src/tracker/client';

describe('fresh reads (a check after a write)', () => {
  let sb: SandboxServer;
  let client: TrackerClient;
  before(async () => {
    sb = await startSandbox();
    client = sandboxClient(sb);
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it('identical reads in flight share one request, but a fresh one asks anew', async () => {
    sb.setFaults({ latencyMs: 80 });
    await Promise.all([client.getIssueLinks('TREK-12'), client.getIssueLinks('TREK-12')]);
    assert.equal(sb.countRequests({ method: 'GET', path: '/issues/TREK-12/links' }), 1);
    await Promise.all([client.getIssueLinks('TREK-12'), client.getIssueLinks('TREK-12', { fresh: true })]);
    assert.equal(sb.countRequests({ method: 'GET', path: '/issues/TREK-12/links' }), 3);
    await Promise.all([client.getEntityLinks('project', '1'), client.getEntityLinks('project', '1', { fresh: true })]);
    assert.equal(sb.countRequests({ method: 'GET', path: '/entities/project/1/links' }), 2);
  });
});
