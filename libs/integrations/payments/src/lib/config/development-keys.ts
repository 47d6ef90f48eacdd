import type { GatewayAccountConfig, PaymentsConfig } from './payments-config';
import type { Secret } from './secret';

/**
 * Prefixes of the gateways' own test-mode keys: Midtrans sandbox server keys (`SB-Mid-server-`), Xendit
 * development-mode secret keys (`xnd_development_`), Tripay sandbox API keys (`DEV-`). With one of them
 * no money moves, so production refuses them.
 */
const SANDBOX_KEY_PREFIXES: readonly string[] = ['SB-Mid-server-', 'xnd_development_', 'DEV-'];

/**
 * The secrets of every account that production must not run with: a value from `developmentValues` (secrets
 * published in the source, such as the sandbox gateway's development secret) or a gateway's test-mode key.
 * Returns one `path.field` per such secret (the value itself is never named), empty when all are fit.
 */
export function developmentKeysIn(config: PaymentsConfig, developmentValues: readonly string[]): string[] {
  const accounts: Array<[string, GatewayAccountConfig | undefined]> = [
    ['default', config.default],
    ...Object.entries(config.tenants).map(([tenantId, account]): [string, GatewayAccountConfig] => [`tenants.${tenantId}`, account]),
  ];
  return accounts.flatMap(([path, account]) =>
    Object.entries(account ? secretsOf(account) : {})
      .filter(([, secret]) => {
        const value = secret.reveal();
        return developmentValues.includes(value) || SANDBOX_KEY_PREFIXES.some((prefix) => value.startsWith(prefix));
      })
      .map(([field]) => `${path}.${field}`),
  );
}

function secretsOf(account: GatewayAccountConfig): Record<string, Secret> {
  switch (account.gateway) {
    case 'midtrans':
      return { serverKey: account.serverKey };
    case 'xendit':
      return { secretKey: account.secretKey, callbackToken: account.callbackToken };
    case 'tripay':
      return { apiKey: account.apiKey, privateKey: account.privateKey };
    case 'sandbox':
      return { secret: account.secret };
  }
}
