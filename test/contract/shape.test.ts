// The shape check must be able to fail: a checker that passes everything
// would make the contract suite a formality.
import * as assert from 'node:assert/strict';
import { shapeDiff } from './shape';

describe('contract: the shape check', () => {
  const doc = { id: 1, type: { id: 'subtask', inward: 'Sub-issue' }, assignee: { id: '1' }, list: [{ key: 'A' }] };

  it('passes the same shape with other values', () => {
    assert.deepEqual(shapeDiff(doc, { id: 7, type: { id: 'x', inward: 'y' }, assignee: { id: '2' }, list: [{ key: 'B' }, { key: 'C' }] }), []);
  });

  it('names a missing key, an undocumented key and a changed type, at any depth and in list items', () => {
    const got = { id: '1', type: { id: 'subtask', login: 'x' }, assignee: { id: '1' }, list: [{ key: 'A' }, { key: 2 }] };
    assert.deepEqual(shapeDiff(doc, got), [
      'id: documented number, got string',
      'type.inward: documented, missing',
      'type.login: not documented',
      'list[1].key: documented string, got number',
    ]);
    assert.deepEqual(shapeDiff([doc], {}), ['(root): documented array, got object']);
  });

  it('tolerates a difference only in keys marked optional', () => {
    const without = { id: 1, type: { id: 'subtask', inward: 'Sub-issue' }, list: [], status: {} };
    assert.deepEqual(shapeDiff(doc, without), ['assignee: documented, missing', 'status: not documented']);
    assert.deepEqual(shapeDiff(doc, without, { optional: { assignee: 'why', status: 'why' } }), []);
    assert.deepEqual(shapeDiff([doc], [without], { optional: { '[].assignee': 'why' } }), ['[0].status: not documented']);
  });

  it('holds "requested" objects to exactly the requested fields', () => {
    const docLinks = [{ type: 'relates', linkFieldValues: { summary: 'First', id: 'a' } }];
    const rules = { requested: { '[].linkFieldValues': ['id', 'summary'] } };
    assert.deepEqual(shapeDiff(docLinks, [{ type: 'relates', linkFieldValues: { id: 'b', summary: 'S' } }], rules), []);
    assert.deepEqual(shapeDiff(docLinks, [{ type: 'relates', linkFieldValues: { id: 'b', summary: 'S', shortId: 3 } }], rules), [
      '[0].linkFieldValues: not requested, yet answered: shortId',
    ]);
    assert.deepEqual(shapeDiff(docLinks, [{ type: 'relates', linkFieldValues: { summary: 'S' } }], rules), [
      '[0].linkFieldValues: requested, not answered: id',
    ]);
  });
});
