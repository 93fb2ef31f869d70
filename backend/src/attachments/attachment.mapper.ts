import type { AttachmentContentType, AttachmentView } from '@repairhub/contracts';

export interface AttachmentRow {
  id: string;
  repair_request_id: string;
  uploaded_by: string;
  file_name: string;
  content_type: AttachmentContentType;
  size: number;
  thumbnail_key: string | null;
  created_at: Date | string;
}

export const ATTACHMENT_COLUMNS = (a: string) =>
  `${a}.id, ${a}.repair_request_id, ${a}.uploaded_by, ${a}.file_name, ${a}.content_type, ${a}.size, ${a}.thumbnail_key, ${a}.created_at`;

export function toAttachmentView(row: AttachmentRow): AttachmentView {
  return {
    id: row.id,
    repairRequestId: row.repair_request_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    hasThumbnail: row.thumbnail_key !== null,
    uploadedBy: row.uploaded_by,
    createdAt: (row.created_at instanceof Date ? row.created_at : new Date(row.created_at)).toISOString(),
  };
}
