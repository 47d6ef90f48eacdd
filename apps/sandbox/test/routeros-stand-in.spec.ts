import { RouterOsClient } from '@lunas/network';
import { freePort } from '@lunas/testing';
import { routerOsStandIn, SANDBOX_ROUTEROS } from '../src/routeros/routeros-router.stand-in';

describe('RouterOS router stand-in', () => {
  it('speaks the RouterOS API on its port and its page shows the secrets and the commands received', async () => {
    const [apiPort, pagePort] = [await freePort(), await freePort()];
    Object.assign(process.env, { LUNAS_ROUTEROS_API_PORT: String(apiPort), LUNAS_ROUTEROS_PAGE_PORT: String(pagePort) });
    const databaseUrl = process.env['DATABASE_URL'];
    delete process.env['DATABASE_URL'];
    const running = await routerOsStandIn.start();
    try {
      expect(running.addresses).toEqual([`page http://127.0.0.1:${pagePort}/`, `RouterOS API tcp 127.0.0.1:${apiPort} (${SANDBOX_ROUTEROS.username} / ${SANDBOX_ROUTEROS.password})`]);
      const client = await RouterOsClient.connect({ host: '127.0.0.1', port: apiPort, tls: false, username: SANDBOX_ROUTEROS.username, password: SANDBOX_ROUTEROS.password });
      await client.run('/ppp/secret/add', { name: 'ahmad.fauzi', password: 'rahasia', profile: 'isolir' });
      client.close();
      const html = await (await fetch(`http://127.0.0.1:${pagePort}/`)).text();
      expect(html).toContain('PPP secret (/ppp/secret) (1)');
      expect(html).toContain('<td>ahmad.fauzi</td>');
      expect(html).toContain('/ppp/secret/add =name=ahmad.fauzi =password=*** =profile=isolir');
      expect(html).not.toContain('rahasia');
    } finally {
      await running.stop();
      delete process.env['LUNAS_ROUTEROS_API_PORT'];
      delete process.env['LUNAS_ROUTEROS_PAGE_PORT'];
      if (databaseUrl) process.env['DATABASE_URL'] = databaseUrl;
    }
  });
});
