// A tiny HTTP server on 127.0.0.1 that answers each request with the
// documented response of its endpoint and records what the client sent. The
// real TrackerClient talks to it over real HTTP.

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface StubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON; undefined without a body. */
  body: unknown;
}

export class DocStub {
  readonly requests: StubRequest[] = [];
  private readonly answers = new Map<string, StubAnswer>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<DocStub> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const stub = new DocStub(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => stub.handle(req, res));
    return stub;
  }

  /** `GET /v2/myself` → this answer, until replaced or reset. */
  answer(method: string, path: string, a: StubAnswer): void {
    this.answers.set(`${method.toUpperCase()} ${path}`, a);
  }

  reset(): void {
    this.answers.clear();
    this.requests.splice(0);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.url);
      const text = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const method = (req.method ?? 'GET').toUpperCase();
      this.requests.push({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      });
      const a = this.answers.get(`${method} ${url.pathname}`);
      if (!a) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ errorMessages: [`no documented answer for ${method} ${url.pathname}`], errors: {}, statusCode: 404 }));
        return;
      }
      if (a.body === undefined) {
        res.writeHead(a.status, a.headers ?? {});
        res.end();
        return;
      }
      const out = JSON.stringify(a.body);
      res.writeHead(a.status, { ...a.headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(out) });
      res.end(out);
    });
  }
}
