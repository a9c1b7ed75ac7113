// Contract, client side: the real TrackerClient, over real HTTP, against a
// stub that answers with the documentation's own examples (docs.ts). The
// client must send the documented request and turn the documented answer into
// the right model — for links: the tree group, the sentence and the direction.
// A client whose catalogue agrees with a drifted sandbox fails here.

import * as assert from 'node:assert/strict';
import { HttpClient } from '../../src/tracker/http';
import { TrackerClient } from '../../src/tracker/client';
import { isTrackerError } from '../../src/tracker/errors';
import type { ImportLinkBody, IssueLink } from '../../src/tracker/types';
import { groupLinks } from '../../src/links/grouping';
import { StatusCatalog } from '../../src/links/statuses';
import { linkWords } from '../../src/links/words';
import { ENGLISH } from '../unit/english';
import {
  groupIdOfLink,
  relationshipInfo,
  relationshipOfLink,
  serverLabel,
} from '../../src/links/relationships';

// The product's words, in the English of the source.
const words = linkWords(ENGLISH);
const describeRelationship = words.relationshipSentence;
import { DOCS, type DocExample } from './docs';
import { DocStub, type StubRequest } from './stub';

const TOKEN = 'doc-contract-token';

describe('contract: the client reads the documented answers (real HTTP, docs.ts)', function () {
  this.timeout(10_000);
  let stub: DocStub;
  let client: TrackerClient;

  before(async () => {
    stub = await DocStub.start();
    const http = new HttpClient({
      baseUrl: stub.url,
      credentials: async () => ({ tokenKind: 'oauth', token: TOKEN }),
      org: () => ({ kind: 'yandex360', id: '7000001' }),
      language: () => 'en',
      userAgent: 'TrackerLinks-VSCode/contract',
      timeoutMs: 3000,
      retry: { maxRetries: 0 },
    });
    client = new TrackerClient(http);
  });
  beforeEach(() => stub.reset());
  after(() => stub.close());

  /** Serves the documented answer of `ex` at its documented path. */
  function serve(ex: DocExample): void {
    stub.answer(ex.request.method, ex.request.path, ex.response);
  }

  /** The one request the client sent, checked against the documented one (method, path, documented query, body). */
  function sentAsDocumented(ex: DocExample): StubRequest {
    assert.equal(stub.requests.length, 1, `one request for ${ex.doc}`);
    const [r] = stub.requests as [StubRequest];
    assert.equal(r.method, ex.request.method, ex.doc);
    assert.equal(r.path, ex.request.path, ex.doc);
    for (const [k, v] of Object.entries(ex.request.query ?? {})) assert.equal(r.query[k], v, `${ex.doc}: query ${k}`);
    if (ex.request.body !== undefined) assert.deepEqual(r.body, ex.request.body, `${ex.doc}: body`);
    // Headers every page lists (_includes/tracker/api/headings.md).
    assert.equal(r.headers.authorization, `OAuth ${TOKEN}`);
    assert.equal(r.headers['x-org-id'], '7000001');
    if (r.body !== undefined) assert.match(r.headers['content-type'] ?? '', /^application\/json/);
    return r;
  }

  describe('issue links: direction, group and sentence as the documentation gives them', () => {
    it('get-links.md: JUNE-2 lists TREK-9844 as subtask/outward — JUNE-2 is its parent, TREK-9844 is under Sub-issues', async () => {
      serve(DOCS.getLinks);
      const links = await client.getIssueLinks('JUNE-2');
      sentAsDocumented(DOCS.getLinks);
      assert.equal(links.length, 1);
      const [link] = links as [IssueLink];
      assert.equal(link.direction, 'outward');
      assert.equal(link.id, 4709605);
      assert.equal(relationshipOfLink(link), 'is parent task for');
      assert.equal(groupIdOfLink(link), 'subIssues');
      assert.equal(describeRelationship(relationshipOfLink(link)!, 'JUNE-2', link.object.key), 'JUNE-2 is the parent of TREK-9844');
      // type.outward is "the name ... of the issue specified in the request in relation to" object.
      assert.equal(serverLabel(link), 'Parent issue');
      const groups = groupLinks(links);
      assert.deepEqual(groups.map((g) => [words.groupLabel(g.group.id), g.links.map((l) => l.object.key)]), [[words.groupLabel('subIssues'), ['TREK-9844']]]);
    });

    it('the same link seen from TREK-9844 (inward: "object is the main one") puts JUNE-2 under Parent, as get-issue.md\'s parent field says', async () => {
      serve(DOCS.getIssue);
      const issue = await client.getIssue('JUNE-3');
      sentAsDocumented(DOCS.getIssue);
      const parent = (issue as unknown as { parent?: { key: string } }).parent?.key;
      assert.equal(parent, 'JUNE-2');
      const fromChild: IssueLink = {
        ...(DOCS.getLinks.response.body[0] as unknown as IssueLink),
        direction: 'inward',
        object: { id: '593cd0acef7e8a332414f28e', key: 'JUNE-2', display: 'Task' },
      };
      assert.equal(relationshipOfLink(fromChild), 'is subtask for');
      assert.equal(groupIdOfLink(fromChild), 'parent');
      assert.equal(describeRelationship('is subtask for', issue.key, parent), 'TREK-9844 is a sub-issue of JUNE-2');
      assert.equal(serverLabel(fromChild), 'Sub-issue');
    });

    it('link-issue.md: TEST-1 "relates" TREK-2 is answered inward to its creator, and read as relates', async () => {
      serve(DOCS.createLink);
      const link = await client.createIssueLink('TEST-1', 'relates', 'TREK-2');
      sentAsDocumented(DOCS.createLink);
      assert.equal(link.direction, 'inward');
      // The catalogue expects what the page shows, so a create is not "misread".
      assert.equal(relationshipInfo('relates').direction, link.direction);
      assert.equal(relationshipOfLink(link), 'relates');
      assert.equal(groupIdOfLink(link), 'relates');
      assert.equal(describeRelationship('relates', 'TEST-1', link.object.key), 'TEST-1 relates to TREK-2');
    });

    it('the catalogue predicts the documented direction of the parent side: "is parent task for" from JUNE-2 is outward', () => {
      const documented = DOCS.getLinks.response.body[0]!;
      const info = relationshipInfo('is parent task for');
      assert.deepEqual([info.typeId, info.direction], [documented.type.id, documented.direction]);
      assert.deepEqual([relationshipInfo('is subtask for').typeId, relationshipInfo('is subtask for').direction], ['subtask', 'inward']);
    });

    it('delete-link-issue.md: DELETE …/links/<link-id>, answered 204 with no body', async () => {
      serve(DOCS.deleteLink);
      assert.equal(await client.deleteIssueLink('JUNE-2', 4709605), undefined);
      sentAsDocumented(DOCS.deleteLink);
    });

    it('import-links.md: the body goes out as documented (uid as a number) and the answer is read like get-links.md', async () => {
      serve(DOCS.importLink);
      const link = await client.importIssueLink('JUNE-2', DOCS.importLink.request.body as ImportLinkBody);
      const r = sentAsDocumented(DOCS.importLink);
      assert.equal(typeof (r.body as { createdBy: unknown }).createdBy, 'number', 'a number is a uid, a string a login');
      assert.equal(relationshipOfLink(link), 'is parent task for');
      assert.equal(groupIdOfLink(link), 'subIssues');
    });

    it('linktypes: the type objects of a link (id, inward, outward) come back as they are', async () => {
      serve(DOCS.linkTypes);
      const types = await client.linkTypes();
      sentAsDocumented(DOCS.linkTypes);
      assert.deepEqual(types.map((t) => [t.id, t.inward, t.outward]), [['subtask', 'Sub-issue', 'Parent issue']]);
    });
  });

  describe('the other endpoints', () => {
    it('get-user-info.md: /myself documented as a one-element array is accepted', async () => {
      serve(DOCS.myself);
      const me = await client.myself();
      sentAsDocumented(DOCS.myself);
      assert.equal(me.login, 'ivan.ivanov');
      assert.equal(me.uid, 1120000000049224);
    });

    it('/myself as the bare object is accepted too; a list of two users is not "the current user"', async () => {
      const [one] = DOCS.myself.response.body;
      stub.answer('GET', '/v2/myself', { status: 200, body: one });
      assert.equal((await client.myself()).login, 'ivan.ivanov');
      stub.answer('GET', '/v2/myself', { status: 200, body: [one, one] });
      await assert.rejects(client.myself(), (e: unknown) => isTrackerError(e) && e.kind === 'badResponse');
    });

    it('get-issue.md: an old key answers the issue under its current key, the old one in aliases', async () => {
      serve(DOCS.getIssue);
      const issue = await client.getIssue('JUNE-3');
      assert.deepEqual([issue.key, issue.summary, issue.aliases], ['TREK-9844', 'subtask', ['JUNE-3']]);
      assert.equal(issue.status?.key, 'open');
    });

    it('search-issues.md: the filter body is sent as it is, with paging parameters; X-Total-Pages ends the paging', async () => {
      serve(DOCS.searchIssues);
      const found = await client.searchIssues({ filter: DOCS.searchIssues.request.body.filter });
      const r = sentAsDocumented(DOCS.searchIssues);
      assert.ok(r.query.perPage && r.query.page, 'perPage and page (search-issues.md, common-format.md)');
      assert.deepEqual(found.map((i) => i.key), ['TREK-9844']);
    });

    it('get-suggest: GET /v3/issues/_suggest?input=… (v3 only)', async () => {
      serve(DOCS.suggest);
      const found = await client.suggestIssues('subtask');
      sentAsDocumented(DOCS.suggest);
      assert.deepEqual(found.map((i) => i.key), ['TREK-9844']);
    });

    it('get-statuses: GET /v3/statuses (v3 only); each status\'s `type` is its category, ahead of any guess from the key', async () => {
      serve(DOCS.statuses);
      const list = await client.statuses();
      sentAsDocumented(DOCS.statuses);
      assert.deepEqual(list.map((s) => [s.key, s.type]), [['open', 'new']]);
      const guesses: string[] = [];
      const catalog = new StatusCatalog(list, (key) => guesses.push(key));
      assert.equal(catalog.categoryOf({ key: 'open' }), 'new');
      assert.equal(catalog.categoryOf({ id: '1', key: 'OPEN' }), 'new');
      assert.deepEqual(guesses, [], 'a listed status is never guessed');
      assert.equal(catalog.categoryOf({ key: 'closed' }), 'done');
      assert.deepEqual(guesses, ['closed'], 'an unlisted one is, and the guess is reported');
    });

    it('get-queues.md: queues are read page by page', async () => {
      serve(DOCS.queues);
      const queues = await client.queues();
      const r = sentAsDocumented(DOCS.queues);
      assert.ok(r.query.perPage);
      assert.deepEqual(queues.map((q) => q.key), ['TEST']);
    });

    it('get-entity.md and search-entities.md: fields are asked in `fields`, the search text in `input`', async () => {
      serve(DOCS.getEntity);
      const e = await client.getEntity('project', '655f328da834c76300000001');
      const g = stub.requests[0]!;
      assert.deepEqual([g.method, g.path], ['GET', DOCS.getEntity.request.path]);
      assert.ok(g.query.fields?.split(',').includes('summary'));
      assert.deepEqual([e.shortId, e.entityType, e.fields?.summary], [2, 'project', 'Project']);

      stub.reset();
      serve(DOCS.searchEntities);
      const found = await client.searchEntities('project', 'Marketplace');
      const s = stub.requests[0]!;
      assert.deepEqual([s.method, s.path, s.body], ['POST', DOCS.searchEntities.request.path, DOCS.searchEntities.request.body]);
      assert.deepEqual([found.hits, found.values[0]?.fields?.entityStatus], [8, 'in_progress']);
    });

    it('entities links/get-links.md: each link is a relationship and the linked entity\'s fields', async () => {
      serve(DOCS.entityLinks);
      const links = await client.getEntityLinks('project', '655f328da834c76300000001');
      const r = stub.requests[0]!;
      assert.deepEqual([r.method, r.path], ['GET', DOCS.entityLinks.request.path]);
      assert.deepEqual(
        links.map((l) => [l.type, l.linkFieldValues.id, words.entityRelationshipLabel(l.type)]),
        [
          ['is dependent by', '6582874de6db7f5f00000001', 'Blocks'],
          ['relates', '65868f3fe2b9ef7400000001', 'Relates to'],
        ],
      );
    });

    it('entities links/add-links.md and delete-link.md: several links in one array body; a link is removed by `right`', async () => {
      serve(DOCS.addEntityLinks);
      const body = DOCS.addEntityLinks.request.body;
      await client.createEntityLinks('project', '655f328da834c76300000001', body);
      sentAsDocumented(DOCS.addEntityLinks);

      stub.reset();
      serve(DOCS.deleteEntityLink);
      await client.deleteEntityLink('project', '655f328da834c76300000001', '6582874de6db7f5f00000001');
      sentAsDocumented(DOCS.deleteEntityLink);
    });

    it('error-codes.md: each documented status becomes its own kind of failure', async () => {
      const kinds: Array<[number, string]> = [
        [400, 'badRequest'],
        [401, 'unauthorized'],
        [403, 'forbidden'],
        [404, 'notFound'],
        [409, 'conflict'],
        [412, 'conflict'],
        [422, 'validation'],
        [428, 'badRequest'],
      ];
      for (const [status, kind] of kinds) {
        stub.answer('POST', '/v2/issues/TEST-1/links', { status });
        await assert.rejects(client.createIssueLink('TEST-1', 'relates', 'TREK-2'), (e: unknown) => isTrackerError(e) && e.kind === kind && e.status === status, String(status));
      }
    });
  });
});
