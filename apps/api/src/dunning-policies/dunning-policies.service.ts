import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applyPolicySignal, type PolicyApplyMode } from '@lunas/contracts';
import { parseDunningPolicy } from './parse-policy';
import { DunningPolicy, Subscription } from '@lunas/persistence';
import { DataSource, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { tenantFilter } from '../auth/tenant-scope';
import { SubscriptionWorkflows } from '../temporal/subscription-workflows';

/** Versioned dunning policies per tenant: a change inserts a new active version, never edits one. */
@Injectable()
export class DunningPoliciesService {
  private readonly logger = new Logger(DunningPoliciesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: SubscriptionWorkflows,
    private readonly audit: AuditService,
  ) {}

  list(user: AuthenticatedUser, tenantId?: string) {
    return this.dataSource.getRepository(DunningPolicy).find({ where: tenantFilter(user, tenantId), order: { tenantId: 'ASC', version: 'DESC' } });
  }

  /**
   * Validates and stores a new version for the caller's tenant (or `tenantId` for a superadmin), then
   * tells every running subscription workflow of the tenant: from the next cycle, or now at a safe point.
   */
  async create(user: AuthenticatedUser, input: { policy: unknown; mode: PolicyApplyMode; tenantId?: string }, ip: string | null) {
    const tenantId = user.isSuperadmin && input.tenantId ? input.tenantId : user.tenantId;
    const policy = parseDunningPolicy(input.policy);
    const stored = await this.dataSource.transaction(async (manager) => {
      const previous = await manager.findOne(DunningPolicy, { where: { tenantId }, order: { version: 'DESC' }, lock: { mode: 'pessimistic_write' } });
      const version = (previous?.version ?? 0) + 1;
      const body = { ...policy, version };
      await manager.update(DunningPolicy, { tenantId, active: true }, { active: false });
      const row = await manager.save(manager.create(DunningPolicy, { tenantId, version, body, active: true, createdBy: user.userId }));
      await this.audit.record(
        { actorUserId: user.userId, tenantId, action: 'dunning_policy.create', entityType: 'dunning_policy', entityId: row.id, before: previous ? { version: previous.version } : null, after: { version, mode: input.mode, body }, sourceIp: ip },
        manager,
      );
      return row;
    });
    const notified = await this.notifyWorkflows(tenantId, stored, input.mode, user);
    return { ...stored, mode: input.mode, workflowsNotified: notified };
  }

  private async notifyWorkflows(tenantId: string, policy: DunningPolicy, mode: PolicyApplyMode, user: AuthenticatedUser): Promise<number> {
    const subscriptions = await this.dataSource.getRepository(Subscription).find({
      where: { tenantId, workflowId: Not(IsNull()), status: Not('cancelled') },
      select: { id: true, workflowId: true },
    });
    let notified = 0;
    for (const subscription of subscriptions) {
      try {
        await this.workflows.withHandle(subscription.workflowId as string, (handle) =>
          handle.signal(applyPolicySignal, { policy: policy.body, mode, actor: { userId: user.userId, name: user.username } }),
        );
        notified += 1;
      } catch (error) {
        // Workflows not told now adopt the active version when their next cycle starts (issueInvoice reports it).
        this.logger.warn(`policy v${policy.version} not signalled to ${subscription.workflowId}: ${(error as Error).message}`);
      }
    }
    return notified;
  }
}
