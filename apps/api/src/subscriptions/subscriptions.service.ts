import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  changePackageUpdate,
  LunasSearchAttributes,
  operatorActionUpdate,
  previewQuery,
  promiseToPayUpdate,
  stateQuery,
  type ManualAction,
  type PreviewStep,
  type SubscriptionLiveState,
  type SubscriptionWorkflowState,
} from '@lunas/contracts';
import { jakartaDateOf, type DunningPolicy as DunningPolicyDocument, type Instant } from '@lunas/domain';
import { parseDunningPolicy } from '../dunning-policies/parse-policy';
import { Customer, DunningPolicy, isUniqueViolation, Subscription, Tenant } from '@lunas/persistence';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { fetchPage } from '../common/list/fetch-page';
import { subscriptionListSql } from './subscription-list.sql';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { requirePermission, type RequestContext } from '../auth/request-context';
import { assertSameTenant, tenantFilter } from '../auth/tenant-scope';
import { SubscriptionWorkflows, type WorkflowEnding, type WorkflowRunStatus } from '../temporal/subscription-workflows';
import type { CreateSubscriptionDto } from './dto/create-subscription.dto';
import type { PppoeCredentialsDto } from './dto/pppoe-credentials.dto';
import { provisionSubscription } from '../network/subscriber-provisioning';
import type { ListSubscriptionsQuery } from './dto/list-subscriptions.query';
import { checkActionArguments, usablePackage } from './action-arguments';
import { parseActionBody, SUBSCRIPTION_ACTIONS, type SubscriptionActionName } from './subscription-actions';

const NOT_FOUND = 'Langganan tidak ditemukan.';

interface SubscriptionListRow {
  workflowId: string | null;
  package: { id: string; name: string; price: string | number } | null;
  [column: string]: unknown;
}
/** Upper bound of workflows a stage filter reads from visibility (a page of the console is ≤ 100). */
const STAGE_FILTER_LIMIT = 10_000;
/** Upper bound of stopped workflows the alert lists (each is an incident; more than this is one big outage). */
const FAILED_LIST_LIMIT = 500;
const SUBSCRIPTION_CANCELLED = 'Langganan sudah dibatalkan; tidak ada lagi yang bisa diubah.';
const PPPOE_TAKEN_CONSTRAINT = 'uq_subscriptions_tenant_pppoe';
/** How each ending is said to an operator. */
const ENDING_LABELS: Record<WorkflowEnding, string> = {
  failed: 'gagal',
  terminated: 'dihentikan paksa (terminated)',
  timed_out: 'melewati batas waktu (timed out)',
  cancelled: 'dibatalkan dari Temporal (cancelled)',
};

/** Subscription records (PostgreSQL) joined with their live workflow state (Temporal). */
@Injectable()
export class SubscriptionsService {
  private readonly logger = new Logger(SubscriptionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: SubscriptionWorkflows,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, dto: CreateSubscriptionDto) {
    const subscription = await this.insert(ctx, dto).catch((error: unknown) => {
      throw isUniqueViolation(error, PPPOE_TAKEN_CONSTRAINT) ? pppoeTaken(dto.pppoeUsername) : error;
    });
    const workflowStarted = await this.tryStartWorkflow(subscription);
    return { ...subscription, workflowId: workflowStarted ? subscription.workflowId : null, workflowStarted };
  }

  /** The subscription row and its audit entry, in one transaction. */
  private async insert(ctx: RequestContext, dto: CreateSubscriptionDto): Promise<Subscription> {
    if (dto.pppoePassword !== undefined && !dto.pppoeUsername) throw new BadRequestException('pppoePassword memerlukan pppoeUsername.');
    return this.dataSource.transaction(async (manager) => {
      const customer = assertSameTenant(ctx.user, await manager.findOneBy(Customer, { id: dto.customerId }), 'Pelanggan tidak ditemukan.');
      const pkg = await usablePackage(manager, dto.packageId, customer.tenantId);
      validateDiscount(dto.discountKind ?? 'none', dto.discountValue ?? 0, pkg.price);
      const row = manager.create(Subscription, {
        tenantId: customer.tenantId,
        customerId: customer.id,
        packageId: pkg.id,
        billingDay: dto.billingDay,
        discountKind: dto.discountKind ?? 'none',
        discountValue: dto.discountValue ?? 0,
        pppoeUsername: dto.pppoeUsername ?? null,
        pppoePassword: dto.pppoePassword ?? null,
        startedOn: dto.startedOn ?? jakartaDateOf(Date.now()),
        status: 'active',
        workflowId: null,
      });
      await manager.save(row);
      await provisionSubscription(manager, row.id);
      const { pppoePassword, ...after } = dto;
      await this.audit.record(
        {
          actorUserId: ctx.user.userId, tenantId: row.tenantId, action: 'subscription.create', entityType: 'subscription', entityId: row.id,
          after: { ...after, ...(pppoePassword ? { pppoePasswordSet: true } : {}) }, sourceIp: ctx.ip,
        },
        manager,
      );
      return row;
    });
  }

