import { randomUUID } from 'node:crypto';
import {
  Invoice, InvoiceItem, NetworkActionLog, NotificationLog, Payment, PaymentAllocation, Subscription, type Tenant,
} from '@lunas/persistence';
import { insertSubscription, insertTenant, type SubscriptionFixture } from '@lunas/persistence/testing';
import type { EntityManager } from 'typeorm';

/** An instant given as Jakarta wall time, e.g. `wib('2026-11-04 10:00')`. */
export const wib = (at: string) => new Date(`${at.replace(' ', 'T')}:00+07:00`);

export interface FinanceCalendar {
  mitraA: Tenant;
  mitraB: Tenant;
  /** Subscriptions of mitra A by customer: c1 … c6. */
  subs: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6', SubscriptionFixture>;
}

const PKG = { subtotal: 150_000, dpp: 150_000, ppnRate: 0.11, ppnAmount: 16_500, total: 166_500 };

/**
 * The calendar every finance test reads (as of Friday 20 November 2026, Asia/Jakarta). Mitra A bills Rp 150.000
 * + 11 % PPN = Rp 166.500 per invoice:
 *
 * | inv | cust | issued | due   | what happens                                                                       |
 * |-----|------|--------|-------|------------------------------------------------------------------------------------|
 * | I5  | c5   | 09-01  | 09-05 | late fee 10.000 on 09-12; never paid; c5 suspended (step `suspend`) on 10-01          |
 * | I6  | c1   | 10-01  | 10-02 | paid 10-03 cash (P3 166.500)                                                         |
 * | I7  | c2   | 10-03  | 10-05 | late fee 10.000 on 10-12; paid 10-25 transfer (P4 176.500)                           |
 * | I8  | c3   | 10-10  | 10-18 | never paid; voided 11-08 (written off 166.500)                                       |
 * | I1  | c1   | 11-01  | 11-02 | issued notice 11-01, reminder 1 on 11-03, paid 11-04 QRIS (P1 166.500)              |
 * | I2  | c2   | 11-03  | 11-05 | notice 11-03, reminder 1 11-08, reminder 2 + late fee 10.000 11-12, suspended 11-19  |
 * | I3  | c3   | 11-10  | 11-18 | notice 11-10; part paid 11-20 VA (P2 66.500)                                         |
 * | I4  | c4   | 11-15  | 11-25 | notice 11-15 (failed to send)                                                        |
 *
 * c3 is suspended by hand on 11-16 and unsuspended on 11-17; c6 starts on 11-10 (no invoice yet). Messages not
 * about dunning: 11-19 one sent; 11-20 two sent (one simulated) and one failed. Mitra B has one unpaid invoice
 * of Rp 200.000 (no PPN) issued 11-05, due 11-06.
 */
