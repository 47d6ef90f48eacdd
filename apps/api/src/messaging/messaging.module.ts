import { Module } from '@nestjs/common';
import { MessagingController } from './messaging.controller';
import { MessagingService } from './messaging.service';

/** Customer messaging for the console: WhatsApp pairing and status, templates, the sender's queue, bulk send, message log. */
@Module({ controllers: [MessagingController], providers: [MessagingService], exports: [MessagingService] })
export class MessagingModule {}
