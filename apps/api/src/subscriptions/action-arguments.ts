import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { InternetPackage, Invoice, Subscription, Tenant } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';

const PACKAGE_UNUSABLE = 'Paket tidak ditemukan atau tidak aktif.';
const INVOICE_NOT_OURS = 'Tagihan tidak ditemukan pada langganan ini.';

/**
 * An active package the tenant may sell (its own, or a global package of the platform tenant); refuses any other
 * with a 400 before anything is written or signalled.
 */
export async function usablePackage(manager: EntityManager, packageId: string, tenantId: string): Promise<InternetPackage> {
  const pkg = await manager.findOneBy(InternetPackage, { id: packageId, isActive: true });
  const offered = pkg && (pkg.tenantId === tenantId || (await manager.existsBy(Tenant, { id: pkg.tenantId, kind: 'platform' })));
  if (!pkg || !offered) throw new BadRequestException(PACKAGE_UNUSABLE);
  return pkg;
}

/**
 * Checks the records an operator action names against the subscription, so that the workflow is only asked what it
 * can do: `void-invoice` an invoice of this very subscription that is not void yet (404 for any other, another
 * tenant's included; 409 for a void one), `change-package` to an active package the tenant may sell (the same package is the workflow's to refuse).
 */
export async function checkActionArguments(manager: EntityManager, subscription: Subscription, action: string, input: Record<string, unknown>): Promise<void> {
  if (action === 'void-invoice') {
    const invoice = await manager.findOneBy(Invoice, { id: input['invoiceId'] as string });
    if (!invoice || invoice.tenantId !== subscription.tenantId || invoice.subscriptionId !== subscription.id) throw new NotFoundException(INVOICE_NOT_OURS);
    if (invoice.status === 'void') throw new ConflictException(`Tagihan ${invoice.number} sudah dibatalkan.`);
  }
  if (action === 'change-package') await usablePackage(manager, input['packageId'] as string, subscription.tenantId);
}
