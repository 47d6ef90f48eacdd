import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A local HTTP server on 127.0.0.1 that records requests and answers each `METHOD path` from a table. */
export class FakeGatewayServer {
  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    readonly requests: RecordedRequest[],
  ) {}

  static async start(routes: Readonly<Record<string, FakeResponse>>): Promise<FakeGatewayServer> {
    const requests: RecordedRequest[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const recorded = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
        requests.push(recorded);
        const route = routes[`${recorded.method} ${recorded.url}`] ?? { status: 404, body: { message: 'not found' } };
        response.writeHead(route.status, { 'Content-Type': 'application/json' });
        response.end(typeof route.body === 'string' ? route.body : JSON.stringify(route.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeGatewayServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests);
  }

  get lastRequest(): RecordedRequest {
    const last = this.requests.at(-1);
    if (!last) throw new Error('no request received');
    return last;
  }

  lastJsonBody(): Record<string, unknown> {
    return JSON.parse(this.lastRequest.body) as Record<string, unknown>;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
