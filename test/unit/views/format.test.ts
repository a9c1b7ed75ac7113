import { strict as assert } from 'node:assert';
import { entityLinkContext, linkedIssueContext, markdownLink } from '../../../src/views/format';
import { parseTrackerDate, typedEntityId } from '../../../src/tracker/values';

describe('views: text helpers', () => {
  it('markdownLink escapes brackets and backslashes in the summary', () => {
    assert.equal(
      markdownLink('TREK-12', 'Fix [x] in a\\b', 'https://tracker.yandex.ru/TREK-12'),
      '[TREK-12: Fix \\[x\\] in a\\\\b](https://tracker.yandex.ru/TREK-12)',
    );
  });

  it('markdownLink without a summary is the key alone, and keeps the URL a single target', () => {
    assert.equal(markdownLink('TREK-1', undefined, 'https://x.test/a b(1)'), '[TREK-1](https://x.test/a%20b%281%29)');
  });

  it('linkedIssueContext encodes kind, removability, type and direction for the menus', () => {
    const link = { id: 4709606, type: { id: 'depends', inward: 'Blocks', outward: 'Depends on' }, direction: 'outward' as const };
    const cv = linkedIssueContext(link);
    assert.equal(cv, 'linkedIssue.removable.type-depends.dir-outward');
    // What package.json matches on:
    assert.match(cv, /linkedIssue/);
    assert.match(cv, /removable/);
    assert.match(cv, /issue/i);
    assert.equal(linkedIssueContext(link, true), 'linkedIssue.removable.type-depends.dir-outward.repeated');
  });

  it('linkedIssueContext keeps odd custom type ids inside one dotted part', () => {
    const cv = linkedIssueContext({ id: 1, type: { id: 'my.custom type', inward: '', outward: '' }, direction: 'inward' });
    assert.equal(cv, 'linkedIssue.removable.type-my_custom_type.dir-inward');
  });

  it('entityLinkContext starts with entityLink', () => {
    assert.equal(entityLinkContext('depends on', 'goal'), 'entityLink.rel-depends_on.type-goal');
  });

  it('parseTrackerDate reads the +hhmm offset Tracker sends', () => {
    assert.equal(parseTrackerDate('2017-08-29T12:34:41.740+0000')?.toISOString(), '2017-08-29T12:34:41.740Z');
    assert.equal(parseTrackerDate('2017-08-29T15:34:41.740+0300')?.toISOString(), '2017-08-29T12:34:41.740Z');
    assert.equal(parseTrackerDate('not a date'), undefined);
    assert.equal(parseTrackerDate(undefined), undefined);
  });

  it('typedEntityId accepts a 24-hex id or a short number, nothing else', () => {
    assert.equal(typedEntityId(' 5f0c1a2b3c4d5e6f7a8b9c0d '), '5f0c1a2b3c4d5e6f7a8b9c0d');
    assert.equal(typedEntityId('#12'), '12');
    assert.equal(typedEntityId('Tracker Links'), undefined);
    assert.equal(typedEntityId('5f0c'), undefined);
  });
});
