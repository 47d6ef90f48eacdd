import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Tenant } from '@lunas/persistence';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { GenerateInvoicesDto, GenerationJobAcceptedDto, GenerationJobReportDto } from './generate-invoices.dto';
import { InvoiceGenerationJobs } from './invoice-generation-jobs';
import { InvoiceGenerationRunner } from './invoice-generation.runner';

const OTHER_TENANT = 'Anda hanya dapat menerbitkan tagihan untuk mitra Anda sendiri.';
const UNKNOWN_TENANT = 'Mitra tidak ditemukan.';
const UNKNOWN_JOB = 'Proses penerbitan tagihan tidak ditemukan.';

/**
 * Manual issue of next period's invoices (004: "Generate tagihan pra-bayar bulan depan"): a superadmin for every
 * tenant or one, anyone else holding `invoice.issue` for their own tenant only. The invoices are issued by the
 * subscriptions' workflows ({@link InvoiceGenerationRunner}); this records the job, audits who started it and
 * reports its progress.
 */
@Injectable()
export class InvoiceGenerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: InvoiceGenerationJobs,
    private readonly runner: InvoiceGenerationRunner,
    private readonly audit: AuditService,
  ) {}

  async start(user: AuthenticatedUser, dto: GenerateInvoicesDto, ip: string | null): Promise<GenerationJobAcceptedDto> {
    const tenantId = await this.scope(user, dto.tenantId);
    const period = dto.period ?? null;
    const job = await this.dataSource.transaction(async (manager) => {
      const created = await this.jobs.create(manager, { tenantId, period, requestedBy: user.userId });
      await this.audit.record(
        {
          actorUserId: user.userId,
          tenantId: tenantId ?? user.tenantId,
          action: 'invoice.generate',
          entityType: 'invoice_generation_job',
          entityId: created.id,
          after: { tenantId, period, subscriptions: created.total },
          sourceIp: ip,
        },
        manager,
      );
      return created;
    });
    this.runner.start(job.id);
    return { jobId: job.id, total: job.total, statusUrl: `/api/v1/invoices/generate/${job.id}` };
  }

  async report(user: AuthenticatedUser, jobId: string): Promise<GenerationJobReportDto> {
    const job = await this.jobs.find(jobId);
    if (!job || (!user.isSuperadmin && job.tenantId !== user.tenantId)) throw new NotFoundException(UNKNOWN_JOB);
    return this.jobs.report(job);
  }

  /** The tenant the job covers (null: every tenant, superadmin only). */
  private async scope(user: AuthenticatedUser, requested: string | undefined): Promise<string | null> {
    if (!user.isSuperadmin) {
      if (requested && requested !== user.tenantId) throw new ForbiddenException(OTHER_TENANT);
      return user.tenantId;
    }
    if (!requested) return null;
    if (!(await this.dataSource.getRepository(Tenant).existsBy({ id: requested }))) throw new BadRequestException(UNKNOWN_TENANT);
    return requested;
  }
}