export async function seedFinanceCalendar(m: EntityManager): Promise<FinanceCalendar> {
  const mitraA = await insertTenant(m, { businessName: 'Net Sukamaju' });
  const mitraB = await insertTenant(m, { businessName: 'WiFi Mekarjaya', ppnRateBasisPoints: 0 });
  const c1 = await insertSubscription(m, mitraA);
  const subs = { c1, c2: await insertSubscription(m, mitraA), c3: await insertSubscription(m, mitraA), c4: await insertSubscription(m, mitraA), c5: await insertSubscription(m, mitraA), c6: await insertSubscription(m, mitraA) };
  await m.update(Subscription, { id: subs.c6.subscription.id }, { startedOn: '2026-11-10' });

  const invoice = async (f: SubscriptionFixture, period: string, issued: string, due: string, more: Partial<Invoice> = {}) =>
    m.save(Invoice, m.create(Invoice, {
      tenantId: f.tenant.id, subscriptionId: f.subscription.id, customerId: f.customer.id, number: `INV/${period}/${randomUUID().slice(0, 6)}`,
      period, periodStart: `${period}-01`, periodEnd: `${period}-28`, issuedAt: wib(issued), dueAt: wib(`${due} 00:00`), ...PKG, ...more,
    }));
  const lateFee = (inv: Invoice, at: string) =>
    m.save(InvoiceItem, m.create(InvoiceItem, { invoiceId: inv.id, kind: 'late_fee', description: 'Denda keterlambatan', amount: 10_000, position: 1, createdAt: wib(at) }));
  const pay = async (inv: Invoice, amount: number, at: string, gateway: string, method: string) => {
    const payment = await m.save(Payment, m.create(Payment, {
      tenantId: inv.tenantId, invoiceId: inv.id, customerId: inv.customerId, gateway, gatewayTransactionId: randomUUID(), method, amount, status: 'succeeded', paidAt: wib(at),
    }));
    await m.save(PaymentAllocation, m.create(PaymentAllocation, { paymentId: payment.id, invoiceId: inv.id, amount }));
  };
  const notice = (f: SubscriptionFixture, inv: Invoice | null, template: string, at: string, status: NotificationLog['status'] = 'sent') =>
    m.save(NotificationLog, m.create(NotificationLog, {
      tenantId: f.tenant.id, subscriptionId: f.subscription.id, customerId: f.customer.id, invoiceId: inv?.id ?? null, channel: 'whatsapp', template,
      recipient: '6281234567890', idempotencyKey: randomUUID(), status, createdAt: wib(at),
    }));
  const network = (f: SubscriptionFixture, action: 'suspend' | 'unsuspend', key: string, trigger: string, at: string) =>
    m.save(NetworkActionLog, m.create(NetworkActionLog, {
      tenantId: f.tenant.id, subscriptionId: f.subscription.id, action, idempotencyKey: `${f.subscription.id}:${action}:${key}`, result: 'simulated', detail: { trigger }, createdAt: wib(at),
    }));

  const i5 = await invoice(subs.c5, '2026-09', '2026-09-01 06:00', '2026-09-05');
  await lateFee(i5, '2026-09-12 09:00');
  await network(subs.c5, 'suspend', '2026-09:suspend', 'suspend', '2026-10-01 09:00');

  const i6 = await invoice(subs.c1, '2026-10', '2026-10-01 06:00', '2026-10-02', { status: 'paid', amountPaid: 166_500, paidAt: wib('2026-10-03 11:00') });
  await pay(i6, 166_500, '2026-10-03 11:00', 'manual', 'cash');

  const i7 = await invoice(subs.c2, '2026-10', '2026-10-03 06:00', '2026-10-05', { status: 'paid', amountPaid: 166_500, paidAt: wib('2026-10-25 14:00') });
  await lateFee(i7, '2026-10-12 09:00');
  await pay(i7, 176_500, '2026-10-25 14:00', 'bank_csv', 'transfer');

  await invoice(subs.c3, '2026-10', '2026-10-10 06:00', '2026-10-18', { status: 'void', voidedAt: wib('2026-11-08 10:00') });

  const i1 = await invoice(subs.c1, '2026-11', '2026-11-01 06:00', '2026-11-02', { status: 'paid', amountPaid: 166_500, paidAt: wib('2026-11-04 10:00') });
  await notice(subs.c1, i1, 'invoice_issued', '2026-11-01 08:00');
  await notice(subs.c1, i1, 'payment_reminder_1', '2026-11-03 09:00');
  await pay(i1, 166_500, '2026-11-04 10:00', 'midtrans', 'qris');

  const i2 = await invoice(subs.c2, '2026-11', '2026-11-03 06:00', '2026-11-05');
  await notice(subs.c2, i2, 'invoice_issued', '2026-11-03 08:00');
  await notice(subs.c2, i2, 'payment_reminder_1', '2026-11-08 09:00');
  await notice(subs.c2, i2, 'payment_reminder_2', '2026-11-12 09:00');
  await lateFee(i2, '2026-11-12 09:00');
  await network(subs.c2, 'suspend', '2026-11:suspend', 'suspend', '2026-11-19 09:00');

  const i3 = await invoice(subs.c3, '2026-11', '2026-11-10 06:00', '2026-11-18', { status: 'partial', amountPaid: 66_500 });
  await notice(subs.c3, i3, 'invoice_issued', '2026-11-10 08:00');
  await pay(i3, 66_500, '2026-11-20 10:00', 'xendit', 'va');
  await network(subs.c3, 'suspend', '2026-11:manual-1', 'manual', '2026-11-16 09:00');
  await network(subs.c3, 'unsuspend', '2026-11:manual-1', 'manual', '2026-11-17 09:00');

  const i4 = await invoice(subs.c4, '2026-11', '2026-11-15 06:00', '2026-11-25');
  await notice(subs.c4, i4, 'invoice_issued', '2026-11-15 08:00', 'failed');

  await notice(subs.c1, null, 'receipt', '2026-11-19 12:00');
  await notice(subs.c1, null, 'receipt', '2026-11-20 12:00');
  await notice(subs.c3, null, 'receipt', '2026-11-20 12:05', 'simulated');
  await notice(subs.c4, null, 'custom', '2026-11-20 13:00', 'failed');

  const b = await insertSubscription(m, mitraB);
  await invoice(b, '2026-11', '2026-11-05 06:00', '2026-11-06', { subtotal: 200_000, dpp: 200_000, ppnRate: 0, ppnAmount: 0, total: 200_000 });
  return { mitraA, mitraB, subs };
}
