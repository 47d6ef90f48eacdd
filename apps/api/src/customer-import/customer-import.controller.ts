import { BadRequestException, Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { CustomerImportService } from './customer-import.service';
import { ImportJobProgressDto, ImportPreviewDto, MappingQueryDto, parseMapping, PreviewImportDto, RememberedMappingDto } from './customer-import.dto';
import { MAX_IMPORT_BYTES } from './import-csv';

const jobId = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('ID impor harus UUID yang valid.') });

@ApiTags('customer-imports')
@ApiBearerAuth()
@Controller('api/v1/customer-imports')
export class CustomerImportController {
  constructor(private readonly imports: CustomerImportService) {}

  @Get('template')
  @RequirePermissions('customer.import')
  @ApiOperation({ summary: 'The template CSV (headers and one example row)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="templat-import-pelanggan.csv"')
  template(): string {
    return this.imports.template();
  }

  @Get('mapping')
  @RequirePermissions('customer.import')
  @ApiOperation({ summary: "The mitra's remembered column mapping (of its last confirmed import), or null" })
  @ApiOkResponse({ type: RememberedMappingDto })
  async mapping(@Query() query: MappingQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<RememberedMappingDto> {
    return { mapping: await this.imports.rememberedMapping(user, targetTenant(user, query.tenantId)) };
  }

  /** Multipart: `file` (the CSV), optional `tenantId` (superadmin) and `mapping` (JSON). Only the preview job is stored. */
  @Post()
  @HttpCode(201)
  @RequirePermissions('customer.import')
  @ApiOperation({ summary: 'Upload a customer CSV: every row classified (new, update, unchanged, duplicate, invalid with reasons); nothing imported yet' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The CSV, UTF-8, comma or semicolon separated (at most 5 MB)' },
        tenantId: { type: 'string', format: 'uuid', description: 'Superadmin only' },
        mapping: { type: 'string', description: 'JSON: field → header of the file (or null)' },
      },
    },
  })
  @ApiCreatedResponse({ type: ImportPreviewDto })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  preview(@UploadedFile() file: { originalname: string; buffer: Buffer } | undefined, @Body() body: PreviewImportDto, @CurrentUser() user: AuthenticatedUser) {
    if (!file) throw new BadRequestException('Berkas CSV belum dilampirkan (kolom "file").');
    const mapping = parseMapping(body.mapping);
    return this.imports.preview(user, targetTenant(user, body.tenantId), { name: file.originalname || 'import.csv', buffer: file.buffer }, mapping);
  }

  @Post(':id/confirm')
  @HttpCode(202)
  @RequirePermissions('customer.import')
  @ApiOperation({ summary: 'Start importing a previewed file as one background job (once; audited)' })
  @ApiAcceptedResponse({ type: ImportJobProgressDto })
  confirm(@Param('id', jobId) id: string, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.imports.confirm(user, id, request.ip ?? null);
  }

  @Get(':id')
  @RequirePermissions('customer.import')
  @ApiOperation({ summary: "An import job's progress" })
  @ApiOkResponse({ type: ImportJobProgressDto })
  progress(@Param('id', jobId) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.imports.progress(user, id);
  }
}

/** A superadmin names the mitra (required); everyone else imports into their own. */
function targetTenant(user: AuthenticatedUser, tenantId: string | undefined): string {
  if (!user.isSuperadmin) return user.tenantId;
  if (!tenantId) throw new BadRequestException('Pilih mitra tujuan impor (tenantId).');
  return tenantId;
}
