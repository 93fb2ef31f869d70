import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { ATTACHMENT_COLUMNS, type AttachmentRow } from './attachment.mapper.js';

/** The attachments table's owner for the writes other features make (chat sends them with a message). */
@Injectable()
export class AttachmentsRepository {
  /**
   * In the message's transaction: links those of `ids` that `uploaderId` uploaded to the repair and
   * has not sent yet to `messageId`, and returns them (fewer than asked when some are not theirs).
   */
  linkToMessage(m: EntityManager, messageId: string, repairId: string, uploaderId: string, ids: string[]): Promise<AttachmentRow[]> {
    return queryRows<AttachmentRow>(
      m,
      `UPDATE attachments att SET message_id = $1
        WHERE att.id = ANY($2::uuid[]) AND att.repair_request_id = $3 AND att.uploaded_by = $4 AND att.message_id IS NULL
        RETURNING ${ATTACHMENT_COLUMNS('att')}`,
      [messageId, ids, repairId, uploaderId],
    );
  }
}