  /**
   * Starts the subscription's workflow with the tenant's active policy and activation billing (the workflow issues the
   * activation invoice first) and records its id. Returns false (the starter relay retries) when Temporal is unreachable.
   * With `runningSince` (epoch ms) the workflow starts as one that has been billing since then instead: no activation
   * invoice, and an issue time that passed meanwhile is issued at once and its ladder caught up (the demo's overdue
   * subscriptions).
   */
  async tryStartWorkflow(subscription: Subscription, runningSince?: Instant): Promise<boolean> {
    try {
      const policy = await this.activePolicy(subscription.tenantId);
      const tenant = await this.dataSource.manager.findOneByOrFail(Tenant, { id: subscription.tenantId });
      subscription.workflowId = await this.workflows.start({
        subscription: {
          tenantId: subscription.tenantId,
          subscriptionId: subscription.id,
          customerId: subscription.customerId,
          billingDay: subscription.billingDay,
        },
        packageId: subscription.packageId,
        policy,
        ...(runningSince === undefined ? { activation: { date: subscription.startedOn, billing: tenant.activationBilling } } : { startedAt: runningSince }),
      });
      await this.dataSource.getRepository(Subscription).update(subscription.id, { workflowId: subscription.workflowId });
      return true;
    } catch (error) {
      this.logger.warn(`workflow of subscription ${subscription.id} not started yet: ${(error as Error).message}`);
      return false;
    }
  }

  /**
   * A page of subscriptions (PostgreSQL) with each one's live dunning state: stage, suspended, overdue since and invoice
   * number from visibility (one call for the page), amount due and next step from each workflow's state query. When
   * Temporal cannot be read the rows come with `live: null` and `liveError` says why.
   */
  async list(ctx: RequestContext, query: ListSubscriptionsQuery) {
    const scope = tenantFilter(ctx.user, query.tenantId);
    const stageIds = query.stage ? await this.subscriptionIdsInStage(query.stage, scope.tenantId) : undefined;
    const page = await fetchPage<SubscriptionListRow>(this.dataSource, subscriptionListSql(scope.tenantId, query, stageIds), query);
    const live = await this.liveStates(page.items.flatMap((row) => row.workflowId ?? []));
    return {
      ...page,
      items: page.items.map((row) => ({
        ...row,
        package: row.package && { ...row.package, price: Number(row.package.price) },
        live: (row.workflowId && live.states.get(row.workflowId)) ?? null,
        ...(live.error && row.workflowId ? { liveError: live.error } : {}),
      })),
    };
  }

  private async liveStates(workflowIds: string[]): Promise<{ states: Map<string, SubscriptionLiveState>; error?: string }> {
    try {
      const searched = await this.workflows.searchAttributesOf(workflowIds);
      // Instants stay a Date or epoch ms here: the instants interceptor renders them in WIB.
      const states = new Map<string, SubscriptionLiveState>();
      await Promise.all(
        [...searched].map(async ([workflowId, attributes]) => {
          const state = await this.workflows.withHandle(workflowId, (handle) => handle.query(stateQuery)).catch(() => null);
          states.set(workflowId, {
            ...attributes,
            overdueSince: attributes.overdueSince as unknown as string | null,
            amountDue: state ? state.balance : null,
            nextStep: state?.nextStep ? { stepId: state.nextStep.stepId, actions: state.nextStep.actions, at: state.nextStep.at as unknown as string } : null,
          });
        }),
      );
      return { states };
    } catch (error) {
      return { states: new Map(), error: `Status penagihan tidak bisa dibaca: ${(error as Error).message}` };
    }
  }

