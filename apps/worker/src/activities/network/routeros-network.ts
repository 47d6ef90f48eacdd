import { addSecret, readPppUsers, type PppUserState, type RouterOsClient } from '@lunas/network';
import { isolirProfileOf, Subscription, type TenantIsolirProfile } from '@lunas/persistence';
import type { DataSource } from 'typeorm';
import { connectDevice, ROUTEROS_DEFAULT_PROFILE, routerOsDevices, type RouterOsConnect } from '../adapters/network/routeros-network-enforcement.adapter';

/** A subscriber as the routers show it, for the drift check. */
export interface RouterOsSubscriberState {
  /** A PPP secret exists on one of the mitra's routers. */
  provisioned: boolean;
  /** Isolated in any way: the secret has the isolir profile or a live session is in the isolir address list. */
  isolated: boolean;
  /** Not fully isolated: the secret has another profile or a live session is outside the isolir address list. */
  open: boolean;
}

/**
 * What the mitra's RouterOS-API routers hold, read once for a drift check (PPP secrets, live sessions, the isolir
 * address list of each router), with one open connection per router for the repairs that need one.
 */
export class RouterOsNetwork {
  private constructor(
    private readonly dataSource: DataSource,
    private readonly isolir: TenantIsolirProfile,
    private readonly clients: RouterOsClient[],
    private readonly users: Map<string, PppUserState>,
  ) {}

  static async read(dataSource: DataSource, tenantId: string, connect: RouterOsConnect): Promise<RouterOsNetwork> {
    const isolir = await isolirProfileOf(dataSource.manager, tenantId);
    const clients: RouterOsClient[] = [];
    const users = new Map<string, PppUserState>();
    try {
      for (const device of await routerOsDevices(dataSource.manager, tenantId)) {
        const client = await connectDevice(connect, device);
        clients.push(client);
        for (const [name, state] of await readPppUsers(client, isolir.addressList)) {
          const known = users.get(name);
          users.set(name, known ? { secret: known.secret ?? state.secret, sessions: [...known.sessions, ...state.sessions], isolatedAddresses: [...known.isolatedAddresses, ...state.isolatedAddresses] } : state);
        }
      }
    } catch (error) {
      for (const client of clients) client.close();
      throw error;
    }
    return new RouterOsNetwork(dataSource, isolir, clients, users);
  }

  stateOf(userName: string): RouterOsSubscriberState {
    const user = this.users.get(userName);
    const isolirProfile = user?.secret?.profile === this.isolir.routerProfile;
    const listed = user?.isolatedAddresses.length ?? 0;
    return { provisioned: Boolean(user?.secret), isolated: isolirProfile || listed > 0, open: !isolirProfile || listed < (user?.sessions.length ?? 0) };
  }

  /** Adds the subscription's PPP secret on the mitra's first router, with the profile its billing state calls for. */
  async addSecretOf(subscriptionId: string): Promise<void> {
    const subscription = await this.dataSource.manager.createQueryBuilder(Subscription, 's').addSelect('s.pppoePassword').where('s.id = :subscriptionId', { subscriptionId }).getOne();
    const [client] = this.clients;
    if (!client || !subscription?.pppoeUsername || !subscription.pppoePassword) return;
    await addSecret(client, {
      name: subscription.pppoeUsername,
      password: subscription.pppoePassword,
      profile: subscription.status === 'suspended' ? this.isolir.routerProfile : ROUTEROS_DEFAULT_PROFILE,
    });
  }

  close(): void {
    for (const client of this.clients) client.close();
  }
}
