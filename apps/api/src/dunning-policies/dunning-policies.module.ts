import { Module } from '@nestjs/common';
import { DunningPoliciesController } from './dunning-policies.controller';
import { DunningPoliciesService } from './dunning-policies.service';

@Module({ controllers: [DunningPoliciesController], providers: [DunningPoliciesService] })
export class DunningPoliciesModule {}
