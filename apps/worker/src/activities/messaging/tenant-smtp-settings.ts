import type { SmtpSettings } from '@lunas/messaging';
import { MessagingSettings, Tenant } from '@lunas/persistence';
import type { DataSource } from 'typeorm';

/**
 * The SMTP server of a tenant: its own when its settings name a host (password decrypted from the column), else the
 * default server (`SMTP_URL`) sending as `"<business name>" <default address>`, else none.
 */
export function tenantSmtpSettings(dataSource: DataSource, fallback: SmtpSettings | undefined): (tenantId: string) => Promise<SmtpSettings | undefined> {
  return async (tenantId) => {
    const [settings, tenant] = await Promise.all([dataSource.manager.findOneBy(MessagingSettings, { tenantId }), dataSource.manager.findOneBy(Tenant, { id: tenantId })]);
    if (settings?.smtpHost && settings.smtpPort) {
      return {
        host: settings.smtpHost,
        port: settings.smtpPort,
        secure: settings.smtpSecure,
        user: settings.smtpUser ?? undefined,
        password: settings.smtpPassword ?? undefined,
        from: settings.smtpFrom ?? fallback?.from ?? `tagihan@${settings.smtpHost}`,
      };
    }
    if (!fallback) return undefined;
    const address = /<([^>]+)>/.exec(fallback.from)?.[1] ?? fallback.from;
    return { ...fallback, from: tenant ? `"${tenant.businessName.replace(/"/g, "'")}" <${address}>` : fallback.from };
  };
}
