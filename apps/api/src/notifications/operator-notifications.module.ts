import { Module } from '@nestjs/common';
import { OperatorNotificationsController } from './operator-notifications.controller';
import { OperatorNotificationsService } from './operator-notifications.service';

@Module({ controllers: [OperatorNotificationsController], providers: [OperatorNotificationsService] })
export class OperatorNotificationsModule {}
