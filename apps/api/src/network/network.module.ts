import { Module } from '@nestjs/common';
import { IsolirController } from './isolir.controller';
import { NetworkController } from './network.controller';
import { NetworkService } from './network.service';

@Module({ controllers: [NetworkController, IsolirController], providers: [NetworkService] })
export class NetworkModule {}
