import { Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module.js';
import { EmailDeliveryWorker } from './email-delivery.worker.js';
import { EmailSender } from './email-sender.js';
import { EmailOutboxController, PreferencesController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  imports: [ChatModule],
  controllers: [EmailOutboxController, PreferencesController],
  providers: [NotificationsService, EmailSender, EmailDeliveryWorker],
  exports: [NotificationsService],
})
export class NotificationsModule {}
