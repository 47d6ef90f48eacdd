import { createServer } from 'node:http';
import { RouterOsSimulator } from '@lunas/network';
import { createDataSource, Subscription } from '@lunas/persistence';
import type { RunningStandIn, StandIn } from '../stand-in';
import { renderRouterOsPage } from './routeros-page';

/** The API user the simulated router accepts; register the router in the console with these. */
export const SANDBOX_ROUTEROS = { apiPort: 18728, pagePort: 3105, username: 'lunas', password: 'lunas-routeros-lab' } as const;
/** How often the router picks up PPP secrets for subscriptions of a mitra that registered it. */
const SYNC_EVERY_MS = 15_000;

/**
 * A MikroTik router managed over the RouterOS API (plain port `LUNAS_ROUTEROS_API_PORT`, default 18728), for a mitra
 * without RADIUS: register it in the console (Jaringan → method `routeros`, 127.0.0.1, the port and the user above)
 * and it holds a PPP secret and a live session for each subscription of that mitra, so a person watches a suspend
 * switch the secret to the isolir profile and cut the session, and a payment restore it.
 */
export const routerOsStandIn: StandIn = {
  name: 'Router RouterOS',
  async start(): Promise<RunningStandIn> {
    const env = process.env;
    const apiPort = Number(env['LUNAS_ROUTEROS_API_PORT'] ?? SANDBOX_ROUTEROS.apiPort);
    const router = new RouterOsSimulator({
      users: { [SANDBOX_ROUTEROS.username]: SANDBOX_ROUTEROS.password },
      profiles: { default: {}, isolir: { addressList: 'isolir' } },
      port: apiPort,
      redialAfterMs: 2_000,
    });
    await router.listen();
    const page = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(renderRouterOsPage(router, `127.0.0.1:${apiPort}, pengguna ${SANDBOX_ROUTEROS.username}`));
    });
    const pagePort = Number(env['LUNAS_ROUTEROS_PAGE_PORT'] ?? SANDBOX_ROUTEROS.pagePort);
    await new Promise<void>((resolve) => page.listen(pagePort, '127.0.0.1', resolve));
    const databaseUrl = env['DATABASE_URL'];
    const sync = databaseUrl ? syncSecrets(router, databaseUrl, apiPort) : null;
    return {
      addresses: [`page http://127.0.0.1:${pagePort}/`, `RouterOS API tcp 127.0.0.1:${apiPort} (${SANDBOX_ROUTEROS.username} / ${SANDBOX_ROUTEROS.password})`],
      stop: async () => {
        await sync?.stop();
        await router.close();
        await new Promise<void>((resolve) => page.close(() => resolve()));
      },
    };
  },
};

/** Like the ISP's operator: a PPP secret (and a dialled session) for each subscription of a mitra that registered the router. */
function syncSecrets(router: RouterOsSimulator, databaseUrl: string, apiPort: number): { stop(): Promise<void> } {
  const dataSource = createDataSource(databaseUrl, { applicationName: 'lunas-routeros-lab' });
  const known = new Set<string>();
  const once = async () => {
    if (!dataSource.isInitialized) await dataSource.initialize();
    const subscriptions = await dataSource.manager
      .createQueryBuilder(Subscription, 's')
      .addSelect('s.pppoePassword')
      .where(`s.status <> 'cancelled' AND s.pppoe_username IS NOT NULL AND s.pppoe_password IS NOT NULL`)
      .andWhere(`EXISTS (SELECT 1 FROM network_devices d WHERE d.tenant_id = s.tenant_id AND d.method = 'routeros' AND d.address = '127.0.0.1' AND d.api_port = :port)`, { port: apiPort })
      .getMany();
    for (const subscription of subscriptions) {
      const name = subscription.pppoeUsername ?? '';
      if (known.has(name)) continue;
      known.add(name);
      router.addSecret(name, subscription.pppoePassword ?? '', subscription.status === 'suspended' ? 'isolir' : 'default');
      router.dial(name, subscription.pppoePassword ?? '');
    }
  };
  const run = () => void once().catch(() => undefined);
  run();
  const timer = setInterval(run, SYNC_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
