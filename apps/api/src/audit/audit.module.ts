import { Global, Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditService } from './audit.service';

@Global()
@Module({ controllers: [AuditLogController], providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
