import * as assert from 'node:assert/strict';
import { call, errorOf, useSandbox, type J } from './helpers';

type Issue = {
  self: string;
  id: string;
  key: string;
  summary: string;
  status: { key: string; display: string; id: string; self: string };
  type: { key: string; display: string };
  priority: { key: string };
  assignee?: { id: string; display: string };
  queue: { key: string; display: string };
  aliases?: string[];
  createdAt: string;
  updatedAt: string;
};

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

describe('sandbox: issues, queues, link types', () => {
  const sb = useSandbox();

  it('returns an issue in the documented shape', async () => {
    const r = await call(sb(), 'GET', '/v2/issues/TREK-12');
    assert.equal(r.status, 200);
    const i = r.json as Issue;
    assert.equal(i.key, 'TREK-12');
    assert.match(i.id, /^[0-9a-f]{24}$/);
    assert.equal(i.self, `${sb().url}/v2/issues/TREK-12`);
    assert.equal(i.summary, 'Show linked issues in the sidebar tree');
    assert.equal(i.status.key, 'inProgress');
    assert.equal(i.status.display, 'In progress');
    assert.equal('statusType' in i, false, 'get-issue.md has no statusType');
    assert.deepEqual((i as unknown as { parent?: { key: string } }).parent?.key, 'TREK-10', 'the parent from the subtask link');
    assert.equal(i.type.key, 'task');
    assert.equal(i.queue.key, 'TREK');
    assert.equal(i.queue.display, 'Tracker Links');
    assert.equal(i.assignee?.id, '1120000000001234');
    assert.match(i.createdAt, DATE);
    assert.match(i.updatedAt, DATE);
  });

  it('uses the request version in self links', async () => {
    const i = (await call(sb(), 'GET', '/v3/issues/TREK-12')).json as Issue;
    assert.equal(i.self, `${sb().url}/v3/issues/TREK-12`);
  });

  it('omits the assignee of unassigned issues', async () => {
    const i = (await call(sb(), 'GET', '/v2/issues/TREK-8')).json as J;
    assert.equal('assignee' in i, false);
  });

  it('finds issues case-insensitively, by id and by alias', async () => {
    const byKey = (await call(sb(), 'GET', '/v2/issues/trek-14')).json as Issue;
    assert.equal(byKey.key, 'TREK-14');
    assert.deepEqual(byKey.aliases, ['LEGACY-42']);
    const byId = (await call(sb(), 'GET', `/v2/issues/${byKey.id}`)).json as Issue;
    assert.equal(byId.key, 'TREK-14');
    const byAlias = (await call(sb(), 'GET', '/v2/issues/legacy-42')).json as Issue;
    assert.equal(byAlias.key, 'TREK-14');
  });

  it('answers 404 naming the missing issue', async () => {
    const r = await call(sb(), 'GET', '/v2/issues/TREK-999');
    assert.equal(r.status, 404);
    assert.deepEqual(errorOf(r).errorMessages, ['Issue TREK-999 not found']);
    assert.equal(errorOf(r).statusCode, 404);
  });

  it('switches display strings to Russian with Accept-Language: ru', async () => {
    const headers = { 'Accept-Language': 'ru-RU,ru;q=0.9' };
    const i = (await call(sb(), 'GET', '/v2/issues/TREK-12', { headers })).json as Issue;
    assert.equal(i.status.display, 'В работе');
    assert.equal(i.type.display, 'Задача');
    const types = (await call(sb(), 'GET', '/v2/linktypes', { headers })).json as Array<{ id: string; outward: string }>;
    assert.equal(types.find((t) => t.id === 'depends')?.outward, 'Зависит от');
    const en = (await call(sb(), 'GET', '/v2/linktypes', { headers: { 'Accept-Language': 'en-US,ru;q=0.5' } })).json as Array<{ id: string; outward: string }>;
    assert.equal(en.find((t) => t.id === 'depends')?.outward, 'Depends on');
  });

  it('lists the six standard link types and an organisation\'s own one, with English labels', async () => {
    const r = await call(sb(), 'GET', '/v2/linktypes');
    assert.equal(r.status, 200);
    const types = r.json as Array<{ self: string; id: string; inward: string; outward: string }>;
    assert.deepEqual(
      types.map((t) => [t.id, t.inward, t.outward]),
      [
        ['relates', 'Relates', 'Relates'],
        ['depends', 'Is dependent by', 'Depends on'],
        ['subtask', 'Sub-issue', 'Parent issue'],
        ['duplicates', 'Is duplicated by', 'Duplicates'],
        ['epic', 'Issue in epic', 'Epic'],
        ['clone', 'Clone', 'Original'],
        ['implements', 'Is implemented by', 'Implements'],
      ],
    );
    assert.equal(types[0]?.self, `${sb().url}/v2/linktypes/relates`);
  });

  it('pages queues with X-Total-Count, X-Total-Pages and Link rel="next"', async () => {
    const all = await call(sb(), 'GET', '/v2/queues');
    assert.deepEqual((all.json as Array<{ key: string }>).map((q) => q.key), ['TREK', 'WEB', 'MOB', 'OPS', 'LEGAL']);
    assert.equal(all.headers.get('x-total-count'), '5');
    assert.equal(all.headers.get('x-total-pages'), '1');
    assert.equal(all.headers.get('link'), null);

    const p1 = await call(sb(), 'GET', '/v2/queues?perPage=2');
    assert.deepEqual((p1.json as Array<{ key: string }>).map((q) => q.key), ['TREK', 'WEB']);
    assert.equal(p1.headers.get('x-total-count'), '5');
    assert.equal(p1.headers.get('x-total-pages'), '3');
    const link = p1.headers.get('link') ?? '';
    const next = /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
    assert.ok(next, link);
    const p2 = await call(sb(), 'GET', next.slice(sb().url.length));
    assert.deepEqual((p2.json as Array<{ key: string }>).map((q) => q.key), ['MOB', 'OPS']);
    const p3 = await call(sb(), 'GET', '/v2/queues?perPage=2&page=3');
    assert.deepEqual((p3.json as Array<{ key: string }>).map((q) => q.key), ['LEGAL']);
    assert.equal(p3.headers.get('link'), null);
    const q = (p3.json as J[])[0] as J;
    // get-queues.md without expand: no team, issue types, versions or workflows.
    assert.deepEqual(Object.keys(q).sort(), ['assignAuto', 'defaultPriority', 'defaultType', 'denyVoting', 'description', 'id', 'key', 'lead', 'name', 'self', 'version']);
  });
});

