import type { AttachmentView } from '@repairhub/contracts';
import { entityColumns, selectAsEntity } from '../database/entity-columns.js';
import { Attachment } from './attachment.entity.js';

/** An attachment as the views need it; inside a JSON aggregate its time arrives as text. */
export type AttachmentRecord = Omit<Attachment, 'messageId' | 'storageKey' | 'createdAt'> & { createdAt: Date | string };

const VIEW_COLUMNS = entityColumns(Attachment, ['messageId', 'storageKey']);

/** The columns of `AttachmentRecord` for alias `a`, under their property names. */
export const ATTACHMENT_COLUMNS = (a: string) => selectAsEntity(VIEW_COLUMNS, a);

export function toAttachmentView(row: AttachmentRecord): AttachmentView {
  return {
    id: row.id,
    repairRequestId: row.repairRequestId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: Number(row.size),
    hasThumbnail: row.thumbnailKey !== null,
    uploadedBy: row.uploadedBy,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
