import { MidtransGateway } from '../adapters/midtrans';
import { SandboxGateway } from '../adapters/sandbox';
import { TripayGateway } from '../adapters/tripay';
import { XenditGateway } from '../adapters/xendit';
import { PaymentsError } from '../gateway/errors';
import type { GatewayName, NormalisedPaymentEvent } from '../gateway/events';
import type { PaymentGatewayPort, WebhookHeaders, WebhookRejection } from '../gateway/port';
import type { FetchLike } from '../shared/http';
import type { GatewayAccountConfig, PaymentsConfig } from './payments-config';

/** Account id of the platform's own gateway account (used by tenants without one of their own). */
export const DEFAULT_ACCOUNT_ID = 'default';

export interface GatewayDependencies {
  readonly fetch: FetchLike;
  readonly clock?: () => Date;
}

/** Builds the adapter for one configured account. */
export function createGateway(account: GatewayAccountConfig, deps: GatewayDependencies): PaymentGatewayPort {
  switch (account.gateway) {
    case 'midtrans':
      return new MidtransGateway({ ...account, fetch: deps.fetch });
    case 'xendit':
      return new XenditGateway({ ...account, fetch: deps.fetch });
    case 'tripay':
      return new TripayGateway({ ...account, fetch: deps.fetch, clock: deps.clock });
    case 'sandbox':
      return new SandboxGateway({ ...account, fetch: deps.fetch, clock: deps.clock });
  }
}

export type AccountWebhookVerification =
  | { readonly ok: true; readonly accountId: string; readonly events: readonly NormalisedPaymentEvent[] }
  | { readonly ok: false; readonly rejection: WebhookRejection };

/** The further a rejection got, the more it tells: a malformed body means some account's signature matched. */
const REJECTION_DEPTH: Readonly<Record<WebhookRejection['reason'], number>> = {
  missing_signature: 0,
  bad_signature: 1,
  stale_timestamp: 2,
  malformed_payload: 3,
};

/**
 * Tenant-aware access to gateways. `forTenant` picks the tenant's own account or the platform default, as the
 * tenant's settings choose;
 * `verifyWebhook` tries every configured account of the gateway named in the URL (`/webhooks/<gateway>`)
 * and reports which account's credentials authenticated it.
 */
export class PaymentGatewayRegistry {
  private readonly accounts: ReadonlyMap<string, PaymentGatewayPort>;

  constructor(config: PaymentsConfig, deps: GatewayDependencies) {
    const entries: [string, GatewayAccountConfig][] = Object.entries(config.tenants);
    if (config.default) entries.push([DEFAULT_ACCOUNT_ID, config.default]);
    this.accounts = new Map(entries.map(([id, account]) => [id, createGateway(account, deps)]));
  }

  /**
   * Id of the account `forTenant` uses: the tenant's own when it has one and `useOwn` (its settings' gateway account
   * choice, own by default), else {@link DEFAULT_ACCOUNT_ID}.
   */
  accountIdOf(tenantId: string, useOwn = true): string {
    return useOwn && this.accounts.has(tenantId) ? tenantId : DEFAULT_ACCOUNT_ID;
  }

  /**
   * Whether events signed by an account may touch a tenant's payments and invoices: a tenant's own
   * account serves that tenant only, the default account every tenant without an account of its own,
   * an account no longer configured nobody.
   */
  serves(accountId: string, tenantId: string): boolean {
    return this.accounts.has(accountId) && this.accountIdOf(tenantId) === accountId;
  }

  /**
   * The gateway of the account {@link accountIdOf} names.
   * @throws PaymentsError GATEWAY_NOT_CONFIGURED ("Gateway pembayaran belum dikonfigurasi untuk mitra ini").
   */
  forTenant(tenantId: string, useOwn = true): PaymentGatewayPort {
    const gateway = this.accounts.get(this.accountIdOf(tenantId, useOwn));
    if (!gateway) throw PaymentsError.notConfigured(tenantId);
    return gateway;
  }

  verifyWebhook(gateway: GatewayName, rawBody: Buffer, headers: WebhookHeaders, now: Date): AccountWebhookVerification {
    let deepest: WebhookRejection = { reason: 'bad_signature', detail: `no ${gateway} account is configured` };
    let anyAccount = false;
    for (const [accountId, port] of this.accounts) {
      if (port.gateway !== gateway) continue;
      const result = port.verifyAndParseWebhook(rawBody, headers, now);
      if (result.ok) return { ok: true, accountId, events: result.events };
      if (!anyAccount || REJECTION_DEPTH[result.rejection.reason] > REJECTION_DEPTH[deepest.reason]) deepest = result.rejection;
      anyAccount = true;
    }
    return { ok: false, rejection: deepest };
  }
}
