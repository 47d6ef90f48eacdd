import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Customer, Invoice, Subscription, Tenant } from '@lunas/persistence';
import type { Request } from 'express';
import { DataSource, In } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { renderIsolirPage, type IsolirPageModel } from './isolir-page';

/**
 * The isolir page (`/isolir`): the router sends every web request of an isolated customer here (README "RouterOS
 * rules"). The customer is recognised by the source address of the request, which is the address FreeRADIUS
 * accounting shows for their open session; the page lists what is due with the pay links, and says the service is
 * restored once it is. Public: the router's redirect carries no credentials; it reveals nothing to other addresses.
 */
@ApiExcludeController()
@Controller('isolir')
export class IsolirController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async show(@Req() request: Request): Promise<string> {
    return renderIsolirPage(await this.model((request.ip ?? '').replace(/^::ffff:/, '')));
  }

  private async model(address: string): Promise<IsolirPageModel> {
    const [session]: Array<{ username: string }> = await this.dataSource.query(
      `SELECT username FROM radacct WHERE acctstoptime IS NULL AND host(framedipaddress) = $1 ORDER BY acctstarttime DESC NULLS LAST LIMIT 1`,
      [address],
    );
    if (!session) return { kind: 'unknown' };
    const subscriptions = await this.dataSource.manager.findBy(Subscription, { pppoeUsername: session.username });
    const subscription = subscriptions.find((s) => s.status !== 'cancelled') ?? subscriptions[0];
    if (!subscription) return { kind: 'unknown' };
    const [tenant, customer] = await Promise.all([
      this.dataSource.manager.findOneByOrFail(Tenant, { id: subscription.tenantId }),
      this.dataSource.manager.findOneByOrFail(Customer, { id: subscription.customerId }),
    ]);
    const who = { businessName: tenant.businessName, customerName: customer.name };
    if (subscription.status !== 'suspended') return { kind: 'restored', ...who };
    const invoices = await this.dataSource.manager.find(Invoice, { where: { subscriptionId: subscription.id, status: In(['unpaid', 'partial']) }, order: { period: 'ASC' } });
    return {
      kind: 'isolated',
      ...who,
      invoices: invoices.map((i) => ({ number: i.number, period: i.period, balance: i.total - i.amountPaid, token: i.receiptToken })),
    };
  }
}
