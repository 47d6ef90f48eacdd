import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDaysToIsoDate, jakartaDateOf } from '@lunas/domain';
import { createDemoMitra, DEMO_MITRA, generateCustomers, Invoice, Subscription, User } from '@lunas/persistence';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { grantsOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { ManualPaymentsService } from '../payments/manual-payments.service';
import type { RequestContext } from '../auth/request-context';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { demoEnabled } from './demo-enabled';
import { demoStateOf, type DemoState } from './demo-plan';

/** Customers of the demo mitra on `npm start`. */
export const DEMO_CUSTOMER_COUNT = 300;
/** Faker seed: the same names, phones and addresses on every machine. */
const DEMO_FAKER_SEED = 17;
/** How long the seeder waits for a workflow to issue its activation invoice (the worker may still be starting). */
const INVOICE_WAIT_MS = 120_000;
const POLL_MS = 500;

export interface DemoSeedOptions {
  count?: number;
  env?: Record<string, string | undefined>;
}

export interface DemoSeedResult {
  /** Null when nothing was created (turned off, or the demo mitra exists). */
  tenantId: string | null;
  subscriptions: number;
}

/**
 * Creates the demo mitra and its customers, then puts each subscription in its planned state through the real
 * workflows: rows as the generator writes them, workflows started as the starter relay does (activation today, so
 * the activation invoice falls due today), then the same payment and operator actions the API runs, by the demo admin.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsService,
    private readonly payments: ManualPaymentsService,
  ) {}

  /** Runs `seed` without holding up the caller; a failure is logged, never thrown. */
  seedInBackground(): void {
    this.seed().catch((error: Error) => this.logger.error(`demo data not completed: ${error.message}`));
  }

  async seed(options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
    if (!demoEnabled(options.env ?? process.env)) {
      this.logger.log('demo data turned off (LUNAS_DEMO=false or production)');
      return { tenantId: null, subscriptions: 0 };
    }
    const count = options.count ?? DEMO_CUSTOMER_COUNT;
    const today = jakartaDateOf(Date.now());
    const tenantId = await this.dataSource.transaction(async (m) => {
      const created = await createDemoMitra(m);
      if (!created) return null;
      await generateCustomers(m, { tenantId: created, count, seed: DEMO_FAKER_SEED, codePrefix: 'DEMO-' });
      // Every demo subscription is activated today, in the same transaction, so the starter relay only ever sees these.
      await m.update(Subscription, { tenantId: created }, { status: 'active', startedOn: today, suspendedAt: null, cancelledAt: null });
      return created;
    });
    if (!tenantId) {
      this.logger.log(`demo data already present (${DEMO_MITRA.businessName})`);
      return { tenantId: null, subscriptions: 0 };
    }
    this.logger.log(`demo: ${DEMO_MITRA.businessName} with ${count} customers created; starting their workflows`);
    const rows = await this.dataSource.getRepository(Subscription).find({ where: { tenantId }, relations: { customer: true }, order: { customer: { code: 'ASC' } } });
    for (const row of rows) await this.startWorkflow(row);
    this.logger.log('demo: workflows started; moving subscriptions to their states');
    const ctx = await this.demoAdmin(tenantId);
    for (const [index, row] of rows.entries()) await this.bringTo(ctx, row, demoStateOf(index), today);
    this.logger.log(`demo: ready — log in as "${DEMO_MITRA.username}" to see ${count} subscriptions in every state`);
    return { tenantId, subscriptions: rows.length };
  }

  private async startWorkflow(row: Subscription): Promise<void> {
    while (!(await this.subscriptions.tryStartWorkflow(row))) await sleep(5_000);
  }

  private async bringTo(ctx: RequestContext, row: Subscription, state: DemoState, today: string): Promise<void> {
    if (state === 'issued') return;
    const invoice = await this.activationInvoice(row.id);
    const reason = 'Data contoh demo';
    switch (state) {
      case 'paid':
        await this.payments.record(invoice.id, { version: invoice.version, amount: invoice.total, method: 'cash' }, ctx.user, null);
        return;
      case 'promised':
        await this.subscriptions.act(ctx, row.id, 'promise-to-pay', { reason, until: addDaysToIsoDate(today, 3) });
        return;
      case 'paused':
        await this.subscriptions.act(ctx, row.id, 'pause-dunning', { reason });
        return;
      case 'suspended':
        await this.subscriptions.act(ctx, row.id, 'suspend', { reason });
        return;
      case 'cancelled':
        await this.subscriptions.act(ctx, row.id, 'cancel', { reason, mode: 'now' });
        return;
    }
  }

  /** The invoice the workflow issues at activation: the actions apply to it. */
  private async activationInvoice(subscriptionId: string): Promise<Invoice> {
    const deadline = Date.now() + INVOICE_WAIT_MS;
    for (;;) {
      const invoice = await this.dataSource.getRepository(Invoice).findOneBy({ subscriptionId });
      if (invoice) return invoice;
      if (Date.now() > deadline) throw new Error(`no activation invoice for subscription ${subscriptionId} after ${INVOICE_WAIT_MS / 1000} s`);
      await sleep(POLL_MS);
    }
  }

  /** The demo admin as the API knows a logged-in user: actions and payments are audited as theirs. */
  private async demoAdmin(tenantId: string): Promise<RequestContext> {
    const user = await this.dataSource.getRepository(User).findOneOrFail({ where: { tenantId, username: DEMO_MITRA.username }, relations: { roles: { permissions: true } } });
    const { roles, permissions } = grantsOf(user);
    const admin: AuthenticatedUser = { userId: user.id, username: user.username, tenantId, roles, permissions, isSuperadmin: false, sessionId: 'demo-seeder' };
    return { user: admin, ip: null };
  }
}
