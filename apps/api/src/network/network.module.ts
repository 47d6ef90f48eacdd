import { Module } from '@nestjs/common';
import { DriftSchedules } from './drift-schedule';
import { IsolirController } from './isolir.controller';
import { NetworkController } from './network.controller';
import { NetworkService } from './network.service';

@Module({ controllers: [NetworkController, IsolirController], providers: [NetworkService, DriftSchedules] })
export class NetworkModule {}
