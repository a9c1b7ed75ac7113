// "A client against the sandbox", built once for every unit test: the
// sandbox's URL, token and organisation, as the extension's Connection builds
// a client from settings and SecretStorage. Each test passes only what it
// changes (retries, timeouts, a fetch that records signals, a logger).

import { HttpClient, type HttpClientOptions } from '../../src/tracker/http';
import { TrackerClient } from '../../src/tracker/client';
import type { LinkAnswerReader } from '../../src/tracker/types';
import type { SandboxServer } from '../sandbox/server';

export function sandboxHttp(sb: SandboxServer, over: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    baseUrl: sb.url,
    credentials: async () => ({ tokenKind: 'oauth', token: sb.token }),
    org: () => ({ kind: sb.orgKind, id: sb.orgId }),
    userAgent: 'TrackerLinks-Test/0',
    ...over,
  });
}

export function sandboxClient(sb: SandboxServer, over: Partial<HttpClientOptions> = {}, links?: LinkAnswerReader): TrackerClient {
  return new TrackerClient(sandboxHttp(sb, over), links);
}
