import * as assert from 'node:assert/strict';
import { hexId } from '../../sandbox/seed';
import { call, errorOf, useSandbox, type J } from './helpers';

type Entity = {
  self: string;
  id: string;
  shortId: number;
  entityType: string;
  version: number;
  createdBy: { id: string; display: string };
  createdAt: string;
  updatedAt: string;
  fields: J;
};
type EntityLink = { type: string; linkFieldValues: J & { id?: string; shortId?: number; entityType?: string } };

// Seed ids are derived from shortIds: projects 1-5, portfolios 6-7, goals 8-12.
const P1 = hexId('entity:1');
const P2 = hexId('entity:2');
const G8 = hexId('entity:8');

describe('sandbox: entities', () => {
  const sb = useSandbox();
  const links = async (type: string, id: string | number, fields = 'summary,entityStatus'): Promise<EntityLink[]> =>
    (await call(sb(), 'GET', `/v2/entities/${type}/${id}/links?fields=${fields}`)).json as EntityLink[];

  it('returns an entity with only the requested fields', async () => {
    const r = await call(sb(), 'GET', `/v2/entities/project/${P1}?fields=summary,entityStatus,lead`);
    assert.equal(r.status, 200);
    const e = r.json as Entity;
    assert.equal(e.id, P1);
    assert.equal(e.shortId, 1);
    assert.equal(e.entityType, 'project');
    assert.equal(e.self, `${sb().url}/v2/entities/project/${P1}`);
    assert.equal(typeof e.version, 'number');
    assert.ok(e.createdBy.display && e.createdAt && e.updatedAt);
    assert.deepEqual(Object.keys(e.fields), ['summary', 'entityStatus', 'lead']);
    assert.equal(e.fields.summary, 'Tracker Links for VS Code');
    assert.equal(e.fields.entityStatus, 'in_progress');
    assert.equal((e.fields.lead as J).display, 'Sandbox User');
    const bare = (await call(sb(), 'GET', `/v2/entities/project/${P1}`)).json as Entity;
    assert.deepEqual(bare.fields, {});
  });

  it('accepts the shortId in paths; the type must match', async () => {
    assert.equal(((await call(sb(), 'GET', '/v2/entities/project/1')).json as Entity).id, P1);
    assert.equal((await call(sb(), 'GET', '/v2/entities/goal/1')).status, 404);
    assert.equal((await call(sb(), 'GET', '/v2/entities/project/999')).status, 404);
    assert.equal((await call(sb(), 'GET', '/v2/entities/widget/1')).status, 404);
  });

  it('has at least 3 projects, 2 portfolios and 3 goals with known statuses', async () => {
    const statuses = ['draft', 'in_progress', 'launched', 'postponed', 'at_risk', 'blocked', 'according_to_plan'];
    for (const [type, min] of [['project', 3], ['portfolio', 2], ['goal', 3]] as const) {
      const r = await call(sb(), 'POST', `/v2/entities/${type}/_search?fields=summary,entityStatus,lead`, { body: {} });
      assert.equal(r.status, 200);
      const res = r.json as { hits: number; pages: number; values: Entity[] };
      assert.ok(res.hits >= min, type);
      for (const e of res.values) {
        assert.equal(e.entityType, type);
        assert.ok(statuses.includes(String(e.fields.entityStatus)));
        assert.ok(e.fields.summary && e.fields.lead);
      }
    }
  });

  it('searches by input, filter, order, rootOnly and pages', async () => {
    const search = async (body: unknown, query = 'fields=summary'): Promise<{ hits: number; pages: number; values: Entity[] }> =>
      (await call(sb(), 'POST', `/v2/entities/project/_search?${query}`, { body })).json as { hits: number; pages: number; values: Entity[] };
    const byInput = await search({ input: 'TRACKER links' });
    assert.deepEqual(byInput.values.map((e) => e.shortId), [1]);
    const byStatus = await search({ filter: { entityStatus: ['blocked', 'at_risk'] } });
    assert.deepEqual(byStatus.values.map((e) => e.shortId), [4, 5]);
    const ordered = await search({ orderBy: 'summary', orderAsc: false });
    assert.deepEqual(ordered.values.map((e) => e.fields.summary), [...ordered.values.map((e) => String(e.fields.summary))].sort().reverse());
    const paged = await search({}, 'perPage=2&page=2');
    assert.deepEqual([paged.hits, paged.pages, paged.values.map((e) => e.shortId)], [5, 3, [3, 4]]);
    const roots = (await call(sb(), 'POST', '/v2/entities/portfolio/_search', { body: { rootOnly: true } })).json as { hits: number };
    assert.equal(roots.hits, 2);
    assert.equal((await search({ rootOnly: true })).hits, 0);
    assert.equal((await call(sb(), 'POST', '/v2/entities/project/_search')).status, 200);
    assert.equal((await call(sb(), 'POST', '/v2/entities/project/_search', { body: { nope: 1 } })).status, 422);
    assert.equal((await call(sb(), 'POST', '/v2/entities/project/_search', { body: { orderBy: 'colour' } })).status, 422);
  });

  it('lists links read from the entity, across types', async () => {
    const list = await links('project', P1, 'id,entityType,shortId,summary,entityStatus');
    const by = (shortId: number): EntityLink | undefined => list.find((l) => l.linkFieldValues.shortId === shortId);
    assert.equal(by(2)?.type, 'depends on');
    assert.equal(by(3)?.type, 'is dependent by');
    assert.equal(by(8)?.type, 'relates');
    assert.equal(by(8)?.linkFieldValues.entityType, 'goal');
    assert.equal(by(8)?.linkFieldValues.id, G8);
    assert.equal(by(2)?.linkFieldValues.summary, 'Issue key detection');
    assert.equal(by(2)?.linkFieldValues.entityStatus, 'launched');
    assert.equal('lead' in (by(2)?.linkFieldValues ?? {}), false);
    const reverse = await links('project', P2, 'id,summary');
    assert.equal(reverse.find((l) => l.linkFieldValues.id === P1)?.type, 'is dependent by');
    assert.deepEqual(sb().entityLinksOf('goal', '9').map((l) => l.relationship).sort(), ['relates', 'relates']);
  });

  // en/tracker/concepts/entities/links/get-links.md: "linkFieldValues — List
  // of fields and their values in linked entities. List of fields is
  // specified in the `fields` parameter of the request"; its example asks
  // `?fields=id,summary` and each answer holds exactly `summary` and `id`.
  it('linkFieldValues holds the requested fields and nothing else, not even the id', async () => {
    const documented = await links('project', P1, 'id,summary');
    assert.equal(documented.length, 3);
    for (const l of documented) assert.deepEqual(Object.keys(l.linkFieldValues).sort(), ['id', 'summary']);
    const noId = await links('project', P1, 'summary,entityStatus');
    for (const l of noId) assert.deepEqual(Object.keys(l.linkFieldValues).sort(), ['entityStatus', 'summary']);
    const none = (await call(sb(), 'GET', `/v2/entities/project/${P1}/links`)).json as EntityLink[];
    assert.deepEqual(none.map((l) => l.linkFieldValues), [{}, {}, {}]);
    const ordered = await links('project', P1, 'summary,id,summary,colour');
    assert.deepEqual(Object.keys(ordered[0].linkFieldValues), ['summary', 'id']);
  });

  it('creates one link from an object body, visible from both sides', async () => {
    const r = await call(sb(), 'POST', `/v2/entities/project/${P2}/links`, { body: { relationship: 'depends on', entity: '5' } });
    assert.equal(r.status, 200, r.text);
    const p5 = hexId('entity:5');
    assert.ok(sb().entityLinksOf('project', P2).some((l) => l.relationship === 'depends on' && l.entity === p5));
    assert.ok(sb().entityLinksOf('project', p5).some((l) => l.relationship === 'is dependent by' && l.entity === P2));
  });

  it('creates several links from an array body, crossing types', async () => {
    const body = [
      { relationship: 'relates', entity: hexId('entity:11') },
      { relationship: 'is dependent by', entity: 7 },
    ];
    const r = await call(sb(), 'POST', '/v2/entities/project/2/links', { body });
    assert.equal(r.status, 200, r.text);
    const got = sb().entityLinksOf('project', P2);
    assert.ok(got.some((l) => l.relationship === 'relates' && l.entity === hexId('entity:11')));
    assert.ok(got.some((l) => l.relationship === 'is dependent by' && l.entity === hexId('entity:7')));
    assert.ok(sb().entityLinksOf('portfolio', '7').some((l) => l.relationship === 'depends on' && l.entity === P2));
  });

  it('validates every item first: one bad item creates nothing', async () => {
    const before = sb().entityLinksOf('project', P2).length;
    const cases: Array<[unknown, number]> = [
      [[{ relationship: 'relates', entity: '11' }, { relationship: 'blocks', entity: '12' }], 422],
      [[{ relationship: 'relates', entity: '11' }, { relationship: 'relates', entity: '11' }], 422],
      [[{ relationship: 'relates', entity: '11' }, { relationship: 'relates', entity: P1 }], 422],
      [[{ relationship: 'relates', entity: '11' }, { relationship: 'relates', entity: '2' }], 422],
      [[{ relationship: 'relates', entity: '11' }, { relationship: 'relates', entity: '404' }], 404],
      [[{ relationship: 'relates', entity: '11' }, { relationship: 'relates' }], 400],
      [[{ relationship: 'relates', entity: '11', extra: true }], 422],
      [[], 422],
    ];
    for (const [body, status] of cases) {
      const r = await call(sb(), 'POST', `/v2/entities/project/${P2}/links`, { body });
      assert.equal(r.status, status, JSON.stringify(body));
      assert.equal(errorOf(r).statusCode, status);
    }
    assert.equal(sb().entityLinksOf('project', P2).length, before);
  });

  // add-links.md names three values: is dependent by, depends on, relates.
  it('accepts only the documented relationships, between entities of any kinds', async () => {
    for (const relationship of ['parent entity', 'child entity', 'blocks']) {
      const r = await call(sb(), 'POST', '/v2/entities/goal/10/links', { body: { relationship, entity: '8' } });
      assert.equal(r.status, 422, relationship);
      assert.ok(errorOf(r).errors.relationship);
    }
    const cross = await call(sb(), 'POST', '/v2/entities/goal/10/links', { body: { relationship: 'is dependent by', entity: hexId('entity:6') } });
    assert.equal(cross.status, 200, cross.text);
    assert.ok(sb().entityLinksOf('portfolio', '6').some((l) => l.relationship === 'depends on' && l.entity === hexId('entity:10')));
  });

  it('deletes a link by ?right= with 200, and 404 when there is none', async () => {
    const r = await call(sb(), 'DELETE', `/v2/entities/project/${P1}/links?right=${P2}`);
    assert.equal(r.status, 200);
    assert.equal(sb().entityLinksOf('project', P1).some((l) => l.entity === P2), false);
    assert.equal((await call(sb(), 'DELETE', `/v2/entities/project/${P1}/links?right=${P2}`)).status, 404);
    assert.equal((await call(sb(), 'DELETE', '/v2/entities/project/3/links?right=1')).status, 200);
    assert.equal((await call(sb(), 'DELETE', `/v2/entities/project/${P1}/links`)).status, 400);
    assert.equal((await call(sb(), 'DELETE', `/v2/entities/project/${P1}/links?right=nope`)).status, 404);
  });
});
