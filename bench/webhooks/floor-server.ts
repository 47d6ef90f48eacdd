/**
 * The webhook benchmark's floor: a bare `node:http` server doing exactly the intake's essential work and nothing else
 * — read the raw body, check the signature with the same gateway registry, one `INSERT … ON CONFLICT DO NOTHING` into
 * the inbox table over the same TypeORM/pg pool, answer 200 — in its own process like the API:
 * `node -r @swc-node/register bench/webhooks/floor-server.ts` with `PORT`, `DATABASE_URL` and `LUNAS_PAYMENTS_CONFIG`
 * as for the API. Its rows are stamped booked, so the API's inbox processor leaves them alone. Prints `ready` once
 * listening; exits on SIGTERM. `GET /metrics` answers its event loop delay since the previous call in the API's metric
 * names (`monitorEventLoopDelay`, 10 ms resolution like prom-client's), for the benchmark to compare.
 */
import { isGatewayName, PaymentGatewayRegistry, paymentsConfigFromEnv, redactWebhookHeaders } from '@lunas/payments';
import { createDataSource } from '@lunas/persistence';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const registry = new PaymentGatewayRegistry(paymentsConfigFromEnv(process.env), { fetch: (url, init) => fetch(url, init) });

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

async function main(): Promise<void> {
  const dataSource = await createDataSource(String(process.env['DATABASE_URL']), { applicationName: 'lunas-bench-floor' }).initialize();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.end(`lunas_nodejs_eventloop_lag_p99_seconds ${loopDelay.percentile(99) / 1e9}\nlunas_nodejs_eventloop_lag_max_seconds ${loopDelay.max / 1e9}\n`);
      loopDelay.reset();
      return;
    }
    const gateway = (request.url ?? '').split('/')[2] ?? '';
    readBody(request).then(async (body) => {
      const verification = isGatewayName(gateway) ? registry.verifyWebhook(gateway, body, request.headers, new Date()) : undefined;
      if (!verification?.ok) return answer(response, 401, { message: 'bad signature' });
      const { events, accountId } = verification;
      const headers = JSON.stringify(redactWebhookHeaders(request.headers));
      const values = events.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6}, now())`);
      const inserted: unknown[] = await dataSource.query(
        `INSERT INTO payment_events (gateway, event_id, raw_body, headers, event, account_id, booked_at) VALUES ${values.join(', ')}
           ON CONFLICT (gateway, account_id, event_id) DO NOTHING RETURNING id`,
        events.flatMap((event) => [event.gateway, event.eventId, body.toString('utf8'), headers, JSON.stringify(event), accountId]),
      );
      answer(response, 200, { received: events.length, duplicates: events.length - inserted.length });
    }).catch((error: Error) => answer(response, 500, { message: error.message }));
  });
  server.listen(Number(process.env['PORT']), '127.0.0.1', () => process.stdout.write('ready\n'));
  process.once('SIGTERM', () => server.close(() => void dataSource.destroy().then(() => process.exit(0))));
}

main().catch((error: Error) => {
  process.stderr.write(`floor server: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
