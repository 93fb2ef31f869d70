import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ATTACHMENT_LIMITS, type AttachmentView } from '@repairhub/contracts';
import { conflict, forbidden, notFound } from '../common/errors/domain-error.js';
import { repairNotFound, RepairsService } from '../repairs/repairs.service.js';
import type { Viewer } from '../repairs/repair-visibility.js';
import { prepareAttachment } from './attachment-content.js';
import { attachmentKeys } from './attachment-keys.js';
import { toAttachmentView } from './attachment.mapper.js';
import { AttachmentStorage } from './attachment-storage.js';
import { attachmentsOfVisibleRepair, visibleAttachment, visibleRepairTechnician } from './attachments.queries.js';
import { AttachmentsRepository } from './attachments.repository.js';
import { closeHeicDecoder } from './heic-decoder.js';

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

export interface AttachmentContent {
  attachment: AttachmentView;
  contentType: string;
  body: Readable;
}

const attachmentNotFound = () => notFound('ATTACHMENT.NOT_FOUND', 'Attachment');

@Injectable()
export class AttachmentsService implements OnModuleDestroy {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: AttachmentStorage,
    private readonly attachments: AttachmentsRepository,
    private readonly repairs: RepairsService,
  ) {}

  onModuleDestroy(): Promise<void> {
    return closeHeicDecoder();
  }

  /**
   * Who may upload: the owner, the assigned technician and admins (a technician who only sees an
   * unassigned request in the queue may not). Checked before the body is read.
   */
  async assertMayUpload(viewer: Viewer, repairId: string): Promise<void> {
    const repair = await visibleRepairTechnician(this.db, viewer, repairId);
    if (!repair) throw repairNotFound();
    if (viewer.role === 'technician' && repair.assignedTechnicianId !== viewer.id) {
      throw forbidden('ATTACHMENT.UPLOAD_FORBIDDEN', 'Only the technician assigned to this repair can attach files to it.');
    }
  }

  /**
   * Cleans the file, stores its bytes, then records it. The repair row is locked so two uploads
   * cannot both take the last place; if anything fails after the bytes were written they are
   * removed again, so a refused or failed upload leaves nothing behind.
   */
  async upload(viewer: Viewer, repairId: string, file: UploadedFile): Promise<AttachmentView> {
    await this.assertMayUpload(viewer, repairId);
    const prepared = await prepareAttachment(file.bytes, file.fileName);
    const id = randomUUID();
    const { key, thumbnailKey: thumbKey } = attachmentKeys(repairId, id);
    const thumbnailKey = prepared.thumbnail ? thumbKey : null;
    const written: string[] = [];
    try {
      return await this.db.transaction(async (m) => {
        await this.repairs.lock(m, repairId);
        const count = await this.attachments.countForRepair(m, repairId);
        if (count >= ATTACHMENT_LIMITS.maxPerRepair) {
          throw conflict('ATTACHMENT.LIMIT_REACHED', `A repair can have at most ${ATTACHMENT_LIMITS.maxPerRepair} attachments.`);
        }
        await this.storage.put(key, prepared.bytes, prepared.contentType);
        written.push(key);
        if (thumbnailKey) {
          await this.storage.put(thumbnailKey, prepared.thumbnail!, 'image/webp');
          written.push(thumbnailKey);
        }
        const row = await this.attachments.add(m, {
          id,
          repairRequestId: repairId,
          uploadedBy: viewer.id,
          fileName: prepared.fileName,
          contentType: prepared.contentType,
          size: prepared.bytes.length,
          storageKey: key,
          thumbnailKey,
        });
        return toAttachmentView(row);
      });
    } catch (error) {
      await Promise.allSettled(written.map((k) => this.storage.delete(k)));
      throw error;
    }
  }

  async list(viewer: Viewer, repairId: string): Promise<AttachmentView[]> {
    const rows = await attachmentsOfVisibleRepair(this.db, viewer, repairId);
    if (!rows) throw repairNotFound();
    return rows.map(toAttachmentView);
  }

  /** The bytes of an attachment (or its thumbnail) for someone who may see its repair; 404 for anyone else. */
  async content(viewer: Viewer, id: string, variant: 'original' | 'thumbnail'): Promise<AttachmentContent> {
    const row = await visibleAttachment(this.db, viewer, id);
    if (!row) throw attachmentNotFound();
    const key = variant === 'thumbnail' ? row.thumbnailKey : row.storageKey;
    if (!key) throw notFound('ATTACHMENT.NO_THUMBNAIL', 'Thumbnail');
    const body = await this.storage.get(key);
    if (!body) throw attachmentNotFound();
    return { attachment: toAttachmentView(row), contentType: variant === 'thumbnail' ? 'image/webp' : row.contentType, body };
  }
}
