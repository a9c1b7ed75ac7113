import * as assert from 'node:assert/strict';
import { call, goodHeaders, useSandbox } from './helpers';

// `afterHandling`: the request is handled (a create is stored), then the
// answer is lost — the ambiguous case a client must not repeat blindly.
describe('sandbox: faults after handling (the answer is lost, the change is not)', () => {
  const sb = useSandbox();
  const post = (key: string, other: string) =>
    fetch(`${sb().url}/v2/issues/${key}/links`, {
      method: 'POST',
      headers: { ...goodHeaders(sb()), 'Content-Type': 'application/json' },
      body: JSON.stringify({ relationship: 'relates', issue: other }),
    });

  it('drop: the link is created, the connection is destroyed without an answer', async () => {
    sb().setFaults({ afterHandling: { count: 1, kind: 'drop' } });
    await assert.rejects(post('TREK-23', 'OPS-4'));
    assert.deepEqual(sb().linksOf('TREK-23').map((l) => [l.relationship, l.other]), [['relates', 'OPS-4']]);
    const [rec] = sb().requests;
    assert.deepEqual([rec.method, rec.status, rec.handledStatus], ['POST', 0, 201]);
    // Used up: the next request is answered normally.
    assert.equal((await call(sb(), 'GET', '/v2/issues/TREK-23/links')).status, 200);
  });

  it('status: 503 and 504 with a JSON error body, 502 with an HTML page, each after the link was stored', async () => {
    sb().setFaults({ afterHandling: { count: 1, kind: 'status' } });
    const r503 = await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'OPS-4' } });
    assert.equal(r503.status, 503);
    assert.equal((r503.json as { statusCode: number }).statusCode, 503);
    sb().setFaults({ afterHandling: { count: 1, kind: 'status', status: 504 } });
    const r504 = await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'depends on', issue: 'TREK-12' } });
    assert.equal(r504.status, 504);
    sb().setFaults({ afterHandling: { count: 1, kind: 'status', status: 502 } });
    const r502 = await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'duplicates', issue: 'TREK-15' } });
    assert.equal(r502.status, 502);
    assert.equal(r502.text, '<html>Bad Gateway</html>');
    assert.deepEqual(sb().linksOf('TREK-23').map((l) => l.other).sort(), ['OPS-4', 'TREK-12', 'TREK-15']);
    assert.deepEqual(sb().requests.map((r) => [r.status, r.handledStatus]), [[503, 201], [504, 201], [502, 201]]);
  });

  it('truncated: the link is created, the 201 answer arrives with its JSON cut off', async () => {
    sb().setFaults({ afterHandling: { count: 1, kind: 'truncated' } });
    const r = await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'OPS-4' } });
    assert.equal(r.status, 201);
    assert.throws(() => JSON.parse(r.text));
    assert.match(r.text, /^\{"self":/);
    assert.deepEqual(sb().linksOf('TREK-23').map((l) => l.other), ['OPS-4']);
  });

  it('stall: the link is created, the answer never comes (until the client gives up)', async () => {
    sb().setFaults({ afterHandling: { count: 1, kind: 'stall' } });
    const started = Date.now();
    await assert.rejects(
      fetch(`${sb().url}/v2/issues/TREK-23/links`, {
        method: 'POST',
        headers: { ...goodHeaders(sb()), 'Content-Type': 'application/json' },
        body: JSON.stringify({ relationship: 'relates', issue: 'OPS-4' }),
        signal: AbortSignal.timeout(200),
      }),
    );
    assert.ok(Date.now() - started >= 190);
    assert.equal(sb().linksOf('TREK-23').length, 1);
    assert.deepEqual([sb().requests[0].status, sb().requests[0].handledStatus], [0, 201]);
  });

  it('entity links: an array body is applied as a whole before the answer is lost', async () => {
    const projects = sb().data.entities.filter((e) => e.entityType === 'project');
    const a = projects[0];
    const already = new Set(sb().entityLinksOf('project', a.id).map((l) => l.entity));
    const [b, c] = projects.filter((e) => e !== a && !already.has(e.id));
    sb().setFaults({ afterHandling: { count: 1, kind: 'drop' }, match: { method: 'POST', path: '/links' } });
    const body = [b, c].map((e) => ({ relationship: 'depends on', entity: e.id }));
    await assert.rejects(
      fetch(`${sb().url}/v2/entities/project/${a.id}/links`, {
        method: 'POST',
        headers: { ...goodHeaders(sb()), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    assert.equal(sb().requests[0].handledStatus, 200);
    const linked = sb().entityLinksOf('project', a.id).filter((l) => l.relationship === 'depends on').map((l) => l.entity);
    assert.ok(linked.includes(b.id) && linked.includes(c.id), JSON.stringify(linked));
  });

  it('respects match and count, and yields to a fault before handling', async () => {
    sb().setFaults({ afterHandling: { count: 2, kind: 'status', status: 503 }, match: { method: 'POST', path: '/links' } });
    assert.equal((await call(sb(), 'GET', '/v2/issues/TREK-23/links')).status, 200, 'a GET does not match');
    assert.equal((await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'OPS-4' } })).status, 503);
    assert.equal((await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'TREK-12' } })).status, 503);
    assert.equal((await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'TREK-15' } })).status, 201);
    assert.equal(sb().linksOf('TREK-23').length, 3);

    // A fault before handling wins: nothing is stored, and afterHandling is kept for later.
    sb().setFaults({ serverError: { count: 1, status: 503 }, afterHandling: { count: 1, kind: 'drop' } });
    assert.equal((await call(sb(), 'POST', '/v2/issues/TREK-22/links', { body: { relationship: 'relates', issue: 'OPS-4' } })).status, 503);
    assert.equal(sb().linksOf('TREK-22').filter((l) => l.other === 'OPS-4').length, 0);
    await assert.rejects(post('TREK-22', 'OPS-4'));
    assert.equal(sb().linksOf('TREK-22').filter((l) => l.other === 'OPS-4').length, 1);
  });

  it('is set over the control endpoint like the other switches', async () => {
    const res = await fetch(`${sb().url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ afterHandling: { count: 1, kind: 'status', status: 504 } }) });
    assert.equal(res.status, 200);
    assert.equal((await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'OPS-4' } })).status, 504);
    assert.equal(sb().linksOf('TREK-23').length, 1);
  });
});
