import * as assert from 'node:assert/strict';
import { call, errorOf, useSandbox, type Link } from './helpers';

describe('sandbox: issue links', () => {
  const sb = useSandbox();
  const links = async (key: string, lang?: string): Promise<Link[]> =>
    (await call(sb(), 'GET', `/v2/issues/${key}/links`, lang ? { headers: { 'Accept-Language': lang } } : {})).json as Link[];
  const create = (key: string, relationship: unknown, issue: unknown) =>
    call(sb(), 'POST', `/v2/issues/${key}/links`, { body: { relationship, issue } });

  it('lists the showcase links of TREK-12 in the documented shape', async () => {
    const list = await links('TREK-12');
    assert.ok(list.length >= 14, `only ${list.length} links`);
    const dep = list.find((l) => l.object.key === 'TREK-14');
    assert.ok(dep);
    assert.equal(typeof dep.id, 'number');
    assert.equal(dep.self, `${sb().url}/v2/issues/TREK-12/links/${dep.id}`);
    assert.equal(dep.type.id, 'depends');
    assert.equal(dep.type.self, `${sb().url}/v2/linktypes/depends`);
    assert.equal(dep.direction, 'outward');
    assert.equal(dep.object.display, 'Client: retry on 429 with Retry-After');
    assert.match(dep.object.id, /^[0-9a-f]{24}$/);
    assert.equal(dep.assignee?.display, 'Chen Wei');
    assert.equal(dep.status?.key, 'inProgress');
    assert.ok(dep.createdBy.display && dep.updatedBy.display && dep.createdAt && dep.updatedAt);
    // TREK-13 is unassigned: no assignee on the link, status still present.
    const clone = list.find((l) => l.object.key === 'TREK-13');
    assert.ok(clone && !('assignee' in clone) && clone.status);
    // No link between TREK-12 and TREK-15: adding "TREK-15 depends on TREK-12" closes a cycle.
    assert.equal(list.some((l) => l.object.key === 'TREK-15'), false);
    assert.ok(sb().linksOf('TREK-14').some((l) => l.relationship === 'depends on' && l.other === 'TREK-15'));
  });

  it('shows TREK-12 every kind of relation, read from TREK-12', () => {
    const rel = (other: string): string | undefined => sb().linksOf('TREK-12').find((l) => l.other === other)?.relationship;
    assert.equal(rel('TREK-1'), 'has epic');
    assert.equal(rel('TREK-10'), 'is subtask for');
    assert.equal(rel('TREK-16'), 'is parent task for');
    assert.equal(rel('TREK-14'), 'depends on');
    assert.equal(rel('TREK-19'), 'is dependent by');
    assert.equal(rel('TREK-21'), 'is duplicated by');
    assert.equal(rel('TREK-13'), 'clone');
    assert.equal(rel('WEB-7'), 'relates');
    assert.equal(rel('LEGAL-2'), 'relates');
  });

  // relationship from X → [type, X direction, relationship read from Y, label seen by X, label seen by Y]
  const MAPPING: Array<[string, string, string, string, string, string]> = [
    ['relates', 'relates', 'inward', 'relates', 'Relates', 'Relates'],
    ['depends on', 'depends', 'outward', 'is dependent by', 'Depends on', 'Is dependent by'],
    ['is dependent by', 'depends', 'inward', 'depends on', 'Is dependent by', 'Depends on'],
    ['is subtask for', 'subtask', 'inward', 'is parent task for', 'Sub-issue', 'Parent issue'],
    ['is parent task for', 'subtask', 'outward', 'is subtask for', 'Parent issue', 'Sub-issue'],
    ['duplicates', 'duplicates', 'outward', 'is duplicated by', 'Duplicates', 'Is duplicated by'],
    ['is duplicated by', 'duplicates', 'inward', 'duplicates', 'Is duplicated by', 'Duplicates'],
  ];

  for (const [relationship, type, direction, reverse, labelX, labelY] of MAPPING) {
    it(`creates "${relationship}" and shows it from both sides`, async () => {
      // TREK-23 and OPS-4 have no links and are not epics.
      const r = await create('TREK-23', relationship, 'OPS-4');
      assert.equal(r.status, 201, r.text);
      const link = r.json as Link;
      assert.equal(link.type.id, type);
      assert.equal(link.direction, direction);
      assert.equal(link.object.key, 'OPS-4');
      assert.equal(link.direction === 'outward' ? link.type.outward : link.type.inward, labelX);
      assert.equal(link.createdBy.display, 'Sandbox User');

      const fromY = (await links('OPS-4')).find((l) => l.id === link.id);
      assert.ok(fromY);
      assert.equal(fromY.object.key, 'TREK-23');
      assert.equal(fromY.direction, direction === 'outward' ? 'inward' : 'outward');
      assert.equal(fromY.direction === 'outward' ? fromY.type.outward : fromY.type.inward, labelY);
      assert.deepEqual(sb().linksOf('TREK-23'), [{ id: link.id, relationship, other: 'OPS-4' }]);
      assert.deepEqual(sb().linksOf('OPS-4'), [{ id: link.id, relationship: reverse, other: 'TREK-23' }]);
    });
  }

  it('creates "has epic" and "is epic of" with the epic on the right side', async () => {
    const has = await create('OPS-4', 'has epic', 'TREK-2');
    assert.equal(has.status, 201, has.text);
    assert.deepEqual([(has.json as Link).type.id, (has.json as Link).direction], ['epic', 'inward']);
    assert.equal((has.json as Link).type.inward, 'Issue in epic');
    const of = await create('TREK-2', 'is epic of', 'TREK-23');
    assert.equal(of.status, 201, of.text);
    assert.deepEqual([(of.json as Link).type.id, (of.json as Link).direction], ['epic', 'outward']);
    assert.equal(sb().linksOf('TREK-23')[0]?.relationship, 'has epic');
  });

  it('accepts the target by id or alias, and the URL issue by alias', async () => {
    const id = (await call(sb(), 'GET', '/v2/issues/OPS-4')).json as { id: string };
    assert.equal((await create('TREK-23', 'relates', id.id)).status, 201);
    const r = await create('legacy-42', 'relates', 'TREK-23');
    assert.equal(r.status, 201);
    assert.match((r.json as Link).self, /\/issues\/TREK-14\/links\//);
  });

  it('rejects unknown relationships and clone/original with 422', async () => {
    for (const rel of ['blocks', 'Relates', 42, 'clone', 'original']) {
      const r = await create('TREK-23', rel, 'OPS-4');
      assert.equal(r.status, 422, String(rel));
      assert.ok(errorOf(r).errors.relationship, String(rel));
    }
  });

  // error-codes.md: 400 = a request parameter has an invalid value (a required
  // one is missing); 422 = JSON validation, e.g. a parameter that does not exist.
  it('answers 400 for a missing required field and 422 for an unknown one, naming them', async () => {
    const missing = await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates' } });
    assert.equal(missing.status, 400);
    assert.equal(errorOf(missing).statusCode, 400);
    assert.ok(errorOf(missing).errors.issue);
    const unknown = await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'OPS-4', note: 'x' } });
    assert.equal(unknown.status, 422);
    assert.equal(errorOf(unknown).errors.note, 'unknown field');
  });

  it('answers 404 naming an unknown target or URL issue', async () => {
    const r = await create('TREK-23', 'relates', 'NOPE-1');
    assert.equal(r.status, 404);
    assert.ok(errorOf(r).errorMessages[0]?.includes('NOPE-1'));
    assert.equal((await create('NOPE-2', 'relates', 'TREK-1')).status, 404);
  });

  it('refuses to link an issue to itself', async () => {
    const r = await create('TREK-23', 'relates', 'trek-23');
    assert.equal(r.status, 422);
  });

  it('refuses a second link of the same type between the same pair, either way round', async () => {
    const again = await create('TREK-12', 'depends on', 'TREK-14');
    assert.equal(again.status, 422);
    assert.deepEqual(errorOf(again).errorMessages, ['Link already exists']);
    assert.equal((await create('TREK-14', 'is dependent by', 'TREK-12')).status, 422);
    assert.equal((await create('TREK-14', 'depends on', 'TREK-12')).status, 422);
  });

  it('allows closing a dependency cycle (TREK-15 depends on TREK-12)', async () => {
    const r = await create('TREK-15', 'depends on', 'TREK-12');
    assert.equal(r.status, 201, r.text);
  });

  it('enforces the epic rule: only Epic-type issues can be epics', async () => {
    const notEpic = await create('TREK-23', 'has epic', 'OPS-4');
    assert.equal(notEpic.status, 422);
    assert.match(errorOf(notEpic).errors.relationship ?? '', /OPS-4 is not an epic/);
    assert.match(errorOf(notEpic).errorMessages[0] ?? '', /not an epic/);
    const notEpic2 = await create('TREK-23', 'is epic of', 'OPS-4');
    assert.equal(notEpic2.status, 422);
    assert.match(errorOf(notEpic2).errors.relationship ?? '', /TREK-23 is not an epic/);
  });

  it('allows one epic and one parent per issue', async () => {
    // TREK-12 already has epic TREK-1 and parent TREK-10.
    const epic = await create('TREK-12', 'has epic', 'TREK-2');
    assert.equal(epic.status, 422);
    assert.match(errorOf(epic).errors.relationship ?? '', /already in epic TREK-1/);
    assert.equal((await create('TREK-2', 'is epic of', 'TREK-12')).status, 422);
    const parent = await create('TREK-12', 'is subtask for', 'TREK-23');
    assert.equal(parent.status, 422);
    assert.match(errorOf(parent).errors.relationship ?? '', /already has a parent issue TREK-10/);
    assert.equal((await create('TREK-23', 'is parent task for', 'TREK-12')).status, 422);
    // Several children per parent are fine.
    assert.equal((await create('TREK-12', 'is parent task for', 'TREK-23')).status, 201);
  });

  it('deletes a link from either side with 204 and checks ownership', async () => {
    const id = sb().linksOf('TREK-12').find((l) => l.other === 'WEB-7')?.id;
    assert.ok(id);
    const notMine = await call(sb(), 'DELETE', `/v2/issues/TREK-23/links/${id}`);
    assert.equal(notMine.status, 404);
    const r = await call(sb(), 'DELETE', `/v2/issues/WEB-7/links/${id}`);
    assert.equal(r.status, 204);
    assert.equal(r.text, '');
    assert.equal(sb().linksOf('TREK-12').some((l) => l.other === 'WEB-7'), false);
    assert.equal((await call(sb(), 'DELETE', `/v2/issues/TREK-12/links/${id}`)).status, 404);
    assert.equal((await call(sb(), 'DELETE', '/v2/issues/TREK-12/links/abc')).status, 404);
  });

  it('makes LEGAL issues read-only for the sandbox user', async () => {
    assert.equal((await call(sb(), 'GET', '/v2/issues/LEGAL-2/links')).status, 200);
    const c = await create('LEGAL-1', 'relates', 'TREK-23');
    assert.equal(c.status, 403);
    assert.deepEqual(errorOf(c).errorMessages, ['You do not have permission to edit this issue']);
    const id = sb().linksOf('LEGAL-2')[0]?.id;
    assert.equal((await call(sb(), 'DELETE', `/v2/issues/LEGAL-2/links/${id}`)).status, 403);
    const imp = await call(sb(), 'POST', '/v2/issues/LEGAL-1/links/_import', {
      body: { relationship: 'relates', issue: 'TREK-1', createdAt: '2026-01-01T00:00:00.000+0000', createdBy: 'dana.kowalski' },
    });
    assert.equal(imp.status, 403);
    // Linking *to* a LEGAL issue from an editable one is allowed.
    assert.equal((await create('TREK-23', 'relates', 'LEGAL-1')).status, 201);
  });

  it('localises link labels with Accept-Language: ru', async () => {
    const list = await links('TREK-12', 'ru');
    const epic = list.find((l) => l.object.key === 'TREK-1');
    assert.equal(epic?.type.outward, 'Эпик');
    assert.equal(epic?.status?.display, 'В работе');
  });

  it('starts over on reset()', async () => {
    const before = sb().linksOf('TREK-12');
    assert.equal((await create('TREK-23', 'relates', 'TREK-12')).status, 201);
    sb().reset();
    assert.deepEqual(sb().linksOf('TREK-12'), before);
    assert.equal(sb().linksOf('TREK-23').length, 0);
  });
});
