import * as assert from 'node:assert/strict';
import { TrackerError, isTrackerError, isCancelled } from '../../../src/tracker/errors';
import { checkBaseUrl, isLoopbackHost } from '../../../src/tracker/baseUrl';
import { tokenProblem } from '../../../src/tracker/token';
import { parseRetryAfter } from '../../../src/tracker/retry';

describe('tracker/errors', () => {
  it('the message is technical (kind, status, request, what the server said): the words for a user are the kernel\'s alone', () => {
    const m = (init: ConstructorParameters<typeof TrackerError>[0]) => new TrackerError(init).message;
    assert.equal(m({ kind: 'unauthorized', status: 401, method: 'GET', path: '/v2/myself' }), 'unauthorized HTTP 401: GET /v2/myself');
    assert.equal(m({ kind: 'forbidden', status: 403 }), 'forbidden HTTP 403');
    assert.match(m({ kind: 'forbidden', status: 403, errorMessages: ['No access to queue LEGAL'] }), /^forbidden HTTP 403 — Tracker says: No access to queue LEGAL$/);
    assert.equal(
      m({ kind: 'notFound', status: 404, method: 'GET', path: '/v2/issues/TREK-999', subject: 'Issue TREK-999' }),
      'notFound HTTP 404: GET /v2/issues/TREK-999 (Issue TREK-999)',
    );
    assert.equal(
      m({ kind: 'validation', status: 422, fieldErrors: { createdAt: 'must be after the issue was created' } }),
      'validation HTTP 422 — Tracker says: "createdAt": must be after the issue was created',
    );
    assert.match(m({ kind: 'validation', status: 422, fieldErrors: { a: 'x', b: 'y' } }), /"a": x; "b": y/);
    assert.equal(m({ kind: 'rateLimited', status: 429 }), 'rateLimited HTTP 429');
    assert.equal(m({ kind: 'server', status: 503, attempts: 3 }), 'server HTTP 503 — 3 attempts');
    assert.match(m({ kind: 'network', code: 'ECONNRESET' }), /^network ECONNRESET/);
    assert.match(m({ kind: 'timeout', timeoutMs: 15000 }), /no answer within 15000 ms/);
    assert.equal(m({ kind: 'cancelled' }), 'cancelled');
    assert.match(m({ kind: 'badResponse', status: 200, detail: 'the body is not valid JSON' }), /^badResponse HTTP 200 — the body is not valid JSON$/);
    for (const kind of ['unauthorized', 'notFound', 'server', 'network'] as const) {
      assert.doesNotMatch(m({ kind, status: 0 }), /sign in|try again|check the/i, 'no advice for users in the core');
    }
  });

  it('has type guards, with() and a JSON form', () => {
    const e = new TrackerError({ kind: 'cancelled', method: 'GET', path: '/v2/myself' });
    assert.ok(isTrackerError(e) && e instanceof Error && isCancelled(e));
    assert.ok(!isTrackerError(new Error('x')) && !isCancelled(new Error('x')));
    // One cancel check: the kernel and the hover's loader used to accept an AbortError too, the core did not.
    const abort = new Error('The operation was aborted');
    abort.name = 'AbortError';
    assert.ok(isCancelled(abort));
    assert.ok(!isCancelled(undefined) && !isCancelled(new TrackerError({ kind: 'timeout' })));
    assert.equal(e.status, 0);
    const e2 = new TrackerError({ kind: 'server', status: 502 }).with({ attempts: 3 });
    assert.equal(e2.attempts, 3);
    assert.equal(e2.message, 'server HTTP 502 — 3 attempts');
    const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    assert.equal(json.kind, 'cancelled');
    assert.equal(json.path, '/v2/myself');
    assert.equal(json.message, 'cancelled: GET /v2/myself');
  });
});

describe('tracker/http helpers', () => {
  it('checkBaseUrl: https anywhere, http only on loopback', () => {
    for (const ok of [
      'https://api.tracker.yandex.net',
      'https://api.tracker.yandex.net/',
      'http://127.0.0.1:8788',
      'http://127.5.6.7',
      'http://localhost:3000/',
      'http://[::1]:8080',
    ]) {
      assert.equal(checkBaseUrl(ok), undefined, ok);
    }
    assert.match(checkBaseUrl('http://api.tracker.yandex.net') ?? '', /must use https/);
    assert.match(checkBaseUrl('http://10.0.0.1') ?? '', /must use https/);
    assert.match(checkBaseUrl('http://127.0.0.1.evil.com') ?? '', /must use https/);
    assert.match(checkBaseUrl('http://localhost.evil.com') ?? '', /must use https/);
    assert.match(checkBaseUrl('ftp://x') ?? '', /https/);
    assert.match(checkBaseUrl('not a url') ?? '', /not a valid URL/);
    assert.match(checkBaseUrl('https://user:pw@host') ?? '', /user name or password/);
  });

  it('one loopback rule for the base URL check and the demo sign-in (the demo had its own, without the trailing dot or the octet bound)', () => {
    for (const host of ['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '127.255.255.255', '[::1]']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['127.256.0.1', '127.0.0.1.evil.com', 'localhost.evil.com', '10.0.0.1', '::1', '0.0.0.0', '']) {
      assert.ok(!isLoopbackHost(host), host);
    }
  });

  it('one token rule for the sign-in box, the stored credentials and the HTTP layer', () => {
    assert.equal(tokenProblem('y0_AgAAAAB-token.with_punct=='), undefined);
    assert.equal(tokenProblem(''), 'empty');
    assert.equal(tokenProblem('two words'), 'space');
    assert.equal(tokenProblem('tab\there'), 'space');
    assert.equal(tokenProblem('токен'), 'notAscii');
    assert.equal(tokenProblem('“quoted”'), 'notAscii');
    assert.equal(tokenProblem('bell\u0007'), 'notAscii');
  });

  it('parseRetryAfter: seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter('0'), 0);
    assert.equal(parseRetryAfter('1.5'), 1500);
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now), 0);
  });
});