describe('sandbox: issue search and suggest', () => {
  const sb = useSandbox();
  const keys = (r: { json: unknown }): string[] => (r.json as Issue[]).map((i) => i.key);

  it('needs exactly one of keys, queue, filter or query', async () => {
    for (const body of [{}, { keys: ['TREK-1'], queue: 'TREK' }, { order: '+key' }]) {
      const r = await call(sb(), 'POST', '/v2/issues/_search', { body });
      assert.equal(r.status, 400, JSON.stringify(body));
    }
    assert.equal((await call(sb(), 'POST', '/v2/issues/_search', { body: { keys: ['TREK-1'], bogus: 1 } })).status, 422);
  });

  it('searches by keys in the given order, skipping unknown ones', async () => {
    const r = await call(sb(), 'POST', '/v2/issues/_search', { body: { keys: ['TREK-14', 'nope-1', 'trek-1', 'LEGACY-42'] } });
    assert.equal(r.status, 200);
    assert.deepEqual(keys(r), ['TREK-14', 'TREK-1']);
  });

  it('searches by queue', async () => {
    const r = await call(sb(), 'POST', '/v2/issues/_search', { body: { queue: 'OPS' } });
    assert.deepEqual(keys(r), ['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4']);
  });

  it('filters by queue, assignee login, status and type', async () => {
    const r = await call(sb(), 'POST', '/v2/issues/_search', { body: { filter: { queue: 'TREK', assignee: 'sandbox.user', status: 'inProgress' } } });
    assert.deepEqual(keys(r), ['TREK-1', 'TREK-10', 'TREK-12', 'TREK-18']);
    const epics = await call(sb(), 'POST', '/v2/issues/_search', { body: { filter: { type: 'epic' } } });
    assert.deepEqual(keys(epics), ['TREK-1', 'TREK-2', 'WEB-1', 'MOB-1']);
    const bad = await call(sb(), 'POST', '/v2/issues/_search', { body: { filter: { colour: 'red' } } });
    assert.equal(bad.status, 422);
  });

  it('understands a tiny query language: Queue, Summary and free text', async () => {
    const q = async (query: string): Promise<string[]> => keys(await call(sb(), 'POST', '/v2/issues/_search', { body: { query } }));
    assert.deepEqual(await q('Queue: MOB'), ['MOB-1', 'MOB-2', 'MOB-3', 'MOB-4', 'MOB-5']);
    assert.deepEqual(await q('Queue: TREK Summary: "linked issues"'), ['TREK-12', 'TREK-13']);
    assert.deepEqual(await q('linked issues'), ['TREK-12', 'TREK-13', 'WEB-4', 'MOB-4']);
    assert.deepEqual(await q('Queue: WEB AND "LINKED ISSUES" "Sort By": Updated DESC'), ['WEB-4']);
  });

  it('pages search results', async () => {
    const r = await call(sb(), 'POST', '/v2/issues/_search?perPage=10', { body: { queue: 'TREK' } });
    assert.equal((r.json as unknown[]).length, 10);
    assert.equal(r.headers.get('x-total-count'), '24');
    assert.equal(r.headers.get('x-total-pages'), '3');
    assert.match(r.headers.get('link') ?? '', /page=2.*rel="next"/);
    const last = await call(sb(), 'POST', '/v2/issues/_search?perPage=10&page=3', { body: { queue: 'TREK' } });
    assert.deepEqual(keys(last), ['TREK-21', 'TREK-22', 'TREK-23', 'TREK-24']);
  });

  // get-suggest (yandex.ru/support/tracker/en/concepts/issues/get-suggest): "issues whose summary contains the entered text".
  it('suggests by summary only on v3, at most 20, and is absent on v2', async () => {
    const r = await call(sb(), 'GET', '/v3/issues/_suggest?input=sidebar');
    assert.equal(r.status, 200);
    assert.deepEqual(keys(r), ['TREK-12', 'TREK-13', 'TREK-21']);
    assert.deepEqual(keys(await call(sb(), 'GET', '/v3/issues/_suggest?input=ops-2')), [], 'a key is not summary text');
    assert.deepEqual(keys(await call(sb(), 'GET', '/v3/issues/_suggest?input=TREK-1')), [], 'nor is a whole key');
    assert.equal(keys(await call(sb(), 'GET', '/v3/issues/_suggest?input=e')).length, 20);
    assert.equal((await call(sb(), 'GET', '/v2/issues/_suggest?input=sidebar')).status, 404);
  });
});
