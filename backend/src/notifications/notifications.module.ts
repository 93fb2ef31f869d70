import { Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module.js';
import { UsersModule } from '../users/users.module.js';
import { EmailDeliveryWorker } from './email-delivery.worker.js';
import { EmailOutboxModule } from './email-outbox.module.js';
import { EmailOutboxController, PreferencesController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  imports: [ChatModule, EmailOutboxModule, UsersModule],
  controllers: [EmailOutboxController, PreferencesController],
  providers: [NotificationsService, EmailDeliveryWorker],
  exports: [NotificationsService],
})
export class NotificationsModule {}
