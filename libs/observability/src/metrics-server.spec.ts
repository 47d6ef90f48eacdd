import type { AddressInfo } from 'node:net';
import { lunasMetrics } from './metrics';
import { serveMetrics } from './metrics-server';

describe(serveMetrics.name, () => {
  it('serves the registry at GET /metrics and nothing else', async () => {
    const server = await serveMetrics(0, '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      lunasMetrics.invoicesIssued.inc(3);
      const answer = await fetch(`${base}/metrics`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toContain('text/plain');
      expect(await answer.text()).toMatch(/^lunas_invoices_issued_total 3$/m);
      expect((await fetch(`${base}/other`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
