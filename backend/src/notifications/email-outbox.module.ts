import { Module } from '@nestjs/common';
import { EmailOutbox } from './email-outbox.js';
import { EmailSender } from './email-sender.js';

/** The email outbox writer and the SMTP sender, shared by repair notifications and account emails. */
@Module({
  providers: [EmailOutbox, EmailSender],
  exports: [EmailOutbox, EmailSender],
})
export class EmailOutboxModule {}
