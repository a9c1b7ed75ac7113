import { groupLinks } from '../src/links/grouping';
import type { IssueLink } from '../src/tracker/types';
import { startSandbox } from '../test/sandbox/server';
import { sandboxClient } from '../test/unit/sandboxClient';
import { LinkStore } from '../src/links/store';
import { median, timeRuns, fmtMs, type Row } from './util';

const TYPES: Array<[string, string, string]> = [
  ['subtask', 'Sub-issue', 'Parent issue'],
  ['depends', 'Is dependent by', 'Depends on'],
  ['relates', 'Relates', 'Relates'],
  ['duplicates', 'Is duplicated by', 'Duplicates'],
  ['epic', 'Issue in epic', 'Epic'],
  ['clone', 'Clone', 'Original'],
];
const STATUSES = ['open', 'inProgress', 'needInfo', 'review', 'resolved', 'closed'];

/** A link list shaped like the API's, for an issue with `n` links. */
export function generateLinks(n: number): IssueLink[] {
  return Array.from({ length: n }, (_, i) => {
    const [id, inward, outward] = TYPES[i % TYPES.length];
    return {
      id: i + 1,
      type: { id, inward, outward },
      direction: i % 2 ? 'inward' : 'outward',
      object: { id: `obj${i}`, key: `Q${'ABCDE'[i % 5]}-${(i * 7919) % 100000}`, display: `Linked issue number ${i}` },
      status: { key: STATUSES[i % STATUSES.length], display: STATUSES[i % STATUSES.length] },
      createdAt: '2026-01-01T00:00:00.000+0000',
    };
  });
}

export async function treeModelBench(): Promise<Row[]> {
  const links = generateLinks(2000);
  groupLinks(links); // warm-up: JIT
  const runs = await timeRuns(25, () => groupLinks(links));
  return [{ section: 'Tree model', metric: 'group 2,000 links', value: fmtMs(median(runs)), note: `median of ${runs.length}` }];
}

/**
 * The hover's data path (cache + client + HTTP) against the sandbox with 50 ms
 * of latency: what a hover waits for, and how many requests it sends.
 */
export async function hoverDataBench(): Promise<Row[]> {
  const sb = await startSandbox();
  try {
    const makeCache = () => {
      const client = sandboxClient(sb, { userAgent: 'TrackerLinks-Bench/0' });
      return new LinkStore(() => client);
    };
    sb.setFaults({ latencyMs: 50 });
    const hover = (c: LinkStore) => Promise.all([c.getIssue('TREK-12'), c.getLinks('TREK-12')]);
    const first: number[] = [];
    const repeat: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c = makeCache();
      first.push(...(await timeRuns(1, () => hover(c))));
      repeat.push(...(await timeRuns(1, () => hover(c))));
    }
    const c = makeCache();
    const before = sb.countRequests();
    await Promise.all(Array.from({ length: 20 }, () => hover(c)));
    const concurrent = sb.countRequests() - before;
    return [
      { section: 'Hover data', metric: 'first hover (issue + links, 50 ms latency)', value: fmtMs(median(first)), note: 'median of 5; 2 parallel GETs' },
      { section: 'Hover data', metric: 'repeated hover (cached)', value: fmtMs(median(repeat)), note: '0 requests' },
      { section: 'Hover data', metric: '20 concurrent hovers of one key', value: `${concurrent} requests`, note: '1 issue GET + 1 links GET' },
    ];
  } finally {
    await sb.close();
  }
}
