import { DynamicModule, Module } from '@nestjs/common';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { traceLogFields } from '@lunas/observability';
import { LoggerModule } from 'nestjs-pino';
import { ActivitiesModule } from './activities/activities.module';
import { TemporalWorkerService } from './temporal/temporal-worker.service';

@Module({})
export class WorkerModule {
  static forRoot(config: LunasConfig): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, mixin: traceLogFields } }),
        ActivitiesModule.forRoot(config),
      ],
      providers: [{ provide: LUNAS_CONFIG, useValue: config }, TemporalWorkerService],
      exports: [LUNAS_CONFIG],
    };
  }
}
