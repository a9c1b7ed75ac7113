// A LinkStore over a sandbox Tracker, as the extension builds it (retries on).

import { sandboxClient } from '../sandboxClient';
import type { TrackerClient } from '../../../src/tracker/client';
import { LinkStore } from '../../../src/links/store';
import type { SandboxServer } from '../../sandbox/server';

export function sandboxStore(sb: SandboxServer, o: { maxRetries?: number } = {}): { store: LinkStore; client: TrackerClient } {
  const client = sandboxClient(sb, { retry: { maxRetries: o.maxRetries ?? 0, baseDelayMs: 5, maxDelayMs: 20 } });
  return { store: new LinkStore(() => client), client };
}
