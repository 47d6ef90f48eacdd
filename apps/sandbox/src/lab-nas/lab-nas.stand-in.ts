import { createServer } from 'node:http';
import { LabNas } from '@lunas/network';
import { createDataSource, LAB_NAS, Subscription } from '@lunas/persistence';
import type { RunningStandIn, StandIn } from '../stand-in';
import { renderLabNasPage } from './lab-nas-page';

/** Port of the lab NAS page (`LUNAS_LAB_NAS_PAGE_PORT`). */
const DEFAULT_PAGE_PORT = 3104;

/**
 * The lab NAS: a router simulator on loopback. With the local FreeRADIUS running (`npm start` passes its ports in
 * `LUNAS_RADIUS_AUTH_PORT` / `LUNAS_RADIUS_ACCT_PORT`) it dials a PPPoE session for every subscription of the mitra
 * it is registered for (seed: `LAB_NAS`), so a person watches a suspend cut a session and a payment restore it.
 * It answers CoA / Disconnect on `LAB_NAS.coaPort` either way.
 */
export const labNasStandIn: StandIn = {
  name: 'Lab NAS',
  async start(): Promise<RunningStandIn> {
    const env = process.env;
    const authPort = Number(env['LUNAS_RADIUS_AUTH_PORT'] ?? 0);
    const acctPort = Number(env['LUNAS_RADIUS_ACCT_PORT'] ?? 0);
    const radiusServer = authPort && acctPort ? { address: '127.0.0.1', authPort, acctPort } : undefined;
    const nas = new LabNas({ secret: env['LUNAS_RADIUS_LOOPBACK_SECRET'] ?? LAB_NAS.secret, coaPort: LAB_NAS.coaPort, radiusServer, redialAfterMs: 2_000 });
    await nas.listen();
    const radius = radiusServer ? `FreeRADIUS 127.0.0.1:${authPort}/${acctPort}` : 'tidak ada FreeRADIUS (sesi tidak dibuat)';
    const page = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(renderLabNasPage(nas, radius));
    });
    const pagePort = Number(env['LUNAS_LAB_NAS_PAGE_PORT'] ?? DEFAULT_PAGE_PORT);
    await new Promise<void>((resolve) => page.listen(pagePort, '127.0.0.1', resolve));
    if (radiusServer && env['DATABASE_URL']) void dialSeededSubscribers(nas, env['DATABASE_URL']);
    return {
      addresses: [`page http://127.0.0.1:${pagePort}/`, `CoA/Disconnect udp 127.0.0.1:${LAB_NAS.coaPort}`],
      stop: async () => {
        await nas.close();
        await new Promise<void>((resolve) => page.close(() => resolve()));
      },
    };
  },
};

/** Like each customer's router: dial the PPPoE users of the mitra the lab NAS is registered for. */
async function dialSeededSubscribers(nas: LabNas, databaseUrl: string): Promise<void> {
  const dataSource = await createDataSource(databaseUrl, { applicationName: 'lunas-lab-nas' }).initialize();
  try {
    const subscriptions = await dataSource.manager
      .createQueryBuilder(Subscription, 's')
      .addSelect('s.pppoePassword')
      .where(`s.status <> 'cancelled' AND s.pppoe_username IS NOT NULL AND s.pppoe_password IS NOT NULL`)
      .andWhere(`EXISTS (SELECT 1 FROM network_devices d WHERE d.tenant_id = s.tenant_id AND d.address = :address AND d.coa_port = :port)`, {
        address: LAB_NAS.address, port: LAB_NAS.coaPort,
      })
      .getMany();
    for (const subscription of subscriptions) {
      await nas.dial(subscription.pppoeUsername ?? '', subscription.pppoePassword ?? '').catch(() => null);
    }
  } finally {
    await dataSource.destroy();
  }
}
