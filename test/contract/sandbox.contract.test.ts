// Contract, sandbox side: the sandbox must answer each documented request
// with the documented shape (same keys and value types, recursively; a key may
// differ only where docs.ts cites the documentation saying it is optional) and,
// for links, with the documented meaning: the same type and direction as the
// documentation's own examples. A sandbox that drifts from the documentation
// fails here, whatever the client thinks.

import * as assert from 'node:assert/strict';
import { call, useSandbox, type CallResult } from '../unit/sandbox/helpers';
import { DOCS, type DocExample } from './docs';
import { addDocumentedWorld, DOC_UID } from './docWorld';
import { shapeDiff } from './shape';

type Json = Record<string, unknown>;
type LinkJson = { id: number; direction: string; type: { id: string; inward: string; outward: string }; object: { key: string }; createdBy: { id: string }; updatedAt: string };

describe('contract: the sandbox answers the documented requests as documented', function () {
  this.timeout(10_000);
  const sb = useSandbox();
  beforeEach(() => addDocumentedWorld(sb()));

  function send(ex: DocExample, over: Partial<DocExample['request']> = {}): Promise<CallResult> {
    const r = { ...ex.request, ...over };
    const qs = r.query ? `?${new URLSearchParams(r.query).toString()}` : '';
    return call(sb(), r.method, `${r.path}${qs}`, r.body === undefined ? {} : { body: r.body });
  }

  function sameShape(ex: DocExample, actual: unknown): void {
    assert.deepEqual(shapeDiff(ex.response.body, actual, ex.rules), [], `the sandbox's answer differs from ${ex.doc}`);
  }

  /** link-issue.md: "`is subtask for`: The current issue is a sub-issue of the linked one." */
  async function makeTrek9844SubIssueOfJune2(): Promise<LinkJson> {
    const r = await call(sb(), 'POST', '/v2/issues/TREK-9844/links', { body: { relationship: 'is subtask for', issue: 'JUNE-2' } });
    assert.equal(r.status, 201, r.text);
    return r.json as LinkJson;
  }

  describe('issue links', () => {
    it('get-links.md: once TREK-9844 is a sub-issue of JUNE-2, JUNE-2 lists it as subtask/outward with the documented names', async () => {
      await makeTrek9844SubIssueOfJune2();
      const r = await send(DOCS.getLinks);
      assert.equal(r.status, DOCS.getLinks.response.status);
      sameShape(DOCS.getLinks, r.json);
      const [doc] = DOCS.getLinks.response.body;
      const [got] = r.json as [LinkJson];
      assert.deepEqual(
        [got.type.id, got.direction, got.object.key, got.type.inward, got.type.outward],
        [doc!.type.id, doc!.direction, doc!.object.key, doc!.type.inward, doc!.type.outward],
      );
      // "inward: the issue specified in the object field is the main one".
      const child = (await call(sb(), 'GET', '/v2/issues/TREK-9844/links')).json as LinkJson[];
      assert.deepEqual(child.map((l) => [l.type.id, l.direction, l.object.key]), [['subtask', 'inward', 'JUNE-2']]);
    });

    it('get-issue.md: TREK-9844, asked by its old key JUNE-3, answers with parent JUNE-2 — the parent is the outward side', async () => {
      await makeTrek9844SubIssueOfJune2();
      const r = await send(DOCS.getIssue);
      assert.equal(r.status, 200);
      sameShape(DOCS.getIssue, r.json);
      const i = r.json as { key: string; aliases: string[]; parent?: { key: string } };
      assert.deepEqual([i.key, i.aliases, i.parent?.key], ['TREK-9844', ['JUNE-3'], 'JUNE-2']);
      const parent = (await call(sb(), 'GET', '/v2/issues/JUNE-2')).json as Json;
      assert.equal('parent' in parent, false, 'the parent has no parent');
    });

    it('link-issue.md: TEST-1 "relates" TREK-2 is answered 201, relates/inward to its creator; TREK-2 sees it outward', async () => {
      const r = await send(DOCS.createLink);
      assert.equal(r.status, DOCS.createLink.response.status, r.text);
      sameShape(DOCS.createLink, r.json);
      const link = r.json as LinkJson;
      assert.deepEqual([link.type.id, link.direction, link.object.key], ['relates', DOCS.createLink.response.body.direction, 'TREK-2']);
      const other = ((await call(sb(), 'GET', '/v2/issues/TREK-2/links')).json as LinkJson[]).find((l) => l.object.key === 'TEST-1');
      assert.equal(other?.direction, 'outward');
    });

    it('import-links.md: the documented body (uid numbers) imports with that author and dates, answered with a link', async () => {
      const r = await call(sb(), 'POST', '/v2/issues/TEST-1/links/_import', { body: DOCS.importLink.request.body });
      assert.equal(r.status, DOCS.importLink.response.status, r.text);
      sameShape(DOCS.importLink, r.json);
      const link = r.json as LinkJson;
      assert.deepEqual([link.type.id, link.object.key, link.createdBy.id, link.updatedAt], ['relates', 'TEST-2', String(DOC_UID), '2017-09-07T11:24:31.140+0000']);
    });

    it('import-links.md: its documented answer — JUNE-2 with its sub-issue TREK-9844, subtask/outward — is what importing "is parent task for" gives', async () => {
      const doc = DOCS.importLink.response.body;
      const body = { relationship: 'is parent task for', issue: 'TREK-9844', createdAt: doc.createdAt, createdBy: DOC_UID };
      const r = await call(sb(), 'POST', '/v2/issues/JUNE-2/links/_import', { body });
      assert.equal(r.status, 200, r.text);
      sameShape(DOCS.importLink, r.json);
      const link = r.json as LinkJson;
      assert.deepEqual([link.type.id, link.direction, link.object.key], [doc.type.id, doc.direction, doc.object.key]);
    });

    it('delete-link-issue.md: DELETE …/links/<link-id> answers 204 without a body, and the link is gone for both issues', async () => {
      const link = await makeTrek9844SubIssueOfJune2();
      const r = await send(DOCS.deleteLink, { path: `/v2/issues/JUNE-2/links/${link.id}` });
      assert.equal(r.status, DOCS.deleteLink.response.status);
      assert.equal(r.text, '');
      assert.deepEqual((await call(sb(), 'GET', '/v2/issues/TREK-9844/links')).json, []);
    });

    it('linktypes: each type is {self, id, inward, outward}; subtask is named as get-links.md names it', async () => {
      const r = await send(DOCS.linkTypes);
      assert.equal(r.status, 200);
      sameShape(DOCS.linkTypes, r.json);
      const subtask = (r.json as Array<{ id: string; inward: string; outward: string }>).find((t) => t.id === 'subtask');
      assert.deepEqual([subtask?.inward, subtask?.outward], ['Sub-issue', 'Parent issue']);
    });
  });

  describe('the other endpoints', () => {
    it('get-user-info.md: /myself is a JSON array with the current user', async () => {
      const r = await send(DOCS.myself);
      assert.equal(r.status, 200);
      sameShape(DOCS.myself, r.json);
      assert.equal((r.json as unknown[]).length, 1);
    });

    it('search-issues.md: the documented filter finds the unassigned JUNE issues, with the paging headers', async () => {
      const r = await send(DOCS.searchIssues);
      assert.equal(r.status, 200, r.text);
      sameShape(DOCS.searchIssues, r.json);
      assert.deepEqual((r.json as Array<{ key: string }>).map((i) => i.key), ['JUNE-2']);
      assert.equal(r.headers.get('x-total-count'), '1');
      assert.equal(r.headers.get('x-total-pages'), '1');
    });

    it('get-suggest: issues whose summary contains the text, shaped like an issue; a key is not summary text', async () => {
      const r = await send(DOCS.suggest);
      assert.equal(r.status, 200);
      sameShape(DOCS.suggest, r.json);
      assert.deepEqual((r.json as Array<{ key: string }>).map((i) => i.key), ['TREK-9844']);
      const byKey = await send(DOCS.suggest, { query: { input: 'TREK-9844' } });
      assert.deepEqual(byKey.json, []);
    });

    it('get-statuses: /v3/statuses lists every status with the documented fields, `type` one of the documented values', async () => {
      const r = await send(DOCS.statuses);
      assert.equal(r.status, 200, r.text);
      sameShape(DOCS.statuses, r.json);
      const list = r.json as Array<{ key: string; type: string }>;
      assert.ok(list.length > 1);
      for (const s of list) assert.ok(['new', 'inProgress', 'paused', 'done', 'cancelled'].includes(s.type), `${s.key}: ${s.type}`);
      const v2 = await call(sb(), 'GET', '/v2/statuses');
      assert.equal(v2.status, 404, 'documented under /v3 only');
    });

    it('get-queues.md: queues with the documented fields and the paging headers', async () => {
      const r = await send(DOCS.queues);
      assert.equal(r.status, 200);
      sameShape(DOCS.queues, r.json);
      assert.ok(r.headers.get('x-total-count') && r.headers.get('x-total-pages'));
    });

    const entityId = (shortId: number): string => {
      const e = sb().data.entities.find((x) => x.shortId === shortId);
      if (!e) throw new Error(`no entity ${shortId}`);
      return e.id;
    };

    it('get-entity.md: an entity with exactly the requested fields', async () => {
      const r = await send(DOCS.getEntity, { path: `/v2/entities/project/${entityId(1)}` });
      assert.equal(r.status, 200, r.text);
      sameShape(DOCS.getEntity, r.json);
    });

    it('search-entities.md: {hits, pages, values} with exactly the requested fields', async () => {
      const r = await send(DOCS.searchEntities);
      assert.equal(r.status, 200, r.text);
      sameShape(DOCS.searchEntities, r.json);
      assert.equal((r.json as { hits: number }).hits, 1);
    });

    it('entities links/get-links.md: linkFieldValues hold only the requested fields', async () => {
      const r = await send(DOCS.entityLinks, { path: `/v2/entities/project/${entityId(1)}/links` });
      assert.equal(r.status, 200, r.text);
      sameShape(DOCS.entityLinks, r.json);
    });

    it('entities links/add-links.md and delete-link.md: an array of links answers 200; `right` removes one', async () => {
      const body = [
        { relationship: 'is dependent by', entity: entityId(2) },
        { relationship: 'relates', entity: entityId(5) },
      ];
      const add = await send(DOCS.addEntityLinks, { path: `/v2/entities/project/${entityId(3)}/links`, body });
      assert.equal(add.status, DOCS.addEntityLinks.response.status, add.text);
      const del = await send(DOCS.deleteEntityLink, { path: `/v2/entities/project/${entityId(3)}/links`, query: { right: entityId(2) } });
      assert.equal(del.status, DOCS.deleteEntityLink.response.status, del.text);
      assert.deepEqual(sb().entityLinksOf('project', entityId(3)).map((l) => l.entity).filter((e) => e === entityId(2) || e === entityId(5)), [entityId(5)]);
    });
  });

  describe('errors (error-codes.md and each page\'s list)', () => {
    it('400 for a missing required parameter, 422 for one that does not exist, 404 for a missing issue or link, 403 without edit rights', async () => {
      const post = (key: string, body: unknown) => call(sb(), 'POST', `/v2/issues/${key}/links`, { body });
      assert.equal((await post('TEST-1', { relationship: 'relates' })).status, 400);
      assert.equal((await post('TEST-1', { relationship: 'relates', issue: 'TREK-2', comment: 'x' })).status, 422);
      assert.equal((await call(sb(), 'GET', '/v2/issues/NOPE-1/links')).status, 404);
      assert.equal((await call(sb(), 'DELETE', '/v2/issues/JUNE-2/links/1')).status, 404);
      assert.equal((await post('LEGAL-1', { relationship: 'relates', issue: 'TREK-2' })).status, 403);
      const imp = await call(sb(), 'POST', '/v2/issues/TEST-1/links/_import', { body: { relationship: 'relates', issue: 'TEST-2' } });
      assert.equal(imp.status, 400);
    });
  });
});
