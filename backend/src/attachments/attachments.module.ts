import { Module } from '@nestjs/common';
import { AppConfig } from '../config/configuration.js';
import { RepairsModule } from '../repairs/repairs.module.js';
import { AttachmentStorage } from './attachment-storage.js';
import { AttachmentSweep } from './attachment-sweep.js';
import { AttachmentsController } from './attachments.controller.js';
import { AttachmentsRepositoryModule } from './attachments-repository.module.js';
import { AttachmentsService } from './attachments.service.js';
import { LocalAttachmentStorage } from './local-attachment-storage.js';
import { S3AttachmentStorage } from './s3-attachment-storage.js';

@Module({
  imports: [AttachmentsRepositoryModule, RepairsModule],
  controllers: [AttachmentsController],
  providers: [
    AttachmentsService,
    AttachmentSweep,
    {
      provide: AttachmentStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig): Promise<AttachmentStorage> | AttachmentStorage => {
        const storage = config.attachments.storage;
        return storage.kind === 's3' ? new S3AttachmentStorage(storage) : LocalAttachmentStorage.open(storage.dir);
      },
    },
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
