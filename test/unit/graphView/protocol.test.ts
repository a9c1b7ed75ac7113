import { strict as assert } from 'node:assert';
import { parseMessage } from '../../../src/graphView/protocol';

describe('graphView/protocol: messages from the webview', () => {
  const shown = new Set(['TREK-12', 'TREK-14']);

  it('accepts the messages the panel understands, about nodes in the picture', () => {
    assert.deepEqual(parseMessage({ type: 'makeCurrent', key: 'TREK-14' }, shown), { type: 'makeCurrent', key: 'TREK-14' });
    assert.deepEqual(parseMessage({ type: 'graphAround', key: 'TREK-12', extra: 1 }, shown), { type: 'graphAround', key: 'TREK-12' });
    assert.deepEqual(parseMessage({ type: 'depth', depth: 5 }, shown), { type: 'depth', depth: 5 });
    assert.deepEqual(parseMessage({ type: 'kinds', kinds: 'hierarchy' }, shown), { type: 'kinds', kinds: 'hierarchy' });
    assert.deepEqual(parseMessage({ type: 'export', format: 'insertMermaid' }, shown), { type: 'export', format: 'insertMermaid' });
    assert.deepEqual(parseMessage({ type: 'painted', nodes: 3 }, shown), { type: 'painted', nodes: 3 });
    assert.deepEqual(parseMessage({ type: 'refresh' }, shown), { type: 'refresh' });
  });

  it('ignores anything else: unknown types, keys not shown, values out of range, wrong shapes', () => {
    for (const bad of [
      undefined,
      null,
      'makeCurrent',
      42,
      [],
      { type: 'makeCurrent' },
      { type: 'makeCurrent', key: 'OPS-4' },
      { type: 'makeCurrent', key: 'trek-14' },
      { type: 'open', key: 'javascript:alert(1)' },
      { type: 'copyKey', key: ['TREK-12'] },
      { type: 'depth', depth: 0 },
      { type: 'depth', depth: 6 },
      { type: 'depth', depth: 2.5 },
      { type: 'depth', depth: '3' },
      { type: 'kinds', kinds: 'everything' },
      { type: 'export', format: 'png' },
      { type: 'painted', nodes: -1 },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'constructor', key: 'TREK-12' },
      { type: '__proto__', key: 'TREK-12' },
    ]) {
      assert.equal(parseMessage(bad, shown), undefined, JSON.stringify(bad));
    }
  });
});
