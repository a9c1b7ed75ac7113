// A LinkStore over a sandbox Tracker, as the extension builds it (retries on).

import { HttpClient } from '../../../src/tracker/http';
import { TrackerClient } from '../../../src/tracker/client';
import { LinkStore } from '../../../src/links/store';
import type { SandboxServer } from '../../sandbox/server';

export function sandboxStore(sb: SandboxServer, o: { maxRetries?: number } = {}): { store: LinkStore; client: TrackerClient } {
  const http = new HttpClient({
    baseUrl: sb.url,
    credentials: async () => ({ tokenKind: 'oauth', token: sb.token }),
    org: () => ({ kind: 'yandex360', id: sb.orgId }),
    userAgent: 'TrackerLinks-Test/0',
    retry: { maxRetries: o.maxRetries ?? 0, baseDelayMs: 5, maxDelayMs: 20 },
  });
  const client = new TrackerClient(http);
  return { store: new LinkStore(() => client), client };
}
