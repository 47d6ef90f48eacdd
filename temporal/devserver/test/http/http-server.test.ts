import { createServer, Server } from 'node:net';
import { startDevServer } from '../../src';

describe(startDevServer.name, () => {
  describe('uiPort', () => {
    let blocker: Server;
    afterEach(() => new Promise((resolve) => blocker?.close(resolve)));

    it('fails to start when the UI port is taken', async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const taken = (blocker.address() as { port: number }).port;
      await expect(startDevServer({ port: 0, uiPort: taken })).rejects.toThrow(/EADDRINUSE/);
    });

    it('serves the Web UI page and the API on the same port', async () => {
      const server = await startDevServer({ port: 0, uiPort: 0 });
      try {
        const page = await fetch(`http://127.0.0.1:${server.uiPort}/namespaces/default/workflows`);
        // 200 with the built UI, 503 with the "sedang dibangun" page before `nx run temporal-ui:build`.
        expect([200, 503]).toContain(page.status);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        const api = await fetch(`http://127.0.0.1:${server.uiPort}/api/v1/cluster-info`);
        expect(await api.json()).toMatchObject({ clusterName: 'active' });
      } finally {
        await server.close();
      }
    });
  });
});
