import type { Provider } from '@nestjs/common';
import { ConfigError, LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { developmentKeysIn, PaymentGatewayRegistry, PAYMENTS_CONFIG_ENV, paymentsConfigFromEnv, Secret, type PaymentsConfig } from '@lunas/payments';

/** DI token of the gateway accounts ({@link PaymentsConfig}); tests provide their own. */
export const PAYMENTS_CONFIG = Symbol('PAYMENTS_CONFIG');

/** Signing secret of the sandbox gateway outside production when nothing is configured. */
export const DEV_SANDBOX_SECRET = 'lunas-sandbox-development-secret';

/**
 * Gateway accounts from `LUNAS_PAYMENTS_CONFIG` (JSON `{ default?, tenants? }`, see @lunas/payments).
 * Outside production, with nothing configured, every tenant uses Lunas's own sandbox gateway served by
 * this API (the default of `npm start`); in production a development or test-mode key is refused at boot
 * and a tenant without an account gets GATEWAY_NOT_CONFIGURED ("Gateway pembayaran belum dikonfigurasi untuk mitra ini").
 */
export function resolvePaymentsConfig(env: Readonly<Record<string, string | undefined>>, config: LunasConfig): PaymentsConfig {
  const configured = paymentsConfigFromEnv(env);
  if (config.env === 'production') refuseDevelopmentKeys(configured);
  if (configured.default || Object.keys(configured.tenants).length > 0 || config.env === 'production') return configured;
  return { tenants: {}, default: { gateway: 'sandbox', baseUrl: config.publicBaseUrl, secret: new Secret(DEV_SANDBOX_SECRET) } };
}

/** Production refuses the development sandbox secret and the gateways' test-mode keys, in one line naming each. */
function refuseDevelopmentKeys(configured: PaymentsConfig): void {
  const refused = developmentKeysIn(configured, [DEV_SANDBOX_SECRET]);
  if (refused.length > 0) {
    throw new ConfigError(
      PAYMENTS_CONFIG_ENV,
      `holds development or sandbox keys, refused in production: ${refused.join(', ')}; set each account's production key`,
    );
  }
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
