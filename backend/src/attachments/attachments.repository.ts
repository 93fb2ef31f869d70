import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { ATTACHMENT_COLUMNS, type AttachmentRecord } from './attachment.mapper.js';
import { Attachment } from './attachment.entity.js';

export type NewAttachment = Pick<Attachment, 'id' | 'repairRequestId' | 'uploadedBy' | 'fileName' | 'contentType' | 'size' | 'storageKey' | 'thumbnailKey'>;

/** The attachments table's owner (chat links them to the message they are sent with). */
@Injectable()
export class AttachmentsRepository {
  countForRepair(m: EntityManager, repairId: string): Promise<number> {
    return m.getRepository(Attachment).count({ where: { repairRequestId: repairId } });
  }

  async add(m: EntityManager, a: NewAttachment): Promise<AttachmentRecord> {
    const [row] = await queryRows<AttachmentRecord>(
      m,
      `INSERT INTO attachments (id, repair_request_id, uploaded_by, file_name, content_type, size, storage_key, thumbnail_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ATTACHMENT_COLUMNS('attachments')}`,
      [a.id, a.repairRequestId, a.uploadedBy, a.fileName, a.contentType, a.size, a.storageKey, a.thumbnailKey],
    );
    return row;
  }

  /**
   * In the message's transaction: links those of `ids` that `uploaderId` uploaded to the repair and
   * has not sent yet to `messageId`, and returns them (fewer than asked when some are not theirs).
   */
  linkToMessage(m: EntityManager, messageId: string, repairId: string, uploaderId: string, ids: string[]): Promise<AttachmentRecord[]> {
    return queryRows<AttachmentRecord>(
      m,
      `UPDATE attachments att SET message_id = $1
        WHERE att.id = ANY($2::uuid[]) AND att.repair_request_id = $3 AND att.uploaded_by = $4 AND att.message_id IS NULL
        RETURNING ${ATTACHMENT_COLUMNS('att')}`,
      [messageId, ids, repairId, uploaderId],
    );
  }

  /** Those of `keys` an attachment row holds as its original or its thumbnail. */
  async referencedKeys(m: EntityManager, keys: string[]): Promise<Set<string>> {
    const rows = await queryRows<{ storageKey: string; thumbnailKey: string | null }>(
      m,
      `SELECT storage_key AS "storageKey", thumbnail_key AS "thumbnailKey" FROM attachments
        WHERE storage_key = ANY($1::text[]) OR thumbnail_key = ANY($1::text[])`,
      [keys],
    );
    return new Set(rows.flatMap((row) => (row.thumbnailKey ? [row.storageKey, row.thumbnailKey] : [row.storageKey])));
  }
}
