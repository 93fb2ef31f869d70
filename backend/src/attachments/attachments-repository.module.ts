import { Module } from '@nestjs/common';
import { AttachmentsRepository } from './attachments.repository.js';

/** The attachments table's repository alone (no file storage), for chat, which runs in every app role. */
@Module({
  providers: [AttachmentsRepository],
  exports: [AttachmentsRepository],
})
export class AttachmentsRepositoryModule {}
