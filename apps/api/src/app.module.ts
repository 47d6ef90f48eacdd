import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { traceLogFields } from '@lunas/observability';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { databaseModule } from './bootstrap/database.module';
import { HttpDrain } from './bootstrap/http-drain';
import { TracingShutdown } from './observability/http-tracing';
import { InstantsInterceptor } from './common/instants/instants.interceptor';
import { ProblemDetailsFilter } from './common/problem-details/problem-details.filter';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { ConsoleModule } from './console/console.module';
import { CustomerPortalModule } from './customer-portal/customer-portal.module';
import { DunningPoliciesModule } from './dunning-policies/dunning-policies.module';
import { HealthModule } from './health/health.module';
import { CustomersModule } from './customers/customers.module';
import { InvoicesModule } from './invoices/invoices.module';
import { MessagingModule } from './messaging/messaging.module';
import { OperatorNotificationsModule } from './notifications/operator-notifications.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { PaymentsModule } from './payments/payments.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { SandboxGatewayModule } from './sandbox-gateway/sandbox-gateway.module';
import { TemporalModule } from './temporal/temporal.module';
import { TenantsModule } from './tenants/tenants.module';
import { SettingsModule } from './settings/settings.module';
import { ReportsModule } from './reports/reports.module';
import { CustomerImportModule } from './customer-import/customer-import.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { DemoModule } from './demo/demo.module';
import { PackagesModule } from './packages/packages.module';
import { UsersModule } from './users/users.module';
import { NetworkModule } from './network/network.module';

@Module({})
export class AppModule {
  static forRoot(config: LunasConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            mixin: traceLogFields,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'req.body.refreshToken'],
            autoLogging: { ignore: (req) => req.url === '/health' },
          },
        }),
        databaseModule(config, 'lunas-api'),
        TemporalModule,
        IdempotencyModule,
        AuditModule,
        AuthModule,
        HealthModule,
        SubscriptionsModule,
        CustomersModule,
        InvoicesModule,
        OperatorNotificationsModule,
        DunningPoliciesModule,
        TenantsModule,
        SettingsModule,
        ReportsModule,
        CustomerImportModule,
        CustomerPortalModule,
        NetworkModule,
        PaymentsModule,
        WebhooksModule,
        ReconciliationModule,
        SandboxGatewayModule,
        DemoModule,
        PackagesModule,
        UsersModule,
        MessagingModule,
        ...(config.consoleDist ? [ConsoleModule] : []),
      ],
      providers: [
        { provide: LUNAS_CONFIG, useValue: config },
        HttpDrain,
        TracingShutdown,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: InstantsInterceptor },
      ],
      exports: [LUNAS_CONFIG],
    };
  }
}
