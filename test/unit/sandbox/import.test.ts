import * as assert from 'node:assert/strict';
import { call, errorOf, useSandbox, type Link } from './helpers';

// TREK-23 (created and last updated 2026-02-03, no links) and TREK-22
// (created 2026-01-12, last updated 2026-05-06): a link between them can be
// dated from 2026-02-03 (both exist) to 2026-05-06 (import-links.md: "from the
// creation to the last update of the issues being linked").
const VALID = '2026-03-01T10:00:00.000+0300';

describe('sandbox: link import', () => {
  const sb = useSandbox();
  const imp = (body: Record<string, unknown>, key = 'TREK-23') => call(sb(), 'POST', `/v2/issues/${key}/links/_import`, { body });
  const base = { relationship: 'relates', issue: 'TREK-22', createdAt: VALID, createdBy: 'alice.morgan' };

  it('imports with the given authorship and answers 200 + the link', async () => {
    const r = await imp({ ...base, updatedAt: '2026-03-02T08:30:00.500+0000', updatedBy: 1120000000002003 });
    assert.equal(r.status, 200, r.text);
    const link = r.json as Link;
    assert.equal(link.object.key, 'TREK-22');
    assert.equal(link.createdBy.display, 'Alice Morgan');
    assert.equal(link.createdAt, '2026-03-01T07:00:00.000+0000');
    assert.equal(link.updatedBy.display, 'Chen Wei');
    assert.equal(link.updatedAt, '2026-03-02T08:30:00.500+0000');
    assert.deepEqual(sb().linksOf('TREK-23'), [{ id: link.id, relationship: 'relates', other: 'TREK-22' }]);
  });

  it('defaults updated* to created*', async () => {
    const link = (await imp(base)).json as Link;
    assert.equal(link.updatedBy.display, 'Alice Morgan');
    assert.equal(link.updatedAt, link.createdAt);
  });

  // import-links.md: createdBy is "String for the username, Number for the ID".
  it('takes a number as a uid and a string as a login, so a uid in a string is an unknown login', async () => {
    const r = await imp({ ...base, createdBy: 1120000000001234 });
    assert.equal((r.json as Link).createdBy.display, 'Sandbox User');
    assert.equal((r.json as Link).createdBy.id, '1120000000001234');
    sb().reset();
    const s = await imp({ ...base, createdBy: '1120000000002006' });
    assert.equal(s.status, 422);
    assert.ok(errorOf(s).errors.createdBy);
  });

  it('accepts all eleven relationships, including clone and original', async () => {
    const r = await imp({ ...base, relationship: 'original' });
    assert.equal(r.status, 200, r.text);
    const link = r.json as Link;
    assert.deepEqual([link.type.id, link.direction, link.type.inward], ['clone', 'inward', 'Clone']);
    assert.equal(sb().linksOf('TREK-22').find((l) => l.other === 'TREK-23')?.relationship, 'clone');
    sb().reset();
    const c = await imp({ ...base, relationship: 'clone' });
    assert.deepEqual([(c.json as Link).type.id, (c.json as Link).direction], ['clone', 'outward']);
    assert.equal((await imp({ ...base, relationship: 'bogus' })).status, 422);
  });

  it('names every missing required field in a 400 (import-links.md lists 400 for a bad parameter)', async () => {
    const r = await imp({ relationship: 'relates', issue: 'TREK-22' });
    assert.equal(r.status, 400);
    assert.deepEqual(Object.keys(errorOf(r).errors).sort(), ['createdAt', 'createdBy']);
  });

  it('rejects unknown fields', async () => {
    const r = await imp({ ...base, comment: 'x' });
    assert.equal(r.status, 422);
    assert.equal(errorOf(r).errors.comment, 'unknown field');
  });

  it('rejects a badly formatted date', async () => {
    for (const createdAt of ['2026-03-01', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000+03:00', '2026-02-30T10:00:00.000+0000', 1772348400000]) {
      const r = await imp({ ...base, createdAt });
      assert.equal(r.status, 422, String(createdAt));
      assert.ok(errorOf(r).errors.createdAt, String(createdAt));
    }
    const u = await imp({ ...base, updatedAt: 'yesterday', updatedBy: 'chen.wei' });
    assert.equal(u.status, 422);
    assert.ok(errorOf(u).errors.updatedAt);
  });

  it('rejects an unknown user', async () => {
    const r = await imp({ ...base, createdBy: 'ghost' });
    assert.equal(r.status, 422);
    assert.ok(errorOf(r).errors.createdBy);
    const u = await imp({ ...base, updatedAt: VALID, updatedBy: 99 });
    assert.equal(u.status, 422);
    assert.ok(errorOf(u).errors.updatedBy);
  });

  it('needs updatedAt and updatedBy together', async () => {
    const a = await imp({ ...base, updatedAt: VALID });
    assert.equal(a.status, 422);
    assert.ok(errorOf(a).errors.updatedBy);
    const b = await imp({ ...base, updatedBy: 'chen.wei' });
    assert.equal(b.status, 422);
    assert.ok(errorOf(b).errors.updatedAt);
  });

  it('keeps createdAt within the lifetime of both issues: after both were created, before the last update', async () => {
    const early = await imp({ ...base, createdAt: '2026-02-01T00:00:00.000+0000' });
    assert.equal(early.status, 422);
    assert.match(errorOf(early).errors.createdAt ?? '', /earlier than the creation of TREK-23/);
    // OPS-4 was created on 2026-04-14, after TREK-23: no link between them can be older.
    const beforeTarget = await imp({ ...base, issue: 'OPS-4', createdAt: '2026-03-01T00:00:00.000+0000' });
    assert.equal(beforeTarget.status, 422);
    assert.match(errorOf(beforeTarget).errors.createdAt ?? '', /earlier than the creation of OPS-4/);
    const late = await imp({ ...base, createdAt: '2026-06-01T00:00:00.000+0000' });
    assert.equal(late.status, 422);
    assert.match(errorOf(late).errors.createdAt ?? '', /later than the last update/);
  });

  it('rejects updatedAt before createdAt or after the last update', async () => {
    const before = await imp({ ...base, updatedAt: '2026-02-20T00:00:00.000+0000', updatedBy: 'chen.wei' });
    assert.equal(before.status, 422);
    assert.ok(errorOf(before).errors.updatedAt);
    const after = await imp({ ...base, updatedAt: '2026-06-20T00:00:00.000+0000', updatedBy: 'chen.wei' });
    assert.equal(after.status, 422);
    assert.ok(errorOf(after).errors.updatedAt);
  });

  it('applies the link rules: unknown target, self link, duplicates, epics', async () => {
    assert.equal((await imp({ ...base, issue: 'NOPE-9' })).status, 404);
    assert.equal((await imp({ ...base, issue: 'TREK-23' })).status, 422);
    assert.equal((await imp(base)).status, 200);
    const dup = await imp(base);
    assert.equal(dup.status, 422);
    assert.deepEqual(errorOf(dup).errorMessages, ['Link already exists']);
    assert.equal((await imp({ ...base, relationship: 'has epic' })).status, 422);
  });

  it('answers 404 for an unknown issue in the URL and 403 in LEGAL', async () => {
    assert.equal((await imp(base, 'NOPE-1')).status, 404);
    assert.equal((await imp({ ...base, issue: 'TREK-23' }, 'LEGAL-1')).status, 403);
  });
});
