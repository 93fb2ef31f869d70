/** Content types an attachment may have once stored (HEIC photos are stored as JPEG). */
export const ATTACHMENT_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/** Limits the API enforces on uploads; the apps check them first to explain a refusal before sending. */
export const ATTACHMENT_LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxPerRepair: 20,
  maxFileNameLength: 200,
} as const;

/** A photo or document attached to a repair request (at intake, in the chat, or by the technician). */
export interface AttachmentView {
  id: string;
  repairRequestId: string;
  fileName: string;
  contentType: AttachmentContentType;
  size: number;
  /** True for images: `GET /attachments/:id?variant=thumbnail` serves a small WebP preview. */
  hasThumbnail: boolean;
  uploadedBy: string;
  createdAt: string;
}