  async get(ctx: RequestContext, id: string) {
    const subscription = await this.find(ctx.user, id);
    let state: SubscriptionWorkflowState | null = null;
    let stateError: string | undefined;
    let run: WorkflowRunStatus | undefined;
    if (subscription.workflowId) {
      try {
        run = await this.workflows.runStatus(subscription.workflowId);
        state = await this.workflows.withHandle(subscription.workflowId, (handle) => handle.query(stateQuery));
      } catch (error) {
        stateError = (error as Error).message;
      }
      if (run?.stopped) stateError = workflowStoppedMessage(run.stopped.ending);
    } else {
      stateError = 'Proses penagihan belum dimulai; akan dimulai otomatis saat Temporal terjangkau.';
    }
    return { subscription, state, stateError, workflowStatus: run?.status ?? null, workflowStopped: run?.stopped ?? null };
  }

  async timeline(ctx: RequestContext, id: string) {
    const subscription = await this.find(ctx.user, id);
    const state = await this.workflows.withHandle(this.workflowIdOf(subscription), (handle) => handle.query(stateQuery));
    return { subscriptionId: id, entries: state.timeline };
  }

  async preview(ctx: RequestContext, id: string, policyInput: unknown): Promise<{ policyVersion: number; steps: PreviewStep[] }> {
    const subscription = await this.find(ctx.user, id);
    const policy = parseDunningPolicy(policyInput);
    const steps = await this.workflows.withHandle(this.workflowIdOf(subscription), (handle) => handle.query(previewQuery, policy));
    return { policyVersion: policy.version, steps };
  }

  async act(ctx: RequestContext, id: string, action: string, body: unknown) {
    const spec = SUBSCRIPTION_ACTIONS[action as SubscriptionActionName];
    if (!spec) throw new NotFoundException(`Aksi "${action}" tidak dikenal. Pilihan: ${Object.keys(SUBSCRIPTION_ACTIONS).join(', ')}.`);
    requirePermission(ctx.user, spec.permission);
    const subscription = await this.find(ctx.user, id);
    if (subscription.status === 'cancelled') throw new ConflictException(SUBSCRIPTION_CANCELLED);
    const input = await parseActionBody(spec.dto, body);
    await checkActionArguments(this.dataSource.manager, subscription, action, input);
    const manual: ManualAction = { actor: { userId: ctx.user.userId, name: ctx.user.username }, reason: input.reason };
    const workflowId = this.workflowIdOf(subscription);
    if (action === 'restart-workflow') {
      const restarted = await this.workflows.restartStopped(workflowId);
      await this.recordAction(ctx, subscription, action, { ...input, result: restarted });
      return { action, accepted: true, result: restarted };
    }
    const name = action as Exclude<SubscriptionActionName, 'restart-workflow'>;
    const result = await this.workflows.withHandle(workflowId, async (handle) => {
      switch (name) {
        case 'promise-to-pay':
          return handle.executeUpdate(promiseToPayUpdate, { args: [{ ...manual, until: input.until as string, adminOverride: Boolean(input.adminOverride) }] });
        case 'change-package':
          return handle.executeUpdate(changePackageUpdate, { args: [{ ...manual, packageId: input.packageId as string, mode: input.mode as 'next_cycle' | 'now' }] });
        case 'void-invoice':
          return handle.executeUpdate(operatorActionUpdate, { args: [{ action: 'void-invoice', ...manual, invoiceId: input.invoiceId as string }] });
        case 'cancel':
          return handle.executeUpdate(operatorActionUpdate, { args: [{ action: 'cancel', ...manual, mode: input.mode as 'end_of_period' | 'now' }] });
        case 'suspend':
        case 'unsuspend':
        case 'pause-dunning':
        case 'resume-dunning':
        case 'waive-fee':
          return handle.executeUpdate(operatorActionUpdate, { args: [{ action: name, ...manual }] });
      }
    });
    await this.recordAction(ctx, subscription, action, { ...input, ...(result ? { result } : {}) });
    return { action, accepted: true, result: result ?? null };
  }

