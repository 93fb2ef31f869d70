import { Module } from '@nestjs/common';
import { EmailOutbox } from './email-outbox.js';
import { EmailSender } from './email-sender.js';
import { NotificationsRepository } from './notifications.repository.js';

/** The email outbox writer, its table's repository and the SMTP sender, shared by repair notifications and account emails. */
@Module({
  providers: [EmailOutbox, EmailSender, NotificationsRepository],
  exports: [EmailOutbox, EmailSender, NotificationsRepository],
})
export class EmailOutboxModule {}
