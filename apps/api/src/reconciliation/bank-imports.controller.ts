import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { PaymentsErrorCode, PaymentsException } from '../payments/payments.exception';
import { BankImportsService, type BankImportPreview, type BankImportReport } from './bank-imports.service';
import { BankImportPreviewDto, BankImportReportDto } from './dto/bank-import.response';
import { PreviewBankImportDto } from './dto/preview-bank-import.dto';

/** Statement exports are small (a month of a busy account is < 1 MB); 5 MB leaves room and stops abuse. */
const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;

interface UploadedStatement {
  buffer: Buffer;
  originalname: string;
}

@ApiTags('bank-imports')
@ApiBearerAuth()
@Controller('api/v1/bank-imports')
export class BankImportsController {
  constructor(private readonly imports: BankImportsService) {}

  /** Multipart: `file` (the CSV export) and `bank` (bca | mandiri | bri). Nothing is recorded yet. */
  @Post('preview')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'bank'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The CSV export of the bank statement (at most 5 MB)' },
        bank: { type: 'string', enum: ['bca', 'mandiri', 'bri'] },
        year: { type: 'integer', description: 'Year of statement dates written without one' },
        tenantId: { type: 'string', format: 'uuid', description: 'Superadmin only' },
      },
    },
  })
  @ApiCreatedResponse({ type: BankImportPreviewDto })
  @RequirePermissions('payment.reconcile')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_STATEMENT_BYTES, files: 1 } }))
  preview(@UploadedFile() file: UploadedStatement | undefined, @Body() body: PreviewBankImportDto, @CurrentUser() user: AuthenticatedUser): Promise<BankImportPreview> {
    if (!file) throw new PaymentsException(PaymentsErrorCode.BankFileInvalid, 'Berkas mutasi bank belum dilampirkan (kolom "file")');
    const tenantId = user.isSuperadmin && body.tenantId ? body.tenantId : user.tenantId;
    return this.imports.preview(file.buffer, file.originalname || null, body.bank, body.year, tenantId, user);
  }

  /** Records the matched rows of a preview; returns the import report. */
  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: BankImportReportDto })
  @RequirePermissions('payment.reconcile')
  confirm(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new PaymentsException(PaymentsErrorCode.BankImportNotFound) })) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
  ): Promise<BankImportReport> {
    return this.imports.confirm(id, user, request.ip ?? null);
  }
}
