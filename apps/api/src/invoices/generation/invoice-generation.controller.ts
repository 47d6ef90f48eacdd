import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { RequirePermissions } from '../../auth/require-permissions.decorator';
import { GenerateInvoicesDto, GenerationJobAcceptedDto, GenerationJobReportDto } from './generate-invoices.dto';
import { InvoiceGenerationService } from './invoice-generation.service';

const jobIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('ID proses harus UUID yang valid.') });

@ApiTags('invoices')
@ApiBearerAuth()
@Controller('api/v1/invoices/generate')
export class InvoiceGenerationController {
  constructor(private readonly generation: InvoiceGenerationService) {}

  @Post()
  @HttpCode(202)
  @RequirePermissions('invoice.issue')
  @ApiOperation({
    summary: "Issue next period's invoices now (004: generate tagihan pra-bayar bulan depan)",
    description:
      'Superadmin: every tenant, or one with `tenantId`; a mitra admin: its own tenant only (403 for another). Each due ' +
      "subscription's workflow issues its next period's invoice now, once: a period already invoiced (by the H-1 schedule " +
      'or an earlier request) is skipped. Runs in the background; follow it with the returned status URL.',
  })
  @ApiAcceptedResponse({ type: GenerationJobAcceptedDto })
  start(@Body() body: GenerateInvoicesDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request): Promise<GenerationJobAcceptedDto> {
    return this.generation.start(user, body, request.ip ?? null);
  }

  @Get(':jobId')
  @RequirePermissions('invoice.issue')
  @ApiOperation({ summary: 'Progress of a manual issue: total, issued, skipped by reason, failed, done' })
  @ApiOkResponse({ type: GenerationJobReportDto })
  report(@Param('jobId', jobIdPipe) jobId: string, @CurrentUser() user: AuthenticatedUser): Promise<GenerationJobReportDto> {
    return this.generation.report(user, jobId);
  }
}
