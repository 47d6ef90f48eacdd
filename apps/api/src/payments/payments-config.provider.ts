import type { Provider } from '@nestjs/common';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { PaymentGatewayRegistry, paymentsConfigFromEnv, Secret, type PaymentsConfig } from '@lunas/payments';

/** DI token of the gateway accounts ({@link PaymentsConfig}); tests provide their own. */
export const PAYMENTS_CONFIG = Symbol('PAYMENTS_CONFIG');

/** Signing secret of the sandbox gateway outside production when nothing is configured. */
export const DEV_SANDBOX_SECRET = 'lunas-sandbox-development-secret';

/**
 * Gateway accounts from `LUNAS_PAYMENTS_CONFIG` (JSON `{ default?, tenants? }`, see @lunas/payments).
 * Outside production, with nothing configured, every tenant uses Lunas's own sandbox gateway served by
 * this API (the default of `npm start`); in production a tenant without an account gets
 * GATEWAY_NOT_CONFIGURED ("Gateway pembayaran belum dikonfigurasi untuk mitra ini").
 */
export function resolvePaymentsConfig(env: Readonly<Record<string, string | undefined>>, config: LunasConfig): PaymentsConfig {
  const configured = paymentsConfigFromEnv(env);
  if (configured.default || Object.keys(configured.tenants).length > 0 || config.env === 'production') return configured;
  return { tenants: {}, default: { gateway: 'sandbox', baseUrl: config.publicBaseUrl, secret: new Secret(DEV_SANDBOX_SECRET) } };
}

export const paymentsConfigProvider: Provider = {
  provide: PAYMENTS_CONFIG,
  inject: [LUNAS_CONFIG],
  useFactory: (config: LunasConfig) => resolvePaymentsConfig(process.env, config),
};

export const gatewayRegistryProvider: Provider = {
  provide: PaymentGatewayRegistry,
  inject: [PAYMENTS_CONFIG],
  useFactory: (config: PaymentsConfig) => new PaymentGatewayRegistry(config, { fetch: (url, init) => fetch(url, init) }),
};