  /**
   * New PPPoE username and/or password: the subscription row, its FreeRADIUS rows (the old username's removed, the new
   * one's written in its package and isolir state) and the audit entry change in one transaction.
   */
  async changePppoeCredentials(ctx: RequestContext, id: string, dto: PppoeCredentialsDto) {
    await this.dataSource
      .transaction(async (manager) => {
        const subscription = assertSameTenant(
          ctx.user,
          await manager.findOne(Subscription, { where: { id }, lock: { mode: 'pessimistic_write' } }),
          NOT_FOUND,
        );
        if (subscription.status === 'cancelled') throw new ConflictException(SUBSCRIPTION_CANCELLED);
        const previousUserName = subscription.pppoeUsername;
        await manager.update(Subscription, { id }, { pppoeUsername: dto.pppoeUsername, ...(dto.pppoePassword ? { pppoePassword: dto.pppoePassword } : {}) });
        await provisionSubscription(manager, id, previousUserName);
        await this.audit.record(
          {
            actorUserId: ctx.user.userId, tenantId: subscription.tenantId, action: 'subscription.change_pppoe', entityType: 'subscription', entityId: id,
            before: { pppoeUsername: previousUserName },
            after: { pppoeUsername: dto.pppoeUsername, passwordChanged: Boolean(dto.pppoePassword) },
            reason: dto.reason, sourceIp: ctx.ip,
          },
          manager,
        );
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error, PPPOE_TAKEN_CONSTRAINT) ? pppoeTaken(dto.pppoeUsername) : error;
      });
    return { id, pppoeUsername: dto.pppoeUsername, passwordChanged: Boolean(dto.pppoePassword) };
  }

  /** Subscription workflows of the caller's tenants whose latest run stopped (the console's alert). */
  async failedWorkflows(ctx: RequestContext) {
    const items = await this.workflows.listStopped(tenantFilter(ctx.user).tenantId, FAILED_LIST_LIMIT);
    return { items, total: items.length };
  }

  private async recordAction(ctx: RequestContext, subscription: Subscription, action: string, after: Record<string, unknown>): Promise<void> {
    await this.audit.record({
      actorUserId: ctx.user.userId,
      tenantId: subscription.tenantId,
      action: `subscription.${action}`,
      entityType: 'subscription',
      entityId: subscription.id,
      after,
      sourceIp: ctx.ip,
      reason: typeof after['reason'] === 'string' ? after['reason'] : null,
    });
  }

  private async find(user: AuthenticatedUser, id: string): Promise<Subscription> {
    return assertSameTenant(user, await this.dataSource.getRepository(Subscription).findOneBy({ id }), NOT_FOUND);
  }

  private workflowIdOf(subscription: Subscription): string {
    if (!subscription.workflowId) {
      throw new NotFoundException('Proses penagihan langganan ini belum dimulai; coba lagi sebentar lagi.');
    }
    return subscription.workflowId;
  }

  private async activePolicy(tenantId: string): Promise<DunningPolicyDocument> {
    const row = await this.dataSource.getRepository(DunningPolicy).findOneBy({ tenantId, active: true });
    if (!row) throw new Error(`tenant ${tenantId} has no active dunning policy`);
    return parseDunningPolicy(row.body);
  }

  private async subscriptionIdsInStage(stage: string, tenantId: string | undefined): Promise<string[]> {
    if (!/^[a-z_]{1,30}$/.test(stage)) throw new BadRequestException('Tahap penagihan tidak valid.');
    const clauses = [`${LunasSearchAttributes.dunningStage.name} = '${stage}'`, `ExecutionStatus = 'Running'`];
    if (tenantId) clauses.push(`${LunasSearchAttributes.tenantId.name} = '${tenantId}'`);
    return this.workflows.listSubscriptionIds(clauses.join(' AND '), STAGE_FILTER_LIMIT);
  }
}


/** A PPPoE username names one subscription of a tenant (also when two creations race: the constraint decides). */
function pppoeTaken(username: string | undefined): ConflictException {
  const message = `Username PPPoE "${username}" sudah dipakai langganan lain di mitra ini.`;
  return new ConflictException({ statusCode: 409, error: 'Conflict', message, errors: [{ field: 'pppoeUsername', message }] });
}

function workflowStoppedMessage(ending: WorkflowEnding): string {
  return `Alur kerja berhenti: ${ENDING_LABELS[ending]}. Langganan ini tidak ditagih sampai alur kerjanya dimulai ulang dengan aksi restart-workflow.`;
}

function validateDiscount(kind: string, value: number, price: number): void {
  if (kind === 'none' && value !== 0) throw new BadRequestException('Diskon bernilai harus memilih jenis diskon (fixed atau percent).');
  if (kind === 'percent' && value > 100) throw new BadRequestException('Diskon persen paling besar 100.');
  if (kind === 'fixed' && value > price) throw new BadRequestException('Diskon tidak boleh melebihi harga paket.');
}
