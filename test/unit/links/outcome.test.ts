import * as assert from 'node:assert/strict';
import { entityLinksPresent, findIssueLink, settleFailedCreate } from '../../../src/links/outcome';
import { TrackerError, mayHaveActed, type TrackerErrorKind } from '../../../src/tracker/errors';
import type { EntityLink } from '../../../src/tracker/types';
import { makeLink } from './fixtures';

const err = (kind: TrackerErrorKind, status = 0) => new TrackerError({ kind, status, method: 'POST', path: '/v2/issues/TREK-12/links' });

describe('links/outcome: a create whose answer was lost', () => {
  it('5xx, a dropped connection, a timeout and an unreadable 2xx answer are ambiguous; 4xx, 429, cancel and non-Tracker errors are not', () => {
    assert.equal(mayHaveActed(err('server', 500)), true);
    assert.equal(mayHaveActed(err('badResponse', 201)), true, 'a 201 cut off: the link may exist');
    assert.equal(mayHaveActed(err('badResponse', 200)), true, 'an import answered 200 with a body that is not JSON');
    assert.equal(mayHaveActed(err('server', 503)), true);
    assert.equal(mayHaveActed(err('network')), true);
    assert.equal(mayHaveActed(err('timeout')), true);
    for (const [kind, status] of [
      ['badRequest', 400],
      ['unauthorized', 401],
      ['forbidden', 403],
      ['notFound', 404],
      ['conflict', 409],
      ['validation', 422],
      ['rateLimited', 429],
      ['cancelled', 0],
      ['badResponse', 302],
    ] as Array<[TrackerErrorKind, number]>) {
      assert.equal(mayHaveActed(err(kind, status)), false, kind);
    }
    assert.equal(mayHaveActed(new Error('boom')), false);
    assert.equal(mayHaveActed(undefined), false);
  });

  it('findIssueLink matches relationship (type and direction) and target key in any case', () => {
    const links = [makeLink('depends', 'outward', 'TREK-14'), makeLink('subtask', 'outward', 'TREK-30'), makeLink('relates', 'inward', 'OPS-4')];
    assert.equal(findIssueLink(links, 'depends on', 'TREK-14'), links[0]);
    assert.equal(findIssueLink(links, 'depends on', 'trek-14'), links[0]);
    assert.equal(findIssueLink(links, 'is dependent by', 'TREK-14'), undefined, 'the other direction is another link');
    assert.equal(findIssueLink(links, 'is parent task for', 'TREK-30'), links[1]);
    assert.equal(findIssueLink(links, 'is subtask for', 'TREK-30'), undefined);
    assert.equal(findIssueLink(links, 'relates', 'OPS-4'), links[2], 'relates reads the same both ways');
    assert.equal(findIssueLink(links, 'relates', 'TREK-14'), undefined, 'another relationship to the same issue does not count');
    assert.equal(findIssueLink(links, 'relates', 'id-OPS-4'), links[2], 'the target by id');
    assert.equal(findIssueLink([], 'relates', 'OPS-4'), undefined);
  });

  it('findIssueLink reads the import-only clone relationships', () => {
    const links = [makeLink('clone', 'inward', 'TREK-1'), makeLink('clone', 'outward', 'TREK-2')];
    assert.equal(findIssueLink(links, 'original', 'TREK-1'), links[0]);
    assert.equal(findIssueLink(links, 'clone', 'TREK-2'), links[1]);
    assert.equal(findIssueLink(links, 'clone', 'TREK-1'), undefined);
  });

  it('entityLinksPresent splits targets by relationship, matching ids (any case) and short ids', () => {
    const id = (n: number) => `5f0c1a${String(n).padStart(18, '0')}`;
    const links: EntityLink[] = [
      { type: 'relates', linkFieldValues: { id: id(1), shortId: 1 } },
      { type: 'depends on', linkFieldValues: { id: id(2), shortId: 2 } },
      { type: 'relates', linkFieldValues: { id: id(3) } },
    ];
    assert.deepEqual(entityLinksPresent(links, 'relates', [id(1), '3', id(3).toUpperCase(), id(2)]), {
      present: [id(1), id(3).toUpperCase()],
      missing: ['3', id(2)],
    });
    assert.deepEqual(entityLinksPresent(links, 'depends on', ['2', id(1)]), { present: ['2'], missing: [id(1)] });
    assert.deepEqual(entityLinksPresent([], 'relates', [id(1)]), { present: [], missing: [id(1)] });
  });

  it('entityLinksPresent: numbers are per kind, so a goal #4 is not the project #4 that was asked for', () => {
    const links: EntityLink[] = [
      { type: 'relates', linkFieldValues: { id: 'a'.repeat(24), shortId: 4, entityType: 'goal' } },
      { type: 'relates', linkFieldValues: { id: 'b'.repeat(24), shortId: 5 } },
    ];
    assert.deepEqual(entityLinksPresent(links, 'relates', ['4', '5'], 'project'), { present: ['5'], missing: ['4'] });
    assert.deepEqual(entityLinksPresent(links, 'relates', ['4'], 'goal'), { present: ['4'], missing: [] });
  });

  it('settleFailedCreate: an unambiguous error is a failure without any read', async () => {
    let reads = 0;
    const v = await settleFailedCreate(err('validation', 422), async () => (reads++, [makeLink('relates', 'outward', 'TREK-23')]), (l) => findIssueLink(l, 'relates', 'TREK-23'));
    assert.equal(v.kind, 'failed');
    assert.equal(reads, 0);
    const r = await settleFailedCreate(err('rateLimited', 429), async () => (reads++, []), () => 1);
    assert.equal(r.kind, 'failed');
    assert.equal(reads, 0);
  });

  it('settleFailedCreate: after an ambiguous error the read decides — created, failed, or unknown when it fails too', async () => {
    const lost = err('server', 503);
    const listed = [makeLink('relates', 'outward', 'TREK-23')];
    const created = await settleFailedCreate(lost, async () => listed, (l) => findIssueLink(l, 'relates', 'TREK-23'));
    assert.equal(created.kind, 'created');
    assert.equal(created.kind === 'created' && created.found, listed[0]);
    assert.equal(created.error, lost);

    const failed = await settleFailedCreate(err('network'), async () => listed, (l) => findIssueLink(l, 'relates', 'TREK-22'));
    assert.equal(failed.kind, 'failed');

    const readError = err('timeout');
    const unknown = await settleFailedCreate(err('timeout'), () => Promise.reject(readError), () => 1);
    assert.equal(unknown.kind, 'unknown');
    assert.equal(unknown.kind === 'unknown' && unknown.readError, readError);
  });
});
