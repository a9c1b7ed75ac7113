import * as assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/server';
import { call, errorOf, useSandbox } from './helpers';

describe('sandbox: auth and organisation (yandex360)', () => {
  const sb = useSandbox();

  it('answers /myself with a valid OAuth token and X-Org-ID, as the one-element array of get-user-info.md', async () => {
    const r = await call(sb(), 'GET', '/v2/myself');
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(r.json) && r.json.length === 1);
    const [me] = r.json as Array<{ uid: number; login: string; display: string; email: string }>;
    assert.equal(me.uid, 1120000000001234);
    assert.equal(me.login, 'sandbox.user');
    assert.equal(me.display, 'Sandbox User');
    assert.ok(me.email.includes('@'));
  });

  it('serves the same paths under /v3', async () => {
    assert.equal((await call(sb(), 'GET', '/v3/myself')).status, 200);
  });

  it('rejects a missing token with 401 and the Tracker error body', async () => {
    const r = await call(sb(), 'GET', '/v2/myself', { bare: true, headers: { 'X-Org-ID': sb().orgId } });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, { errors: {}, errorMessages: ['Not authorized'], statusCode: 401 });
  });

  it('rejects an unknown token and an unknown scheme with 401', async () => {
    const org = { 'X-Org-ID': sb().orgId };
    for (const auth of ['OAuth nope', `Basic ${sb().token}`, sb().token, 'OAuth']) {
      const r = await call(sb(), 'GET', '/v2/myself', { bare: true, headers: { Authorization: auth, ...org } });
      assert.equal(r.status, 401, auth);
    }
  });

  it('accepts the OAuth scheme case-insensitively', async () => {
    const r = await call(sb(), 'GET', '/v2/myself', { bare: true, headers: { Authorization: `oauth ${sb().token}`, 'X-Org-ID': sb().orgId } });
    assert.equal(r.status, 200);
  });

  it('rejects an IAM token in a Yandex 360 organisation (Bearer needs X-Cloud-Org-ID)', async () => {
    const r = await call(sb(), 'GET', '/v2/myself', { bare: true, headers: { Authorization: `Bearer ${sb().iamToken}`, 'X-Org-ID': sb().orgId } });
    assert.equal(r.status, 401);
  });

  it('answers 403 for a wrong org id, a wrong header kind, both headers or none', async () => {
    const auth = { Authorization: `OAuth ${sb().token}` };
    const cases: Array<Record<string, string>> = [
      { 'X-Org-ID': '123' },
      { 'X-Cloud-Org-ID': sb().orgId },
      { 'X-Org-ID': sb().orgId, 'X-Cloud-Org-ID': sb().orgId },
      {},
    ];
    for (const org of cases) {
      const r = await call(sb(), 'GET', '/v2/myself', { bare: true, headers: { ...auth, ...org } });
      assert.equal(r.status, 403, JSON.stringify(org));
      assert.equal(errorOf(r).statusCode, 403);
      assert.ok(errorOf(r).errorMessages[0]);
    }
  });

  it('checks auth before the organisation', async () => {
    const r = await call(sb(), 'GET', '/v2/myself', { bare: true });
    assert.equal(r.status, 401);
  });

  it('answers 404 for unknown routes, with and without a version', async () => {
    for (const path of ['/v2/nothing', '/v2/issues/TREK-1/comments', '/nothing', '/v1/myself', '/']) {
      const r = await call(sb(), 'GET', path);
      assert.equal(r.status, 404, path);
      assert.equal(errorOf(r).statusCode, 404);
    }
    assert.equal((await call(sb(), 'DELETE', '/v2/myself')).status, 404);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const r = await call(sb(), 'POST', '/v2/issues/TREK-12/links', { rawBody: '{"relationship": ' });
    assert.equal(r.status, 400);
    assert.equal(errorOf(r).statusCode, 400);
  });

  it('never crashes on odd input', async () => {
    assert.equal((await call(sb(), 'GET', '/v2/issues/%E0%A4%A')).status, 400);
    assert.equal((await call(sb(), 'POST', '/v2/issues/_search', { body: null })).status, 400);
    assert.equal((await call(sb(), 'POST', '/v2/issues/_search', { body: [1, 2] })).status, 400);
    assert.equal((await call(sb(), 'POST', '/v2/issues/TREK-12/links', { body: 'relates' })).status, 400);
    assert.equal((await call(sb(), 'GET', '/v2/queues?perPage=abc')).status, 400);
    assert.equal((await call(sb(), 'GET', '/v2/myself')).status, 200);
  });
});

describe('sandbox: auth and organisation (cloud)', () => {
  const sb = useSandbox({ orgKind: 'cloud' });

  it('uses the default cloud org id', () => {
    assert.equal(sb().orgId, 'bpfsandbox0000000001');
    assert.equal(sb().orgKind, 'cloud');
  });

  it('accepts an IAM token with X-Cloud-Org-ID', async () => {
    const r = await call(sb(), 'GET', '/v2/myself', { bare: true, headers: { Authorization: `Bearer ${sb().iamToken}`, 'X-Cloud-Org-ID': sb().orgId } });
    assert.equal(r.status, 200);
  });

  it('accepts an OAuth token with X-Cloud-Org-ID', async () => {
    const r = await call(sb(), 'GET', '/v2/myself', { bare: true, headers: { Authorization: `OAuth ${sb().token}`, 'X-Cloud-Org-ID': sb().orgId } });
    assert.equal(r.status, 200);
  });

  it('answers 403 to X-Org-ID in a cloud organisation', async () => {
    const r = await call(sb(), 'GET', '/v2/myself', { bare: true, headers: { Authorization: `OAuth ${sb().token}`, 'X-Org-ID': sb().orgId } });
    assert.equal(r.status, 403);
  });

  it('rejects an unknown IAM token with 401', async () => {
    const r = await call(sb(), 'GET', '/v2/myself', { bare: true, headers: { Authorization: 'Bearer expired', 'X-Cloud-Org-ID': sb().orgId } });
    assert.equal(r.status, 401);
  });
});

describe('sandbox: options', () => {
  it('honours custom tokens and org id, and seed: false', async () => {
    const s = await startSandbox({ token: 't1', orgId: '42', seed: false });
    try {
      assert.equal(s.token, 't1');
      assert.equal(s.orgId, '42');
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const r = await call(s, 'GET', '/v2/issues/TREK-1');
      assert.equal(r.status, 404);
      assert.equal((await call(s, 'GET', '/v2/queues')).status, 200);
    } finally {
      await s.close();
    }
  });
});
